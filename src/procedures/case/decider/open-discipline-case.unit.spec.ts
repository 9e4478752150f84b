import * as path from 'node:path';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { DomainRuleViolation } from './domain-rule-violation';
import { PersonFactsForVetting } from './case.context';
import { openDisciplineCasesOf, refuseOpenDisciplineCase } from './open-discipline-case';

const ruleSets = loadRuleSets(path.resolve(__dirname, '../../../../seeds/rule-sets'));
const stateNow = ruleSets.find((set) => set.id === 'state-2025-10-08')!;
const state2022 = ruleSets.find((set) => set.id === 'state-2022-08-18')!;

const facts: PersonFactsForVetting = {
  dateOfBirth: '1980-04-12',
  gender: 'female',
  target: { positionId: 'pos-head', rank: 4 },
  planningPool: [],
  posts: [],
  disciplineBars: [],
  openDisciplineCases: [],
  pendingDisciplineCases: ['d-just-opened'],
};

const atDecision = { step: 'the decision' };

function refusal(run: () => void): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('not refused');
}

describe('the appointment decision and a discipline case opened since the vetting', () => {
  it('under Quy định 377-QĐ/TW a case just opened refuses the decision, naming it and the rule', () => {
    const refused = refusal(() =>
      refuseOpenDisciplineCase('p-an', openDisciplineCasesOf(facts), stateNow, atDecision),
    );
    expect(refused.rule).toBe('discipline.case_open');
    expect(refused.message).toMatch(
      /^p-an is within the period of a discipline case \(discipline case d-just-opened\), open \(Quy định 377-QĐ\/TW/,
    );
    expect(refused.message).toContain('Nghị định 172/2025');
    expect(refused.message).toMatch(/: the decision cannot go ahead until it is decided$/);
  });

  it('under Quy định 80-QĐ/TW only a case past verification refuses it', () => {
    expect(() =>
      refuseOpenDisciplineCase('p-an', openDisciplineCasesOf(facts), state2022, atDecision),
    ).not.toThrow();
    const refused = refusal(() =>
      refuseOpenDisciplineCase(
        'p-an',
        openDisciplineCasesOf({ ...facts, openDisciplineCases: ['d-just-opened'] }),
        state2022,
        atDecision,
      ),
    );
    expect(refused.message).toContain('(discipline case d-just-opened), open past verification (');
  });

  it("a case a unit above opened is told of, not named, to the case's unit", () => {
    const refused = refusal(() =>
      refuseOpenDisciplineCase(
        'p-an',
        openDisciplineCasesOf({
          ...facts,
          pendingDisciplineCases: [],
          disciplineCasesElsewhere: { open: 1, pastVerification: 0 },
        }),
        stateNow,
        atDecision,
      ),
    );
    expect(refused.message).toContain('(a discipline case opened by a unit above), open (');
    expect(refused.details).toEqual({ disciplineCases: [], disciplineCasesElsewhere: 1 });
  });

  it('at the opening, the refusal names the field that names the person', () => {
    const refused = refusal(() =>
      refuseOpenDisciplineCase('p-an', openDisciplineCasesOf(facts), stateNow, {
        step: 'the appointment',
        field: 'personId',
      }),
    );
    expect(refused.rule).toBe('discipline.case_open');
    expect(refused.field).toBe('personId');
    expect(refused.message).toMatch(
      /^personId: p-an is within the period of a discipline case \(discipline case d-just-opened\)/,
    );
    expect(refused.message).toMatch(/: the appointment cannot go ahead until it is decided$/);
  });

  it('no open case, no refusal', () => {
    expect(() =>
      refuseOpenDisciplineCase(
        'p-an',
        openDisciplineCasesOf({ ...facts, pendingDisciplineCases: [] }),
        stateNow,
        atDecision,
      ),
    ).not.toThrow();
  });
});
