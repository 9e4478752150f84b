/**
 * A post case's nominees and each one's tallies, read from the case's steps as the viewer sees
 * them: a ballot the viewer may not see (not announced, or they are a nominee) shows, for every
 * nominee, only that its counts are withheld and why (the rule of `ballot-disclosure.ts`).
 */
export interface NomineeTallyView {
  stepId: string;
  kind: 'nomination' | 'ballot';
  /** A nomination: the votes the nominee received. */
  votes?: number;
  /** A ballot: the nominee's own tally and result. */
  tally?: Record<string, number>;
  outcome?: string;
  /** Why the counts are not shown to this viewer. */
  withheld?: string;
}

export interface NomineeView {
  personId: string;
  /** Still standing: the latest nomination or ballot kept them; null when that is withheld. */
  standing: boolean | null;
  tallies: NomineeTallyView[];
}

type StepView = Record<string, unknown>;

interface Candidates {
  candidates?: { personId: string; votes: number }[];
}
interface Nominee {
  personId: string;
  tally: Record<string, number>;
  outcome: string;
}

/** Who appears in the visible steps: candidates of the nominations and nominees of the ballots. */
function peopleIn(steps: StepView[], standing: string[]): string[] {
  const people = new Set(standing);
  for (const step of steps) {
    const candidates = (step.tally as Candidates | undefined)?.candidates ?? [];
    for (const c of candidates) if (c.votes > 0) people.add(c.personId);
    for (const n of (step.nominees as Nominee[] | undefined) ?? []) people.add(n.personId);
  }
  return [...people];
}

function tallyOf(step: StepView, personId: string): NomineeTallyView | null {
  const stepId = String(step.stepId);
  const withheld = Array.isArray(step.withheld) && step.withheld.length > 0;
  const reason = typeof step.tally === 'string' ? step.tally : 'withheld';
  if (step.type === 'NominationTallied') {
    if (withheld) return { stepId, kind: 'nomination', withheld: reason };
    // Someone dropped before this round was not among its candidates: no tally, not "0 votes".
    const candidate = ((step.tally as Candidates).candidates ?? []).find(
      (c) => c.personId === personId,
    );
    if (!candidate) return null;
    return { stepId, kind: 'nomination', votes: candidate.votes };
  }
  if (step.type !== 'BallotTallied') return null;
  if (withheld)
    return {
      stepId,
      kind: 'ballot',
      withheld: typeof step.reason === 'string' ? step.reason : reason,
    };
  const nominee = (step.nominees as Nominee[] | undefined)?.find((n) => n.personId === personId);
  if (!nominee) return null;
  return { stepId, kind: 'ballot', tally: nominee.tally, outcome: nominee.outcome };
}

/** `standing` null: who still stands is withheld from the reader (nominee-disclosure.ts). */
export function nomineeTallies(steps: StepView[], standing: string[] | null): NomineeView[] {
  return peopleIn(steps, standing ?? []).map((personId) => ({
    personId,
    standing: standing === null ? null : standing.includes(personId),
    tallies: steps
      .map((step) => tallyOf(step, personId))
      .filter((t): t is NomineeTallyView => t !== null),
  }));
}

/** What the case view adds for a case that fills a post: the appointee and the nominees' tallies. */
export function postCaseView(
  state: { fillsPost: boolean; appointee: string | null; nominees: string[] | null },
  steps: StepView[],
) {
  if (!state.fillsPost) return {};
  return {
    fillsPost: true,
    appointee: state.appointee,
    nomineeTallies: nomineeTallies(steps, state.nominees),
  };
}
