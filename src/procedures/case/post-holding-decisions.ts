import { randomUUID } from 'node:crypto';
import { EventMetadata, RecordedEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { plannedEventLanded } from '../../event-store/planned-event-landed';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { removalEffectOf } from '../removal/removal-decision';
import { PostsOnRecord } from '../../cadres/person/posts-held-on';
import { postsAMoveEnds } from './decider/posts-a-move-ends';

/**
 * The stream where the decisions about one person's holding of one post meet
 * (`postholding-<person>/<post>`, each part escaped so that a slash in an id cannot merge two
 * streams): a decision that ends the holding (a removal, or a move of the person elsewhere: an
 * appointment, a rotation, a transfer) and one that continues it (a re-appointment, an extension)
 * each append there, in the same write as the decision, at the revision read before it was
 * decided. Of two such decisions taken at once the store lets one through; the other is decided
 * again and reads the first. Before, both read the person's record before either's effects
 * (written by the record saga afterwards) landed, and both were decided: the record showed the
 * post ended by the removal and a new term of it to come.
 */
export const postHoldingStream = (personId: string, positionId: string): string =>
  `postholding-${encodeURIComponent(personId)}/${encodeURIComponent(positionId)}`;

/** What a decision does to the holding: ends it before its term runs out, or continues the term. */
export type PostHoldingEffect = 'ends' | 'continues';

/** A decision about the holding, as its stream records it. */
export type PostHoldingDecision = {
  caseId: string;
  procedure: string;
  /** The case's unit: the stream lies in it, as the case's own does. */
  orgUnitId: string;
  personId: string;
  positionId: string;
  effect: PostHoldingEffect;
  effectiveFrom: string;
  decisionRef: string;
  /** How the record will word the end (`PostEnded.reason`) of a decision that ends the holding. */
  reason: string;
};

/**
 * The events of a holding's stream: a decision taken (`PostHoldingDecided`), and one withdrawn
 * (`decisionId`) because the write it was made for was refused after it (a store writing stream
 * by stream). Nothing else changes a decision once issued: it is neither corrected
 * (`step.correction_of_decision`) nor withdrawn (`case.closed`), so its record here stays true;
 * a way to change one would have to append here in the same write.
 */
export type PostHoldingEvent =
  | { type: 'PostHoldingDecided'; data: PostHoldingDecision }
  | {
      type: 'PostHoldingDecisionWithdrawn';
      data: {
        decisionId: string;
        caseId: string;
        /** `revised_on_complaint`: a discipline's end a complaint review gave the post back from. */
        reason: 'decision_not_written' | 'revised_on_complaint';
      };
    };

/** The holding's stream as a decision read it: its decisions and the revision to append at. */
export interface PostHoldingRead {
  personId: string;
  positionId: string;
  revision: number | null;
  decisions: PostHoldingDecision[];
}

/**
 * What the case's decision does to the holding of its person's post: a removal other than a
 * suspension ends it; a case its definition withdraws when the post ends (`withdrawnWhenPostEnds`:
 * a re-appointment, an extension) continues it. Null for every other decision.
 */
export function postHoldingEffectOf(
  state: { procedure: string; definitionId: string },
  definition: Pick<ProcedureDefinition, 'withdrawnWhenPostEnds'>,
): PostHoldingEffect | null {
  if (state.procedure === 'removal')
    return removalEffectOf(state.definitionId) === 'ends_post' ? 'ends' : null;
  return definition.withdrawnWhenPostEnds === true ? 'continues' : null;
}

/** The decisions a holding's stream holds, oldest first: each not withdrawn since. */
export function postHoldingDecisionsOf(events: readonly RecordedEvent[]): PostHoldingDecision[] {
  const withdrawn = new Set(
    events
      .filter((event) => event.type === 'PostHoldingDecisionWithdrawn')
      .map((event) => (event.data as { decisionId: string }).decisionId),
  );
  return events
    .filter((event) => event.type === 'PostHoldingDecided' && !withdrawn.has(event.id))
    .map((event) => event.data as PostHoldingDecision);
}

/**
 * The decisions about the holding of the case's post by its person, for a case whose decision
 * ends or continues it (`postHoldingEffectOf`); undefined for any other.
 */
export async function postHoldingReadFor(
  store: Pick<EventStore, 'readStream'>,
  state: { procedure: string; definitionId: string; personId: string; positionId: string },
  { definition }: { definition: Pick<ProcedureDefinition, 'withdrawnWhenPostEnds'> },
): Promise<PostHoldingRead | undefined> {
  if (!postHoldingEffectOf(state, definition)) return undefined;
  return readPostHolding(store, state.personId, state.positionId);
}

/**
 * The holdings of the posts a decision moving its person (an appointment, a rotation, a transfer)
 * ends on `effectiveFrom` (`postsAMoveEnds` over the record read, `record`), each read as above:
 * the decision records its end on each. Read before it is decided, it cannot know the elected posts
 * the decider leaves alone: it reads them too, and the decision records nothing there.
 */
export async function postsEndedHoldingsFor(
  store: Pick<EventStore, 'readStream'>,
  move: { procedure: string; caseId: string; positionId: string; personId: string },
  record: PostsOnRecord | undefined,
  effectiveFrom: string,
): Promise<PostHoldingRead[]> {
  if (!record) return [];
  const ended = postsAMoveEnds(record, { ...move, effectiveFrom });
  return Promise.all(ended.map((post) => readPostHolding(store, move.personId, post.positionId)));
}

async function readPostHolding(
  store: Pick<EventStore, 'readStream'>,
  personId: string,
  positionId: string,
): Promise<PostHoldingRead> {
  const events = await store.readStream(postHoldingStream(personId, positionId));
  const revision = events.length ? events[events.length - 1].revision : null;
  return { personId, positionId, revision, decisions: postHoldingDecisionsOf(events) };
}

/**
 * The decision taken by another case that ends the holding before `termEnd` (the end of the term
 * held; null: a term without an end, which any such decision cuts short): the last, or undefined.
 */
export function holdingEndedBefore(
  read: PostHoldingRead | undefined,
  caseId: string,
  termEnd: string | null,
): PostHoldingDecision | undefined {
  return read?.decisions
    .filter((decision) => decision.effect === 'ends' && decision.caseId !== caseId)
    .filter((decision) => termEnd === null || decision.effectiveFrom < termEnd)
    .at(-1);
}

/** The append recording `decision` on its holding's stream at the revision read. */
export function postHoldingAppend(
  decision: PostHoldingDecision,
  revision: number | null,
  metadata: EventMetadata,
): StreamAppend {
  return {
    streamId: postHoldingStream(decision.personId, decision.positionId),
    events: [{ id: randomUUID(), type: 'PostHoldingDecided', data: decision, metadata }],
    expectedRevision: revision === null ? 'no_stream' : revision,
  };
}

/**
 * Withdraws the decision `planned` appended if it is on its stream: a write that went stream by
 * stream (KurrentDB) may have left it there without the case's decision. Nothing when it is not.
 */
export async function withdrawHoldingDecisionIfWritten(
  store: Pick<EventStore, 'readStream' | 'append'>,
  planned: StreamAppend,
  metadata: EventMetadata,
): Promise<void> {
  const made = await plannedEventLanded(store, planned);
  if (!made) return;
  const { caseId } = made.data as PostHoldingDecision;
  const withdrawal: PostHoldingEvent = {
    type: 'PostHoldingDecisionWithdrawn',
    data: { decisionId: made.id, caseId, reason: 'decision_not_written' },
  };
  await store.append(planned.streamId, [{ id: randomUUID(), ...withdrawal, metadata }], {
    expectedRevision: 'any',
  });
}
