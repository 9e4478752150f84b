import { PersonState } from '../../cadres/person/person.state';
import { evolveAll } from '../../common/decided-append';
import { EventMetadata, NewEvent, RecordedEvent } from '../../event-store/event-envelope';
import { postHoldingDecisionsOf, postHoldingStream } from '../case/post-holding-decisions';
import { DisciplinePostHolding } from './discipline-post-holding';
import { DisciplineCommand } from './discipline.commands';
import { disciplineDecider } from './discipline.decider';
import { DisciplineState } from './discipline.state';
import {
  ballot,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  party,
  secretary,
  staff,
  verified,
} from './testing/discipline-fixtures';

const metadata = { actorId: 'u-lead' } as EventMetadata;
const atBallot = (form: string) =>
  evolveAll(
    disciplineDecider,
    disciplineDecider.initialState(),
    disciplineHistoryOf(
      disciplineDecider,
      [open(), party.as(inspector)],
      [verified, party.as(inspector)],
      [meeting('self-criticism'), party.as(staff)],
      [meeting('review'), party.as(inspector)],
      [ballot({ [form]: 9 }), party.as(secretary)],
    ),
  );
const deciding = (form: string) => decide(form);
const decided = (state: DisciplineState, command: DisciplineCommand, who = leader) =>
  disciplineDecider.decide(state, command, party.as(who)) as NewEvent[];
const complaint: DisciplineCommand = {
  type: 'FileComplaint',
  data: { filedOn: '2026-11-18', grounds: 'quá nặng' },
};
const review = (outcome: 'change' | 'annul', form?: string): DisciplineCommand => ({
  type: 'ReviewComplaint',
  data: { heldOn: '2026-11-20', number: '9/QĐ-UBND', outcome, form, reason: 'r' },
});
const holder = {
  status: 'registered',
  posts: [{ positionId: 'pos-1', from: '2022-01-01', termEnd: '2027-01-01', decisionRef: '1-QĐ' }],
  pastPosts: [],
} as unknown as PersonState;

/** A store of the holdings' streams: appendMany is not all or nothing (KurrentDB) unless told. */
function holdingStore(atomic = false) {
  const streams = new Map<string, RecordedEvent[]>();
  const store = {
    appendManyIsAtomic: atomic,
    readStream: async (id: string) => streams.get(id) ?? [],
    append: async (id: string, events: NewEvent[]) => {
      const stream = streams.get(id) ?? [];
      for (const made of events)
        stream.push({ ...made, revision: stream.length, streamId: id } as RecordedEvent);
      streams.set(id, stream);
      return { nextRevision: stream.length - 1 } as never;
    },
  };
  return { store, streams };
}
const holdingOf = (streams: Map<string, RecordedEvent[]>) =>
  postHoldingDecisionsOf(streams.get(postHoldingStream('p-1', 'pos-1')) ?? []);

describe('a discipline decision and its review on the holding of the post', () => {
  it('a form ending the post records its end at the revision read; a form keeping it, nothing', async () => {
    const { store } = holdingStore();
    const state = atBallot('removal_from_post');
    const holding = new DisciplinePostHolding(metadata, store as never);
    await holding.readFor(state, holder, deciding('removal_from_post'));
    const [append] = holding.plan(state, decided(state, deciding('removal_from_post')));
    expect(append).toMatchObject({
      streamId: postHoldingStream('p-1', 'pos-1'),
      expectedRevision: 'no_stream',
      events: [
        {
          type: 'PostHoldingDecided',
          data: {
            caseId: 'd-1',
            procedure: 'discipline',
            effect: 'ends',
            effectiveFrom: '2026-11-15',
            decisionRef: '45/QĐ-UBND (2026-11-15)',
            reason: 'discipline: removal_from_post (case d-1)',
          },
        },
      ],
    });
    const mild = atBallot('reprimand');
    await holding.readFor(mild, holder, deciding('reprimand'));
    expect(holding.plan(mild, decided(mild, deciding('reprimand')))).toEqual([]);
  });

  it('a review giving the post back withdraws the case’s end in its own write; one lost alone is recorded again', async () => {
    const { store, streams } = holdingStore();
    let state = atBallot('removal_from_post');
    const holding = new DisciplinePostHolding(metadata, store as never);
    await holding.readFor(state, holder, deciding('removal_from_post'));
    const decision = decided(state, deciding('removal_from_post'));
    const [ended] = holding.plan(state, decision);
    await store.append(ended.streamId, ended.events);
    state = evolveAll(disciplineDecider, state, [
      ...decision,
      ...decided(evolveAll(disciplineDecider, state, decision), complaint, staff),
    ]);
    expect(holdingOf(streams)).toHaveLength(1);

    const annul = review('annul');
    await holding.readFor(state, holder, annul);
    const [withdrawal] = holding.plan(state, decided(state, annul));
    expect(withdrawal).toMatchObject({
      expectedRevision: 0,
      events: [
        {
          type: 'PostHoldingDecisionWithdrawn',
          data: { decisionId: ended.events[0].id, caseId: 'd-1', reason: 'revised_on_complaint' },
        },
      ],
    });
    // The store wrote it, then refused the case's events: the end is on the holding again.
    await store.append(withdrawal.streamId, withdrawal.events);
    expect(holdingOf(streams)).toEqual([]);
    await holding.withdrawIfWrittenAlone();
    expect(holdingOf(streams)).toEqual([
      expect.objectContaining({ caseId: 'd-1', effect: 'ends', effectiveFrom: '2026-11-15' }),
    ]);
  });

  it('a review to a form ending the post ends one still held on the review’s day, and leaves one ended as it is', async () => {
    const { store } = holdingStore(true);
    let state = atBallot('removal_from_post');
    const holding = new DisciplinePostHolding(metadata, store as never);
    const decision = decided(state, deciding('removal_from_post'));
    state = evolveAll(disciplineDecider, state, [
      ...decision,
      ...decided(evolveAll(disciplineDecider, state, decision), complaint, staff),
    ]);
    const ended = { ...holder, posts: [], pastPosts: [{ positionId: 'pos-1' }] } as never;
    const expulsion = review('change', 'expulsion');
    await holding.readFor(state, ended, expulsion);
    expect(holding.plan(state, decided(state, expulsion))).toEqual([]);
    await holding.readFor(state, holder, expulsion);
    expect(holding.plan(state, decided(state, expulsion))).toEqual([
      expect.objectContaining({
        events: [
          expect.objectContaining({
            data: expect.objectContaining({
              effect: 'ends',
              effectiveFrom: '2026-11-20',
              decisionRef: '9/QĐ-UBND (2026-11-20)',
              reason: 'discipline: expulsion (case d-1)',
            }),
          }),
        ],
      }),
    ]);
  });
});
