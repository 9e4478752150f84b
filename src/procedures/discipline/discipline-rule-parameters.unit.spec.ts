import { disciplineHistoryOf } from './testing/discipline-fixtures';
import * as path from 'node:path';
import { personDecider } from '../../cadres/person/person.decider';
import { Actor } from '../../identity/actor';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { givenStream, withParams } from '../../workflow/testing/decider-spec';
import { event, fold } from '../../workflow/testing/process-spec';
import { decisionEndsPost } from './decision-ends-post';
import { applyDisciplineDecision } from './discipline-record.process';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider, ExistingDiscipline } from './discipline.decider';

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const partyNow = sets.find((set) => set.id === 'party-2025-10-08')!;
const stateNow = sets.find((set) => set.id === 'state-2025-10-08')!;
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const party = definitions.get('discipline.party@1')!;
const civil = definitions.get('discipline.civil-service@1')!;

const actor = (userId: string, role: string): Actor =>
  ({ userId, roles: [role], orgUnit: 'ou-1' }) as Actor;
const inspector = actor('u-insp', 'inspector');
const staff = actor('u-staff', 'organization_staff');
const secretary = actor('u-sec', 'ballot_secretary');
const leader = actor('u-lead', 'leadership');

/** A case of a track under a rule set, as each actor acts in it. */
const track = (definition = party, ruleSet: RuleSet = partyNow) => ({
  as: (who: Actor): DisciplineContext => ({
    definition,
    ruleSet,
    calendar,
    actor: who,
    today: '2026-11-20',
    actorReachesCaseUnit: true,
    personStatuses: [],
  }),
});

const open = (severity: string, electedCadre = false): DisciplineCommand => ({
  type: 'OpenDisciplineCase',
  data: {
    caseId: 'd-1',
    personId: 'p-1',
    positionId: 'pos-1',
    orgUnitId: 'ou-1',
    electedCadre,
    summary: 'vi phạm',
    violation: {
      category: 'land_management',
      committedOn: '2025-06-01',
      description: 'cấp đất sai quy định',
      source: 'inspection',
      severity,
    },
  },
});
const step = (stepId: string, body: Record<string, unknown>): DisciplineCommand => ({
  type: 'PerformDisciplineStep',
  data: { stepId, body: { heldOn: '2026-11-10', minutesRef: 'BB-1', ...body } as never },
});
const meeting = (stepId: string, extra: Record<string, unknown> = {}) =>
  step(stepId, { kind: 'meeting', conclusion: 'done', ...extra });
const ballot = (votesByForm: Record<string, number>) =>
  step('ballot', {
    kind: 'ballot',
    tally: { members: 13, summoned: 13, present: 13, invalid: 0, noDiscipline: 0, votesByForm },
  });
const decide = (form: string) =>
  step('decision', {
    kind: 'decision',
    number: '45-QĐ/UBKT',
    signer: 'Chủ nhiệm UBKT',
    form,
    effectiveFrom: '2026-11-15',
    heldOn: '2026-11-15',
  });

/** The steps of a case through verification, self-criticism and review, up to its ballot. */
const toBallot = (severity: string, t = track()): [DisciplineCommand, DisciplineContext][] => [
  [open(severity), t.as(inspector)],
  [meeting('verification', { violationConfirmed: true }), t.as(inspector)],
  [meeting('self-criticism'), t.as(staff)],
  [meeting('review'), t.as(inspector)],
];
const atBallot = (severity: string, t = track()) =>
  disciplineHistoryOf(disciplineDecider, ...toBallot(severity, t));

describe('which forms end the post (discipline.formsEndingPost)', () => {
  const person = fold(personDecider, [
    event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-1',
      from: '2024-01-01',
      termEnd: '2029-01-01',
      decisionRef: 'QĐ 1',
    }),
  ]);
  const decided = (t: ReturnType<typeof track>) =>
    disciplineHistoryOf(
      disciplineDecider,
      ...toBallot('removal_from_post', t),
      [ballot({ removal_from_post: 9, warning: 4 }), t.as(secretary)],
      [decide('removal_from_post'), t.as(leader)],
    );
  const writesOf = (history: ReturnType<typeof decided>) =>
    applyDisciplineDecision(
      givenStream(disciplineDecider, ...history).state as ExistingDiscipline,
      person,
      [],
    ).map((write) => write.command.type);

  it('a removal from post ends the post under the seeded Party rules, and the decision says why', () => {
    const history = decided(track());
    expect(history.at(-1)!.data).toMatchObject({
      endsPost: true,
      endsPostRule: expect.stringContaining('removal_from_post: ends the post (party-2025-10-08'),
    });
    expect(writesOf(history)).toEqual(['RecordDiscipline', 'EndPost']);
  });

  it('a rule set without removal among the forms that end the post leaves the post', () => {
    const keepsPost = withParams(partyNow, { 'discipline.formsEndingPost': ['expulsion'] });
    const history = decided(track(party, keepsPost));
    expect(history.at(-1)!.data).toMatchObject({ endsPost: false });
    expect(writesOf(history)).toEqual(['RecordDiscipline']);
  });
});

describe('decisions stored before they said whether they end the post', () => {
  it('read as the engine then applied them: removal, dismissal, recall and expulsion ended it', () => {
    expect(
      ['reprimand', 'warning', 'removal_from_post', 'dismissal', 'recall', 'expulsion'].map(
        (form) => decisionEndsPost({ form }),
      ),
    ).toEqual([false, false, true, true, true, true]);
    expect(decisionEndsPost({ form: 'removal_from_post', endsPost: false })).toBe(false);
  });
});

describe('forms the Party cell must propose (discipline.cellProposalForms)', () => {
  it('refuses expulsion without the cell proposal under the seeded Party rules', () => {
    givenStream(disciplineDecider, ...atBallot('removal_from_post'))
      .when(ballot({ expulsion: 9, warning: 4 }), track().as(secretary))
      .refuses('discipline.expulsion_not_proposed');
  });

  it('takes the ballot alone under a rule set that asks no proposal', () => {
    const t = track(party, withParams(partyNow, { 'discipline.cellProposalForms': [] }));
    const [tallied] = givenStream(disciplineDecider, ...atBallot('removal_from_post', t))
      .when(ballot({ expulsion: 9, warning: 4 }), t.as(secretary))
      .then(['DisciplineBallotTallied']);
    expect(tallied.data).toMatchObject({ outcome: 'form_chosen', form: 'expulsion' });
  });
});

describe('forms kept for elected cadres (discipline.electedCadreOnlyForms)', () => {
  it('refuses recall of a cadre who was not elected under the seeded State rules', () => {
    const t = track(civil, stateNow);
    givenStream(disciplineDecider, ...atBallot('warning', t))
      .when(ballot({ recall: 9, warning: 4 }), t.as(secretary))
      .refuses('discipline.recall_needs_elected_cadre', /applies only to elected cadres/);
  });

  it('lets the ballot recall them under a rule set that keeps no form for elected cadres', () => {
    const t = track(civil, withParams(stateNow, { 'discipline.electedCadreOnlyForms': [] }));
    givenStream(disciplineDecider, ...atBallot('warning', t))
      .when(ballot({ recall: 9, warning: 4 }), t.as(secretary))
      .then(['DisciplineBallotTallied']);
  });
});

describe('the unit of the time to decide (discipline.decideDays)', () => {
  it('counts calendar days under the seeded State rules: 90 days from 20 Nov 2026', () => {
    const [opened] = givenStream(disciplineDecider)
      .when(open('warning'), track(civil, stateNow).as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(opened.data).toMatchObject({ decideBy: calendar.periodEnd('2027-02-18') });
  });

  it('counts working days under a rule set that says so', () => {
    const decideDays = { standard: 90, extended: 150, unit: 'working_days' };
    const t = track(civil, withParams(stateNow, { 'discipline.decideDays': decideDays }));
    const [opened] = givenStream(disciplineDecider)
      .when(open('warning'), t.as(inspector))
      .then(['DisciplineCaseOpened']);
    expect(opened.data).toMatchObject({ decideBy: calendar.addWorkingDays('2026-11-20', 90) });
  });
});
