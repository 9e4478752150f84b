import { DisciplineOnRecord } from '../../cadres/person/person.state';
import { ruleValue } from '../../workflow/rule-sets/rule-set';
import { givenStream } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import { heavierFormRequired, leastLevel } from './repeat-violation';
import {
  ballot,
  civilDefinition,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  ruleSetOn,
  secretary,
  staff,
  stateNow,
  track,
  verified,
} from './testing/discipline-fixtures';

/** A reprimand (khiển trách) decided in an earlier case, in effect for a year from 10 Jan 2026. */
const reprimand: DisciplineOnRecord = {
  caseId: 'd-0',
  track: 'civil_service',
  form: 'reprimand',
  decidedOn: '2026-01-05',
  effectiveFrom: '2026-01-10',
  decisionRef: '12/QĐ-UBND (2026-01-05)',
  barEndsOn: '2027-01-10',
  inEffectUntil: '2027-01-10',
  ruleSetId: 'state-2025-10-08',
  violationCategory: 'land_management',
  orgUnitId: 'ou-1',
  annulled: null,
  revisions: [],
};

/** The new violation, committed on 1 Mar 2026 while the reprimand was in effect. */
const whileServed = { committedOn: '2026-03-01' };

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...steps));

/** A civil servant's case at the decision, the council having recommended `recommended`. */
function atDecision(
  record: DisciplineOnRecord[],
  recommended: string,
  opts: { ruleSet?: typeof stateNow; committedOn?: string; severity?: string } = {},
) {
  const context = track(civilDefinition, opts.ruleSet ?? stateNow, { disciplineOnRecord: record });
  const committedOn = opts.committedOn ?? whileServed.committedOn;
  const severity = opts.severity ? { severity: opts.severity } : {};
  return {
    context,
    case: given(
      [open({ committedOn, ...severity }), context.as(inspector)],
      [verified, context.as(inspector)],
      [meeting('self-criticism'), context.as(staff)],
      [meeting('review'), context.as(inspector)],
      [ballot({ [recommended]: 5 }, 5), context.as(secretary)],
    ),
  };
}

const because = { reasonForDifferentForm: 'vi phạm trong thời gian thi hành kỷ luật' };

describe('a violation while a discipline is in effect takes a heavier form (Nghị định 172/2025 art. 2(3))', () => {
  it('refuses a second reprimand, naming the rule, the decision served and the least form', () => {
    const { case: decided, context } = atDecision([reprimand], 'reprimand');
    const refusal = decided
      .when(decide('reprimand'), context.as(leader))
      .refuses(
        'discipline.repeat_violation_needs_heavier_form',
        /^form: the violation of 2026-03-01 was committed while reprimand \(12\/QĐ-UBND \(2026-01-05\)\) was in effect until 2027-01-10; served reprimand \(the form the new violation warrants on its own is not on record\), needs at least warning \(one level above the form served\), not reprimand \(Nghị định 172\/2025\/NĐ-CP, art\. 2\(3\)/,
      );
    expect(refusal.category).toBe('unprocessable');
    expect(refusal.field).toBe('form');
    expect(refusal.details).toMatchObject({ leastForm: 'warning' });
  });

  it('accepts the form one level heavier (with the reason it departs from the council)', () => {
    const { case: decided, context } = atDecision([reprimand], 'reprimand');
    const [event] = decided
      .when(decide('warning', because), context.as(leader))
      .then(['DisciplineDecided']);
    expect(event.data).toMatchObject({ form: 'warning' });
  });

  it('leaves a reprimand open once the earlier one was no longer in effect, or was annulled', () => {
    const ended = { ...reprimand, effectiveFrom: '2025-03-01', inEffectUntil: '2026-03-01' };
    const afterward = atDecision([ended], 'reprimand');
    afterward.case
      .when(decide('reprimand'), afterward.context.as(leader))
      .then(['DisciplineDecided']);
    const annulled = { ...reprimand, annulled: { on: '2026-02-01', decisionRef: '3/QĐ' } };
    const voided = atDecision([annulled], 'reprimand');
    voided.case.when(decide('reprimand'), voided.context.as(leader)).then(['DisciplineDecided']);
  });

  it('counts only the track of the case: a Party reprimand does not raise the civil-service form', () => {
    const partyRecord = { ...reprimand, track: 'party' as const };
    const { case: decided, context } = atDecision([partyRecord], 'reprimand');
    decided.when(decide('reprimand'), context.as(leader)).then(['DisciplineDecided']);
  });

  it('keeps the earlier behaviour under a rule set in force before Nghị định 172/2025', () => {
    const before = ruleSetOn('2023-10-02', 'state');
    expect(heavierFormRequired(before, subject(), [reprimand])).toBeNull();
    const { case: decided, context } = atDecision([reprimand], 'reprimand', { ruleSet: before });
    decided.when(decide('reprimand'), context.as(leader)).then(['DisciplineDecided']);
  });

  it('names the heaviest discipline in effect, skips removal for one without a post, keeps the heaviest allowed', () => {
    const warning = {
      ...reprimand,
      caseId: 'd-00',
      form: 'warning',
      decisionRef: '20/QĐ (2026-02-01)',
    };
    const required = heavierFormRequired(stateNow, subject(), [reprimand, warning], []);
    expect(required).toMatchObject({
      inEffect: { form: 'warning', decisionRef: '20/QĐ (2026-02-01)' },
      leastForm: 'dismissal',
      formsAllowed: ['dismissal'],
    });
    const dismissal = { ...reprimand, form: 'dismissal', inEffectUntil: null };
    expect(heavierFormRequired(stateNow, subject(), [dismissal])).toMatchObject({
      leastForm: 'dismissal',
      formsAllowed: ['dismissal'],
    });
  });

  it('refuses the ballot where it chooses the form the decision applies (no council that recommends)', () => {
    const chooses = {
      ...civilDefinition,
      discipline: { ...civilDefinition.discipline!, councilRecommends: false },
    };
    const context = track(chooses, stateNow, { disciplineOnRecord: [reprimand] });
    given(
      [open(whileServed), context.as(inspector)],
      [verified, context.as(inspector)],
      [meeting('self-criticism'), context.as(staff)],
      [meeting('review'), context.as(inspector)],
    )
      .when(ballot({ reprimand: 5 }, 5), context.as(secretary))
      .refuses(
        'discipline.repeat_violation_needs_heavier_form',
        /^tally\.votesByForm\.reprimand: .*needs at least warning/,
      );
  });
});

describe('art. 2(3)(a)–(b): one level above the heavier of the form served and the new violation own form', () => {
  // The ladder of the set in force: reprimand, warning, demotion, removal, dismissal or recall.
  const { levels } = ruleValue<{ levels: string[][] }>(
    stateNow,
    'discipline.repeatViolationHeavierForm',
  );

  it('(a) a new violation warranting a lighter or equal form: one level above the form served', () => {
    expect(leastLevel(levels, 1, 0)).toEqual({ least: 2, basis: 'served' });
    expect(leastLevel(levels, 1, 1)).toEqual({ least: 2, basis: 'served' });
    expect(leastLevel(levels, 1, -1)).toEqual({ least: 2, basis: 'served' });
  });

  it('(b) a new violation warranting a heavier form: one level above its own form', () => {
    expect(leastLevel(levels, 0, 3)).toEqual({ least: 4, basis: 'new_violation' });
    expect(leastLevel(levels, 0, 1)).toEqual({ least: 2, basis: 'new_violation' });
  });

  it('at the top of the ladder, with no level above: the heaviest form itself', () => {
    expect(leastLevel(levels, 4, 0)).toEqual({ least: 4, basis: 'heaviest' });
    expect(leastLevel(levels, 0, 4)).toEqual({ least: 4, basis: 'heaviest' });
  });

  it('reads the new violation own form from the case (violation.severity) and requires one level above it', () => {
    const required = heavierFormRequired(
      stateNow,
      subject({ severity: 'removal_from_post' }),
      [reprimand],
      ['pos-1'],
    );
    expect(required).toMatchObject({
      inEffect: { form: 'reprimand' },
      newViolationForm: 'removal_from_post',
      basis: 'new_violation',
      leastForm: 'dismissal',
      formsAllowed: ['dismissal'],
    });
    expect(
      heavierFormRequired(stateNow, subject({ severity: 'reprimand' }), [reprimand]),
    ).toMatchObject({ newViolationForm: 'reprimand', basis: 'served', leastForm: 'warning' });
  });

  it('refuses the decision one level above the form served when the new violation warrants more on its own', () => {
    const { case: decided, context } = atDecision([reprimand], 'removal_from_post', {
      severity: 'removal_from_post',
    });
    const refusal = decided
      .when(decide('removal_from_post'), context.as(leader))
      .refuses(
        'discipline.repeat_violation_needs_heavier_form',
        /^form: .*; served reprimand, the new violation warrants removal_from_post on its own, needs at least dismissal \(one level above the new violation's own form\), not removal_from_post \(Nghị định 172\/2025\/NĐ-CP, art\. 2\(3\)/,
      );
    expect(refusal.details).toMatchObject({
      newViolationForm: 'removal_from_post',
      basis: 'new_violation',
      leastForm: 'dismissal',
    });
  });
});

function subject(violation: { severity?: string } = {}) {
  return {
    caseId: 'd-1',
    personId: 'p-1',
    track: 'civil_service' as const,
    serviceStatus: 'civil_servant' as const,
    electedCadre: false,
    violation: { ...whileServed, ...violation },
  };
}
