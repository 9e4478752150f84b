import { personDecider } from '../../cadres/person/person.decider';
import { givenStream } from '../../workflow/testing/decider-spec';
import { event, fold } from '../../workflow/testing/process-spec';
import { applyDisciplineDecision } from './discipline-record.process';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider, ExistingDiscipline } from './discipline.decider';
import {
  ballot,
  civilDefinition,
  decide,
  inspector,
  leader,
  meeting,
  open,
  ruleSetOn,
  secretary,
  staff,
  track,
  verified,
  disciplineHistoryOf,
} from './testing/discipline-fixtures';

/** A State case opened in 2023: its rule set is Nghị định 112/2020's (as amended by 71/2023). */
const in2023 = track(civilDefinition, ruleSetOn('2023-10-02', 'state'));

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...steps));

describe('the forms of Nghị định 112/2020 art. 7 (cases of 2020 to June 2025)', () => {
  it('recalls an elected cadre (bãi nhiệm, art. 7(1)) by the council’s resolution, and the recall ends the post', () => {
    const resolution = { number: '07/NQ-HĐND', adoptedOn: '2026-11-14' };
    const [decided] = given(
      [open({}, { electedCadre: true }), in2023.as(inspector)],
      [verified, in2023.as(inspector)],
      [meeting('self-criticism'), in2023.as(staff)],
    )
      .when(decide('recall', { councilResolution: resolution }), in2023.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      form: 'recall',
      councilResolution: resolution,
      endsPost: true,
    });
  });
});

describe('a demotion (giáng chức) ends the leadership post it demotes from', () => {
  // Luật Cán bộ, công chức 2008 art. 7(8): the civil servant is brought down to a lower post.
  const holder = fold(personDecider, [
    event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
    event('PostAssigned', {
      personId: 'p-1',
      positionId: 'pos-1',
      from: '2022-01-01',
      termEnd: '2027-01-01',
      decisionRef: 'QĐ 1',
    }),
    event('CaseNoted', {
      personId: 'p-1',
      caseId: 'r-1',
      procedure: 'reappointment',
      status: 'open',
      stage: null,
      on: '2026-10-01',
    }),
  ]);
  const reappointmentOpen = {
    caseId: 'r-1',
    procedure: 'reappointment',
    status: 'open',
    orgUnitId: 'ou-1',
    positionId: 'pos-1',
    withdrawnWhenPostEnds: true,
  };

  it('under Nghị định 112/2020: the decision ends the case’s post and withdraws its re-appointment', () => {
    const history = disciplineHistoryOf(
      disciplineDecider,
      [open(), in2023.as(inspector)],
      [verified, in2023.as(inspector)],
      [meeting('self-criticism'), in2023.as(staff)],
      [meeting('review'), in2023.as(inspector)],
      [ballot({ demotion: 3 }, 5), in2023.as(secretary)],
      [decide('demotion'), in2023.as(leader)],
    );
    expect(history.at(-1)!.data).toMatchObject({
      form: 'demotion',
      endsPost: true,
      endsPostRule: expect.stringContaining('demotion: ends the post'),
    });
    const state = givenStream(disciplineDecider, ...history).state as ExistingDiscipline;
    const writes = applyDisciplineDecision(state, holder, [reappointmentOpen]);
    expect(writes.map((write) => write.command.type)).toEqual([
      'RecordDiscipline',
      'WithdrawCase',
      'EndPost',
    ]);
    expect(writes.at(-1)!.command.data).toMatchObject({ positionId: 'pos-1', on: '2026-11-15' });
  });
});
