import * as path from 'node:path';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { givenStream, historyOf, withParams } from '../../workflow/testing/decider-spec';
import { CaseCommand, StepBody } from '../case/decider/case.commands';
import { CaseContext, PersonFactsForVetting } from '../case/decider/case.context';
import { caseDecider } from '../case/decider/case.decider';

/** The case was opened before its first meeting (a step is not held before the case opened). */
const openedEarlier = (context: CaseContext): CaseContext => ({ ...context, today: '2026-10-01' });

const seeds = path.resolve(__dirname, '../../../seeds');
const definition = loadDefinitions(path.join(seeds, 'definitions')).get('exam.leadership-post@1')!;
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.track === 'state' && set.effectiveFrom <= '2026-11-20' && !set.effectiveTo,
)!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const actor = (role: string): Actor => ({ userId: `u-${role}`, roles: [role], orgUnit: 'ou-qn' });

/** A candidate's record: a deputy post of rank 4 for years, nothing against them. */
const facts = (over: Partial<PersonFactsForVetting> = {}): PersonFactsForVetting => ({
  dateOfBirth: '1982-05-05',
  gender: 'female',
  target: { positionId: 'pos-director', rank: 5 },
  planningPool: [],
  posts: [{ positionId: 'pos-deputy', rank: 4, from: '2019-01-01', until: null }],
  disciplineBars: [],
  openDisciplineCases: [],
  ...over,
});

const context = (
  role: string,
  candidateFacts?: CaseContext['candidateFacts'],
  ruleSet = stateNow,
): CaseContext => ({
  definition,
  ruleSet,
  calendar,
  actor: actor(role),
  today: '2026-11-20',
  actorReachesCaseUnit: true,
  ...(candidateFacts ? { candidateFacts } : {}),
});
const step = (stepId: string, body: StepBody): CaseCommand => ({
  type: 'PerformStep',
  data: { stepId, body },
});
const open: CaseCommand = {
  type: 'OpenCase',
  data: {
    caseId: 'c-exam',
    procedure: 'appointment',
    personId: '',
    positionId: 'pos-director',
    orgUnitId: 'ou-qn',
    summary: 'Thi tuyển Giám đốc Sở',
    fillsPost: true,
  },
};
const scheme = step('exam-scheme', {
  kind: 'meeting',
  heldOn: '2026-11-02',
  minutesRef: 'KH-1',
  conclusion: 'approved',
});
const registration = (ids: string[]) =>
  step('registration', {
    kind: 'registration',
    heldOn: '2026-11-10',
    minutesRef: 'DK-1',
    candidates: ids.map((personId) => ({ personId })),
  });
const part = (stepId: string, entries: [string, number][], winnerChoice?: string) =>
  step(stepId, {
    kind: 'scores',
    heldOn: '2026-11-20',
    minutesRef: 'CH-1',
    board: { members: 5, present: 5 },
    scores: entries.map(([personId, n]) => ({ personId, memberScores: [n, n, n, n, n] })),
    ...(winnerChoice ? { winnerChoice } : {}),
  });
const everyone = { 'p-an': facts(), 'p-binh': facts(), 'p-cuong': facts() };
const registered = historyOf(
  caseDecider,
  [open, openedEarlier(context('organization_staff'))],
  [scheme, context('organization_staff')],
  [registration(['p-an', 'p-binh', 'p-cuong']), context('organization_staff', everyone)],
);

describe('competitive examination (exam.leadership-post@1)', () => {
  it('admits candidates whose records meet the standards, with each standard as checked', () => {
    const [event] = givenStream(
      caseDecider,
      ...historyOf(
        caseDecider,
        [open, openedEarlier(context('organization_staff'))],
        [scheme, context('organization_staff')],
      ),
    )
      .when(registration(['p-an', 'p-binh']), context('organization_staff', everyone))
      .then(['CandidatesRegistered']);
    const candidates = (event.data as { candidates: { eligibility: { item: string }[] }[] })
      .candidates;
    expect(candidates[0].eligibility.map((e) => e.item)).toEqual([
      'years_to_retirement',
      'discipline_bar',
    ]);
  });

  it('refuses a candidate barred by a discipline, naming the standard', () => {
    const barred = facts({
      disciplineBars: [{ form: 'warning', endsOn: '2027-06-01', decisionRef: '12-QĐ/UBKT' }],
    });
    givenStream(
      caseDecider,
      ...historyOf(
        caseDecider,
        [open, openedEarlier(context('organization_staff'))],
        [scheme, context('organization_staff')],
      ),
    )
      .when(
        registration(['p-an', 'p-binh']),
        context('organization_staff', { 'p-an': facts(), 'p-binh': barred }),
      )
      .refuses('exam.candidate_ineligible', /p-binh .*discipline_bar: discipline \(warning/);
  });

  it('refuses a candidate who holds the post already, on their field, naming the route for the holder', () => {
    const holder = facts({
      holdsTargetPost: true,
      posts: [{ positionId: 'pos-director', rank: 5, from: '2024-03-01', until: null }],
      termRecord: {
        posts: [
          {
            positionId: 'pos-director',
            from: '2024-03-01',
            termEnd: '2029-03-01',
            decisionRef: '7/QĐ',
          },
        ],
        pastPosts: [],
        ratings: [],
      } as unknown as PersonFactsForVetting['termRecord'],
    });
    const refusal = givenStream(
      caseDecider,
      ...historyOf(
        caseDecider,
        [open, openedEarlier(context('organization_staff'))],
        [scheme, context('organization_staff')],
      ),
    )
      .when(
        registration(['p-an', 'p-binh']),
        context('organization_staff', { 'p-an': facts(), 'p-binh': holder }),
      )
      .refuses(
        'exam.candidate_holds_post',
        /^candidates\[1\]\.personId: p-binh already holds pos-director since 2024-03-01 \(term until 2029-03-01\): .*use re-appointment$/,
      );
    expect(refusal).toMatchObject({
      category: 'unprocessable',
      field: 'candidates[1].personId',
      details: { personId: 'p-binh', positionId: 'pos-director' },
    });
  });

  it('breaks level totals by the last part before asking the authority', () => {
    const written = givenStream(caseDecider, ...registered)
      .when(
        part('written-project', [
          ['p-an', 80],
          ['p-binh', 70],
          ['p-cuong', 60],
        ]),
        context('ballot_secretary'),
      )
      .events();
    // Totals 80 + 70 = 150 and 70 + 80 = 150: p-binh did better at the interview.
    const [event] = givenStream(caseDecider, ...registered, ...written)
      .when(
        part('interview', [
          ['p-an', 70],
          ['p-binh', 80],
          ['p-cuong', 50],
        ]),
        context('ballot_secretary'),
      )
      .then(['ExamScoresRecorded']);
    expect(event.data).toMatchObject({
      winner: { personId: 'p-binh', by: 'tie_rule' },
      passed: ['p-an', 'p-binh', 'p-cuong'],
    });
  });

  it('reads the pass mark from the rule set', () => {
    const stricter = withParams(stateNow, { 'exam.passMark': 65 });
    const [event] = givenStream(caseDecider, ...registered)
      .when(
        part('written-project', [
          ['p-an', 80],
          ['p-binh', 64],
          ['p-cuong', 65],
        ]),
        context('ballot_secretary', undefined, stricter),
      )
      .then(['ExamScoresRecorded']);
    expect(event.data).toMatchObject({ passed: ['p-an', 'p-cuong'] });
  });
});
