import { randomUUID } from 'node:crypto';
import { PersonState } from '../../cadres/person/person.state';
import { postsRunningPast, PostsOnRecord } from '../../cadres/person/posts-held-on';
import { evolveAll } from '../../common/decided-append';
import { EventMetadata, NewEvent, RecordedEvent } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { plannedEventLanded } from '../../event-store/planned-event-landed';
import {
  PostHoldingDecision,
  PostHoldingEvent,
  postHoldingAppend,
  postHoldingStream,
  withdrawHoldingDecisionIfWritten,
} from '../case/post-holding-decisions';
import { decisionRefOf } from '../case/record/record-writes';
import { decisionEndsPost } from './decision-ends-post';
import { DisciplineCommand } from './discipline.commands';
import { disciplineDecider } from './discipline.decider';
import { DisciplineState, ExistingDiscipline } from './discipline.state';

/** One holding's stream as the command read it: its events and the revision to append at. */
interface HoldingStreamRead {
  positionId: string;
  revision: number | null;
  events: RecordedEvent[];
}

/**
 * The holdings a discipline decision or complaint review may write to, read before it was decided
 * (`DisciplineContext.postHoldings`): the person's posts on the record, and the holding's stream
 * of each post the case can end (the case's, or every post on the record).
 */
export interface DisciplinePostHoldings {
  personId: string;
  record: PostsOnRecord;
  streams: HoldingStreamRead[];
}

/** Whether the command can end a post or give one back: a decision, or a complaint's review. */
function touchesHolding(state: DisciplineState, command: DisciplineCommand): boolean {
  if (command.type === 'PerformDisciplineStep')
    return state.status === 'open' && command.data.body.kind === 'decision';
  return command.type === 'ReviewComplaint' && state.status === 'under_review';
}

/** The holdings' streams the command may write to; undefined for any command that writes none. */
export async function readDisciplinePostHoldings(
  store: Pick<EventStore, 'readStream'>,
  state: DisciplineState,
  person: PersonState,
  command: DisciplineCommand,
): Promise<DisciplinePostHoldings | undefined> {
  if (state.status === 'none' || person.status !== 'registered') return undefined;
  if (!touchesHolding(state, command)) return undefined;
  const onRecord = [...person.posts, ...person.pastPosts].map((post) => post.positionId);
  const positions = state.positionId ? [state.positionId] : [...new Set(onRecord)];
  const streams = await Promise.all(
    positions.map(async (positionId) => {
      const events = await store.readStream(postHoldingStream(state.personId, positionId));
      const revision = events.length ? events[events.length - 1].revision : null;
      return { positionId, revision, events };
    }),
  );
  const record = { posts: person.posts, pastPosts: person.pastPosts };
  return { personId: state.personId, record, streams };
}

/** The end a case's decision recorded on the stream and nothing has withdrawn since, by event. */
function endsRecordedBy(caseId: string, events: readonly RecordedEvent[]): RecordedEvent[] {
  const withdrawn = new Set(
    events
      .filter((event) => event.type === 'PostHoldingDecisionWithdrawn')
      .map((event) => (event.data as { decisionId: string }).decisionId),
  );
  return events.filter((event) => {
    if (event.type !== 'PostHoldingDecided' || withdrawn.has(event.id)) return false;
    const decision = event.data as PostHoldingDecision;
    return decision.caseId === caseId && decision.effect === 'ends';
  });
}

/**
 * A discipline decision whose form ends the post (`discipline.formsEndingPost`, recorded on it as
 * `endsPost`) records the end on the holding's stream of each post it ends, in the same write as
 * the decision, at the revision read before it was decided, as a removal's does
 * (`DecisionPostHolding`): decided at once with a re-appointment or extension of that post, one of
 * the two is taken and the other decided again on it (a re-appointment is then refused
 * `reappointment.post_ended`, naming the discipline). Before, both were decided on the post as it
 * stood. A complaint review that changes the form to one ending the post records that end (on the
 * review's day, as the record ends it); one that gives the post back (an annulment, a form that
 * does not end it) withdraws the case's ends there, else a re-appointment of the post held again
 * would be refused over an end the record no longer shows. `readFor` runs with each attempt's
 * context, `plan` with the events it decided.
 */
export class DisciplinePostHolding {
  private read: DisciplinePostHoldings | undefined;
  private planned: { append: StreamAppend; withdrawn: PostHoldingDecision[] }[] = [];

  constructor(
    private readonly metadata: EventMetadata,
    private readonly store: Pick<EventStore, 'appendManyIsAtomic' | 'readStream' | 'append'>,
  ) {}

  /** Reads the holdings the command may write to (for its context), kept for `plan`. */
  async readFor(
    state: DisciplineState,
    person: PersonState,
    command: DisciplineCommand,
  ): Promise<DisciplinePostHoldings | undefined> {
    this.read = await readDisciplinePostHoldings(this.store, state, person, command);
    return this.read;
  }

  /** The records to append with the events: none unless they decide or review the case. */
  plan(state: DisciplineState, events: readonly NewEvent[]): StreamAppend[] {
    this.planned = [];
    const read = this.read;
    if (!read || state.status === 'none') return [];
    const after = evolveAll(disciplineDecider, state, events);
    if (after.status === 'none' || !('decision' in after)) return [];
    if (state.status === 'open') {
      const { decision } = after;
      if (!decisionEndsPost(decision)) return [];
      return this.ends(read, after, decision.effectiveFrom, decisionRefOf(decision), decision.form);
    }
    const review = after.reviews.at(-1);
    if (!review || after.reviews.length === ('reviews' in state ? state.reviews.length : 0))
      return [];
    if (review.outcome === 'keep') return [];
    if (review.form !== null && decisionEndsPost({ ...review, form: review.form }))
      return this.ends(read, after, review.heldOn, decisionRefOf(review), review.form);
    return this.givenBack(read, after.caseId);
  }

  /** The end of each post the form ends on `day`: the case's, or every one held past it. */
  private ends(
    read: DisciplinePostHoldings,
    state: ExistingDiscipline,
    day: string,
    decisionRef: string,
    form: string,
  ): StreamAppend[] {
    const ended = new Set(
      postsRunningPast(read.record, day)
        .map((post) => post.positionId)
        .filter((positionId) => !state.positionId || positionId === state.positionId),
    );
    const { caseId, orgUnitId } = state;
    this.planned = read.streams
      .filter((stream) => ended.has(stream.positionId))
      .map((stream) => ({
        append: postHoldingAppend(
          {
            caseId,
            procedure: 'discipline',
            orgUnitId,
            personId: read.personId,
            positionId: stream.positionId,
            effect: 'ends',
            effectiveFrom: day,
            decisionRef,
            // As the record words the end of the post (`formEffectsOnRecord`).
            reason: `discipline: ${form} (case ${caseId})`,
          },
          stream.revision,
          this.metadata,
        ),
        withdrawn: [],
      }));
    return this.planned.map(({ append }) => append);
  }

  /** The case's ends taken off each holding's stream the review gives the post back on. */
  private givenBack(read: DisciplinePostHoldings, caseId: string): StreamAppend[] {
    this.planned = read.streams.flatMap((stream) => {
      const ends = endsRecordedBy(caseId, stream.events);
      if (ends.length === 0) return [];
      const withdrawals = ends.map((end): NewEvent => {
        const withdrawal: PostHoldingEvent = {
          type: 'PostHoldingDecisionWithdrawn',
          data: { decisionId: end.id, caseId, reason: 'revised_on_complaint' },
        };
        return { id: randomUUID(), ...withdrawal, metadata: this.metadata };
      });
      const append: StreamAppend = {
        streamId: postHoldingStream(read.personId, stream.positionId),
        events: withdrawals,
        expectedRevision: stream.revision === null ? 'no_stream' : stream.revision,
      };
      return [{ append, withdrawn: ends.map((end) => end.data as PostHoldingDecision) }];
    });
    return this.planned.map(({ append }) => append);
  }

  /**
   * After the write planned last was refused: where the store's write is not all or nothing
   * (KurrentDB appends stream by stream, the case's last), what landed without the case's events
   * is taken back: an end recorded is withdrawn, an end withdrawn is recorded again.
   */
  async withdrawIfWrittenAlone(): Promise<void> {
    const planned = this.planned;
    this.planned = [];
    if (this.store.appendManyIsAtomic) return;
    for (const { append, withdrawn } of planned) {
      if (withdrawn.length === 0) {
        await withdrawHoldingDecisionIfWritten(this.store, append, this.metadata);
        continue;
      }
      if (!(await plannedEventLanded(this.store, append))) continue;
      const again = withdrawn.map((decision) => postHoldingAppend(decision, null, this.metadata));
      await this.store.append(
        append.streamId,
        again.flatMap((made) => made.events),
        { expectedRevision: 'any' },
      );
    }
  }
}
