import { disciplineHistoryOf } from './testing/discipline-fixtures';
import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream } from '../../workflow/testing/decider-spec';
import { DisciplineCommand, DisciplineStepBody } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';

const seeds = path.resolve(__dirname, '../../../seeds');
const party = loadDefinitions(path.join(seeds, 'definitions')).get('discipline.party@1')!;
const [, vn2025] = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));

const actor = (userId: string, role: string): Actor => ({
  userId,
  roles: [role],
  orgUnit: 'ou-town',
});
const inspector = actor('u-insp', 'inspector');
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-sec', 'ballot_secretary');

const ctx = (who: Actor): DisciplineContext => ({
  definition: party,
  ruleSet: vn2025,
  calendar,
  actor: who,
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  personStatuses: [],
});
const body = (fields: Record<string, unknown>) =>
  ({ heldOn: '2026-11-10', minutesRef: 'BB-1', ...fields }) as DisciplineStepBody;
const step = (stepId: string, fields: Record<string, unknown>): DisciplineCommand => ({
  type: 'PerformDisciplineStep',
  data: { stepId, body: body(fields) },
});
const correction = (stepId: string, fields: Record<string, unknown>): DisciplineCommand => ({
  type: 'CorrectDisciplineStep',
  data: { stepId, body: body(fields), reason: 'typed the wrong column' },
});
const ballotFields = (reprimand: number) => ({
  kind: 'ballot',
  tally: {
    members: 13,
    summoned: 13,
    present: 13,
    invalid: 0,
    noDiscipline: 13 - reprimand,
    votesByForm: { reprimand },
  },
});

const throughReview: [DisciplineCommand, DisciplineContext][] = [
  [
    {
      type: 'OpenDisciplineCase',
      data: {
        caseId: 'd-1',
        personId: 'p-1',
        positionId: 'pos-1',
        orgUnitId: 'ou-town',
        electedCadre: false,
        summary: 'vi phạm',
        violation: {
          category: 'land_management',
          committedOn: '2025-06-01',
          description: 'cấp đất sai quy định',
          source: 'inspection',
          severity: 'reprimand',
        },
      },
    },
    ctx(inspector),
  ],
  [
    step('verification', { kind: 'meeting', conclusion: 'có vi phạm', violationConfirmed: true }),
    ctx(inspector),
  ],
  [step('self-criticism', { kind: 'meeting', conclusion: 'đã kiểm điểm' }), ctx(staff)],
  [step('review', { kind: 'meeting', conclusion: 'đề nghị khiển trách' }), ctx(inspector)],
];

/** The shared given/when/then over a history of commands, with the state after the events. */
function given(...commands: [DisciplineCommand, DisciplineContext][]) {
  const spec = givenStream(
    disciplineDecider,
    ...disciplineHistoryOf(disciplineDecider, ...commands),
  );
  return {
    state: spec.state,
    when(command: DisciplineCommand, context: DisciplineContext) {
      const decided = spec.when(command, context);
      return {
        then(types: string[]) {
          const events = decided.then(types);
          return { events, state: events.reduce(disciplineDecider.evolve, spec.state) };
        },
        refuses(rule: string, category?: string) {
          const error = decided.refuses(rule);
          if (category) expect(error.category).toBe(category);
          return error;
        },
      };
    },
  };
}

describe('correcting a discipline step (the same step engine)', () => {
  it('a form ballot typed 3 of 13 closed the case; corrected to 10 it goes on to the decision', () => {
    const closed = given(...throughReview, [step('ballot', ballotFields(3)), ctx(secretary)]);
    expect(closed.state.status).toBe('closed');
    const { events, state } = closed
      .when(correction('ballot', ballotFields(10)), ctx(inspector))
      .then(['StepCorrected']);
    expect(events[0].data).toMatchObject({
      replaces: 'DisciplineBallotTallied',
      corrected: {
        type: 'DisciplineBallotTallied',
        data: { form: 'reprimand', nextStepId: 'decision' },
      },
    });
    expect(state.status).toBe('open');
  });

  it('refuses the ballot secretary, and a step before the last one', () => {
    const spec = given(...throughReview, [step('ballot', ballotFields(3)), ctx(secretary)]);
    spec
      .when(correction('ballot', ballotFields(10)), ctx(secretary))
      .refuses('step.correction_role_not_allowed', 'forbidden');
    spec
      .when(correction('review', { kind: 'meeting', conclusion: 'x' }), ctx(inspector))
      .refuses('step.correction_after_later_step', 'conflict');
  });

  it('refuses a case closed by staff', () => {
    given(...throughReview, [
      { type: 'CloseDisciplineCase', data: { reason: 'no grounds' } },
      ctx(inspector),
    ])
      .when(correction('review', { kind: 'meeting', conclusion: 'x' }), ctx(inspector))
      .refuses('case.closed', 'conflict');
  });
  it('refuses to close a case once its ballot chose a form (before: staff set the vote aside)', () => {
    const close: DisciplineCommand = { type: 'CloseDisciplineCase', data: { reason: 'x' } };
    given(...throughReview, [step('ballot', ballotFields(10)), ctx(secretary)])
      .when(close, ctx(staff))
      .refuses('discipline.close_after_form_ballot', 'conflict');
    // Before the ballot the case may still be closed.
    given(...throughReview)
      .when(close, ctx(staff))
      .then(['DisciplineCaseClosed']);
  });
  it('refuses a ballot that removes from post a person who holds none (before: decided, endsPost)', () => {
    const removal = {
      kind: 'ballot',
      tally: { ...ballotFields(0).tally, noDiscipline: 3, votesByForm: { removal_from_post: 10 } },
    };
    const withoutPost = { ...ctx(secretary), postsHeld: [] };
    given(...throughReview)
      .when(step('ballot', removal), withoutPost)
      .refuses('discipline.removal_without_post', 'unprocessable');
    given(...throughReview)
      .when(step('ballot', removal), { ...withoutPost, postsHeld: ['pos-deputy'] })
      .then(['DisciplineBallotTallied']);
  });
});
