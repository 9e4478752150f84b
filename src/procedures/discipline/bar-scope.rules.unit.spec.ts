import { personDecider } from '../../cadres/person/person.decider';
import { PersonState } from '../../cadres/person/person.state';
import { givenStream } from '../../workflow/testing/decider-spec';
import { event, fold } from '../../workflow/testing/process-spec';
import { applyDisciplineDecision, reviseDisciplineRecord } from './discipline-record.process';
import { DisciplineCommand } from './discipline.commands';
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

/** A civil servant's case opened in 2023 (Luật CBCC 2008 as amended in 2019, Nghị định 112/2020). */
const in2023 = track(civilDefinition, ruleSetOn('2023-10-02', 'state'));
const decided = (form: string) =>
  disciplineHistoryOf(
    disciplineDecider,
    [open(), in2023.as(inspector)],
    [verified, in2023.as(inspector)],
    [meeting('self-criticism'), in2023.as(staff)],
    [meeting('review'), in2023.as(inspector)],
    [ballot({ [form]: 3 }, 5), in2023.as(secretary)],
    [decide(form), in2023.as(leader)],
  );
const complaint: DisciplineCommand = {
  type: 'FileComplaint',
  data: { filedOn: '2026-11-18', grounds: 'quá nặng' },
};
const reviewTo = (form: string): DisciplineCommand => ({
  type: 'ReviewComplaint',
  data: { heldOn: '2026-11-20', number: '9/QĐ-UBND', outcome: 'change', form, reason: 'r' },
});
const holder = fold(personDecider, [
  event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
]);

describe('the bar’s scope on the decision and the record (discipline.barScope)', () => {
  it('a demotion records that it bars any appointment for its 24 months, citing art. 82(3); a reprimand does not', () => {
    const history = decided('demotion');
    expect(history.at(-1)!.data).toMatchObject({
      barEndsOn: '2028-11-15',
      barScope: { scope: 'any', until: '2028-11-15' },
      barScopeRule: expect.stringMatching(
        /^demotion: bars any appointment until 2028-11-15 .*art\. 82\(2\)-\(3\)/,
      ),
    });
    const state = givenStream(disciplineDecider, ...history).state as ExistingDiscipline;
    const appointmentOpen = {
      caseId: 'a-1',
      procedure: 'appointment',
      status: 'open',
      orgUnitId: 'ou-1',
      positionId: 'pos-head',
      withdrawnWhenPostEnds: false,
    };
    const noted = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
      event('CaseNoted', {
        personId: 'p-1',
        caseId: 'a-1',
        procedure: 'appointment',
        status: 'open',
        stage: null,
        on: '2026-10-02',
      }),
    ]);
    const [recorded, flagged] = applyDisciplineDecision(state, noted, [appointmentOpen]);
    expect(recorded.command.data).toMatchObject({
      barScope: { scope: 'any', until: '2028-11-15' },
    });
    // The open appointment's vetting is flagged with what the bar covers (any post, a lower one too).
    expect(flagged.command.data).toMatchObject({
      note: expect.stringMatching(
        /^discipline decided: demotion \(45\/QĐ-UBND \(2026-11-15\), case d-1\), bars any appointment until 2028-11-15 \(demotion: no higher post for 24 months \(state-2023-09-20: Luật Cán bộ, công chức/,
      ),
    });
    // A reprimand records no wider scope: it bars a higher post only (art. 82(2)).
    expect(decided('reprimand').at(-1)!.data).not.toHaveProperty('barScope');
  });

  it('a review reducing a removal to a reprimand takes the wider scope off the record', () => {
    const history = decided('removal_from_post');
    const removed = givenStream(disciplineDecider, ...history).state as ExistingDiscipline;
    const [recorded] = applyDisciplineDecision(removed, holder, []);
    expect(recorded.command.data).toMatchObject({ barScope: { scope: 'any' } });
    const complained = [
      ...history,
      ...givenStream(disciplineDecider, ...history)
        .when(complaint, in2023.as(staff))
        .then(['DisciplineComplaintFiled']),
    ];
    const [reviewed] = givenStream(disciplineDecider, ...complained)
      .when(reviewTo('reprimand'), in2023.as(leader))
      .then(['DisciplineComplaintReviewed']);
    expect(reviewed.data).not.toHaveProperty('barScope');
    const after = givenStream(disciplineDecider, ...complained, reviewed)
      .state as ExistingDiscipline;
    const [revised] = reviseDisciplineRecord(after, holder, []);
    const record = fold(personDecider, [
      event('PersonRegistered', { personId: 'p-1', fullName: 'Nguyễn Văn A', orgUnitId: 'ou-1' }),
      event('DisciplineRecorded', recorded.command.data as never),
      event('DisciplineRevised', revised.command.data as never),
    ]) as Extract<PersonState, { status: 'registered' }>;
    expect(record.discipline[0]).toMatchObject({ form: 'reprimand' });
    expect(record.discipline[0]).not.toHaveProperty('barScope');
  });
});
