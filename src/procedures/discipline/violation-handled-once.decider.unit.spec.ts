import { givenStream } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import {
  ballot,
  civilDefinition,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  secretary,
  staff,
  stateNow,
  track,
  verified,
} from './testing/discipline-fixtures';
import { OtherDisciplineCase, sameViolationHandled } from './violation-handled-once';

/** Another unit's case about the person on the same violation (land management, 1 Jun 2025). */
const other = (extra: Partial<OtherDisciplineCase> = {}): OtherDisciplineCase => ({
  caseId: 'd-other',
  track: 'civil_service',
  violation: { category: 'land_management', committedOn: '2025-06-01' },
  status: 'open',
  withinGrant: true,
  ...extra,
});

const civilWith = (others: OtherDisciplineCase[]) =>
  track(civilDefinition, stateNow, { otherDisciplineCases: others });

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...steps));

describe('one violation is disciplined once per track (Nghị định 112/2020 art. 2(2); QĐ 69-QĐ/TW)', () => {
  it('refuses an opening while another case of the track on the same violation is open, naming it', () => {
    const refusal = given()
      .when(open(), civilWith([other()]).as(inspector))
      .refuses(
        'discipline.violation_already_handled',
        /^violation: the land_management violation of 2025-06-01 is already handled on the civil_service track by case d-other \(open\)/,
      );
    expect(refusal.category).toBe('conflict');
    expect(refusal.details).toEqual({ otherCaseId: 'd-other', otherCaseStatus: 'open' });
  });

  it('says only "another unit" of a case outside the grant', () => {
    const refusal = given()
      .when(open(), civilWith([other({ status: 'decided', withinGrant: false })]).as(inspector))
      .refuses('discipline.violation_already_handled', /by a case opened by another unit;/);
    expect(refusal.message).not.toContain('d-other');
    expect(refusal.details).toEqual({ openedByAnotherUnit: true });
  });

  it('opens when the other case is annulled, closed, on the other track, or another violation', () => {
    for (const different of [
      other({ status: 'annulled' }),
      other({ status: 'closed' }),
      other({ track: 'party' }),
      other({ violation: { category: 'budget', committedOn: '2025-06-01' } }),
      other({ violation: { category: 'land_management', committedOn: '2025-06-02' } }),
      other({
        violation: {
          category: 'land_management',
          committedOn: '2025-06-01',
          distinctViolation: 'lần cấp đất thứ hai, thửa khác',
        },
      }),
    ])
      given()
        .when(open(), civilWith([different]).as(inspector))
        .then(['DisciplineCaseOpened']);
  });

  it('a stated distinct violation opens; a different description alone does not', () => {
    given()
      .when(open({ description: 'một mô tả khác' }), civilWith([other()]).as(inspector))
      .refuses('discipline.violation_already_handled');
    given()
      .when(
        open({ distinctViolation: 'lần cấp đất thứ hai trong ngày, thửa khác' }),
        civilWith([other()]).as(inspector),
      )
      .then(['DisciplineCaseOpened']);
  });

  it('refuses the decision of a duplicate opened before the rule while the other is decided', () => {
    const context = civilWith([]);
    const atDecision = given(
      [open(), context.as(inspector)],
      [verified, context.as(inspector)],
      [meeting('self-criticism'), context.as(staff)],
      [meeting('review'), context.as(inspector)],
      [ballot({ reprimand: 5 }, 5), context.as(secretary)],
    );
    atDecision
      .when(decide('reprimand'), civilWith([other({ status: 'decided' })]).as(leader))
      .refuses(
        'discipline.violation_already_handled',
        /^the land_management violation of 2025-06-01 is already handled on the civil_service track by case d-other \(decided\)/,
      );
    atDecision
      .when(decide('reprimand'), civilWith([other({ status: 'annulled' })]).as(leader))
      .then(['DisciplineDecided']);
  });

  it('does not compare a case with itself', () => {
    expect(
      sameViolationHandled(
        { caseId: 'd-other', track: 'civil_service', violation: other().violation },
        [other()],
      ),
    ).toBeUndefined();
  });
});
