/**
 * Who may read a secret ballot's counts: the one rule every read path applies (case and discipline
 * views, `asOf` replays, histories, CSV and NDJSON exports).
 *
 * The design: only tallies are stored, never who voted how; a ballot that is not announced shows
 * its tally only to the roles its rule names (`visibleTo`), and the subject of a case never sees
 * the counts of its ballots. A candidate of a nomination is treated like the subject: the votes
 * they and their rivals received are about them.
 *
 * The stored event is never changed (its hash chain still verifies); what a reader may not see is
 * left out of the answer and named in `withheld`, so nobody mistakes a redacted event for a whole one.
 */

/** The reader, as the verified token describes them. */
export interface BallotViewer {
  roles: readonly string[];
  /** The reader's own person record, when they are a cadre. */
  personId?: string;
}

/** A ballot step's visibility, recorded on its tally event from the pinned definition. */
export interface BallotVisibility {
  announced: boolean;
  visibleTo: readonly string[];
}

export interface DisclosureContext {
  /**
   * Whether the reader is one of the case's people: the person it is about, or a nominee or
   * candidate any of its events named (a runner-up a later ballot no longer lists too). Every read
   * path decides it the same way: peopleOfCase on the case's state, people-of-case-stream.ts on
   * its stored events.
   */
  viewerIsSubject: boolean;
  /**
   * For an event that restates a ballot without carrying its rule (a discipline case closed
   * because no form reached the threshold, a case rejected because its ballot failed): that
   * ballot's visibility. Unknown → withheld.
   */
  ballotVisibility?: BallotVisibility | null;
  /**
   * Whether what the case's ballot concluded (a discipline ballot's `form`, CONCLUSIONS_UNTIL_DECIDED)
   * is this reader's to see even where its counts are not: the case was decided (or found
   * time-barred on that form), which makes it public, or the reader takes the step that applies
   * it. Unknown → withheld with the counts.
   */
  conclusionPublic?: boolean;
}

export const WITHHELD_FROM_SUBJECT = 'withheld from the subject';
export const NOT_ANNOUNCED = 'not announced';
export type WithholdingReason = typeof WITHHELD_FROM_SUBJECT | typeof NOT_ANNOUNCED;

export interface DisclosedData {
  data: Record<string, unknown>;
  /** Top-level fields of the event's data left out of the answer (empty: shown whole). */
  withheld: string[];
  /** Why they were left out, when they were. */
  reason?: WithholdingReason;
}

/**
 * The fields of each tally event that reveal counts or who the counts favoured. `outcome` stays:
 * the case's status tells it anyway (closed for want of a form, or on to the decision). A
 * discipline ballot's `form` is withheld with them until the decision (CONCLUSIONS_UNTIL_DECIDED).
 */
const SECRET_FIELDS: Readonly<Record<string, readonly string[]>> = {
  NominationTallied: ['tally', 'reason', 'selected', 'share', 'shares'],
  // A post case's ballot: each nominee's tally, and who passed (`appointee` is the conclusion).
  BallotTallied: ['tally', 'reason', 'decidedByHead', 'share', 'nominees', 'passed'],
  // `accumulated` tells whether any form had a majority alone: a count in all but name.
  DisciplineBallotTallied: ['tally', 'reason', 'expulsionProposal', 'accumulated'],
  // The council's vote on an introduced person: public at the session, still not the subject's to read.
  ElectionResultRecorded: ['vote', 'reason'],
  // A competitive examination's board scores (`winner` is the conclusion the result announces).
  ExamScoresRecorded: ['scores', 'reason', 'passed'],
};

/**
 * Fields of a tally that state what the collective concluded, withheld with its counts until the
 * case's decision makes them public (`conclusionPublic`): the form a discipline council's secret
 * ballot chose. Before (until Dec 2026) it was shown to every reader of the case, the subject and
 * roles the ballot's rule does not name too, while the discipline was still undecided.
 */
const CONCLUSIONS_UNTIL_DECIDED: Readonly<Record<string, readonly string[]>> = {
  DisciplineBallotTallied: ['form'],
};

/**
 * The events that make a case's ballot conclusion public: the discipline decided (its form is the
 * decision, and one departing from the council's names the recommendation), or found time-barred
 * on the form the ballot chose (its limitation names it).
 */
export const CONCLUDING_EVENTS: readonly string[] = ['DisciplineDecided', 'DisciplineTimeBarred'];

/** The streams among these events whose case has a concluding event (CONCLUDING_EVENTS). */
export function concludedStreams(
  events: readonly { streamId: string; type: string }[],
): Set<string> {
  return new Set(
    events.filter((event) => CONCLUDING_EVENTS.includes(event.type)).map((e) => e.streamId),
  );
}

/**
 * Endings a step's result writes, by event type and rule, whose reason restates that step's counts
 * ("ballot failed: 6 of 13 members for, needs more than 6.5"): a discipline case closed because no
 * form reached the threshold; a case rejected because its ballot, nomination, the council's vote or
 * the examination's scores did not carry it. Each is judged by the ballot it restates.
 */
const BALLOT_ENDINGS: Readonly<Record<string, readonly string[]>> = {
  DisciplineCaseClosed: ['ballot.no_form_reached'],
  CaseRejected: [
    'ballot.failed',
    'ballot.no_nominee_passed',
    'nomination.person_not_selected',
    'nomination.nobody_nominated',
    'election.not_elected',
    'exam.no_candidate_passed',
  ],
};

/** Whether the event ends a case for its ballot's result, restating its counts in `reason`. */
function restatesBallot(event: { type: string; data: Record<string, unknown> }): boolean {
  const rules = Object.hasOwn(BALLOT_ENDINGS, event.type) ? BALLOT_ENDINGS[event.type] : [];
  return typeof event.data.rule === 'string' && rules.includes(event.data.rule);
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** A correction of a step carries the step's event as corrected: a tally is judged as the step's own. */
const CORRECTION = 'StepCorrected';

/** The corrected tally event inside a correction, or null when the correction is of another step. */
function correctedTally(event: {
  type: string;
  data: Record<string, unknown>;
}): { type: string; data: Record<string, unknown> } | null {
  if (event.type !== CORRECTION) return null;
  const inner = event.data.corrected as { type?: unknown; data?: unknown } | undefined;
  if (typeof inner?.type !== 'string' || !(inner.type in SECRET_FIELDS)) return null;
  if (typeof inner.data !== 'object' || inner.data === null) return null;
  return { type: inner.type, data: inner.data as Record<string, unknown> };
}

/** The visibility a tally event (or a corrected tally) recorded, or null when the event is not one. */
export function ballotVisibilityOf(event: {
  type: string;
  data: Record<string, unknown>;
}): BallotVisibility | null {
  const corrected = correctedTally(event);
  if (corrected) return ballotVisibilityOf(corrected);
  if (!(event.type in SECRET_FIELDS)) return null;
  return {
    announced: event.data.announced === true,
    visibleTo: isStringList(event.data.visibleTo) ? event.data.visibleTo : [],
  };
}

function namesViewerAsCandidate(data: Record<string, unknown>, personId: string): boolean {
  const tally = data.tally as { candidates?: unknown } | undefined;
  const names = (list: unknown) =>
    Array.isArray(list) &&
    list.some((entry) => (entry as { personId?: unknown } | null)?.personId === personId);
  // A nomination's candidates, the nominees a post case's ballot tallied, an examination's candidates.
  return names(tally?.candidates) || names(data.nominees) || names(data.scores);
}

/** Why the reader may not see this ballot's counts, or undefined when they may. */
function withholdingReason(
  viewer: BallotViewer,
  visibility: BallotVisibility | null | undefined,
  viewerIsSubject: boolean,
): WithholdingReason | undefined {
  if (viewerIsSubject) return WITHHELD_FROM_SUBJECT;
  if (!visibility) return NOT_ANNOUNCED;
  if (visibility.announced) return undefined;
  return viewer.roles.some((role) => visibility.visibleTo.includes(role))
    ? undefined
    : NOT_ANNOUNCED;
}

/** The event's data as this reader may see it. Events that carry no ballot counts pass unchanged. */
export function discloseBallot(
  viewer: BallotViewer,
  event: { type: string; data: Record<string, unknown> },
  context: DisclosureContext,
): DisclosedData {
  const corrected = correctedTally(event);
  if (corrected) return discloseCorrection(viewer, event, corrected, context);
  let secret: readonly string[];
  let visibility: BallotVisibility | null | undefined;
  let subject = context.viewerIsSubject;
  if (event.type in SECRET_FIELDS) {
    const untilDecided = Object.hasOwn(CONCLUSIONS_UNTIL_DECIDED, event.type)
      ? CONCLUSIONS_UNTIL_DECIDED[event.type]
      : [];
    secret = context.conclusionPublic
      ? SECRET_FIELDS[event.type]
      : [...SECRET_FIELDS[event.type], ...untilDecided];
    visibility = ballotVisibilityOf(event);
    subject ||=
      viewer.personId !== undefined && namesViewerAsCandidate(event.data, viewer.personId);
  } else if (restatesBallot(event)) {
    secret = ['reason'];
    visibility = context.ballotVisibility;
  } else {
    return { data: event.data, withheld: [] };
  }
  const reason = withholdingReason(viewer, visibility, subject);
  if (!reason) return { data: event.data, withheld: [] };
  const data = { ...event.data };
  // In the rule's order, not the stored key order (JSONB reorders keys).
  const withheld = secret.filter((field) => field in data);
  for (const field of withheld) delete data[field];
  return { data, withheld, reason };
}

/**
 * A corrected tally is as secret as the original: the same rule judges the event inside, and
 * what it withholds is named by its path (`corrected.tally`).
 */
function discloseCorrection(
  viewer: BallotViewer,
  event: { type: string; data: Record<string, unknown> },
  corrected: { type: string; data: Record<string, unknown> },
  context: DisclosureContext,
): DisclosedData {
  const inner = discloseBallot(viewer, corrected, context);
  if (!inner.reason) return { data: event.data, withheld: [] };
  const ownReason = correctionReasonWithheld(inner.reason);
  const { reason: _reason, ...data } = event.data;
  return {
    data: {
      ...(ownReason ? data : event.data),
      corrected: { type: corrected.type, data: inner.data },
    },
    withheld: [
      ...(ownReason ? ['reason'] : []),
      ...inner.withheld.map((field) => `corrected.${field}`),
    ],
    reason: inner.reason,
  };
}

/**
 * Whether a correction's own reason (why the clerk changed the tally) is withheld with the
 * ballot's figures. From the subject and the candidates, yes: it is about their votes and may
 * restate them ("typo: 21 not 20"). From the other readers of the history (auditors, inspectors,
 * staff the unannounced ballot does not name) no: they may read why a secret tally was changed,
 * only not the tally itself (before: "lý do: undefined" on the audit timeline).
 */
export function correctionReasonWithheld(reason: WithholdingReason | undefined): boolean {
  return reason === WITHHELD_FROM_SUBJECT;
}

/**
 * Discloses the events of one or more streams read in order: remembers each stream's last ballot,
 * so a closure that restates it is judged by that ballot's visibility.
 */
export class BallotDisclosureReader {
  private readonly lastBallot = new Map<string, BallotVisibility>();

  constructor(private readonly viewer: BallotViewer) {}

  /** `conclusionPublic`: the event's case was decided (concludedStreams), judged on the whole case. */
  disclose(
    event: { streamId: string; type: string; data: Record<string, unknown> },
    viewerIsSubject: boolean,
    conclusionPublic = false,
  ): DisclosedData {
    const visibility = ballotVisibilityOf(event);
    if (visibility) this.lastBallot.set(event.streamId, visibility);
    return discloseBallot(this.viewer, event, {
      viewerIsSubject,
      ballotVisibility: this.lastBallot.get(event.streamId) ?? null,
      conclusionPublic,
    });
  }
}
