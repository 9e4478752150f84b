import path from 'node:path';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { personDecider } from '../person/person.decider';
import { PersonState } from '../person/person.state';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { planningLimits } from './planning-pool-seats';
import { workingTimeCountedFrom } from './planning-working-time';

/**
 * A person planned for a term must still be able to work a full term before retiring
 * (`planning.minTermsBeforeRetirement`, Quy định 50-QĐ/TW, carried into 377-QĐ/TW). Before, a man
 * retired on 30 Nov 2025 was put into the 2025-2030 pool and took one of the post's places.
 */
const ruleSet = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const limits = planningLimits(ruleSet);

const registered = (dateOfBirth: string, gender: 'male' | 'female'): PersonState =>
  personDecider.evolve(personDecider.initialState(), {
    type: 'PersonRegistered',
    data: { personId: 'p-1', fullName: 'Nguyễn Văn A', dateOfBirth, gender, orgUnitId: 'ou-1' },
  } as never);

const plan =
  (state: PersonState, term: string, day = '2026-12-07') =>
  () =>
    personDecider.decide(
      state,
      {
        type: 'AddPlanningPoolEntry',
        data: { personId: 'p-1', positionId: 'pos-head', term, decisionRef: 'QH-1' },
      },
      {
        planning: {
          maxPostsPerLevel: limits.maxPostsPerPersonPerLevel,
          levelOf: { 'pos-head': 5 },
          termYears: limits.termYears,
          plannableTerms: limits.plannableTerms,
          workingTime: limits.workingTime,
          day,
        },
      },
    );

const refusal = (fn: () => unknown): RegistryRuleViolation => {
  try {
    fn();
  } catch (error) {
    return error as RegistryRuleViolation;
  }
  throw new Error('not refused');
};

describe('planning asks for a full term of working time before retirement', () => {
  it('refuses a man already retired, naming the retirement day, the term and the rule', () => {
    const error = refusal(plan(registered('1964-08-15', 'male'), '2025-2030'));
    expect(error).toBeInstanceOf(RegistryRuleViolation);
    expect(error.rule).toBe('planning.not_enough_working_time');
    expect(error.field).toBe('personId');
    expect(error.category).toBe('unprocessable');
    expect(error.message).toMatch(
      /^personId: p-1 retires on 2025-11-30, before 2031-12-06; planned for the term 2025-2030, a person must still have 5 years of working time from 2026-12-07 \(Quy định 377-QĐ\/TW/,
    );
  });

  it('refuses a woman retiring in 2027 for the running term and the next', () => {
    const woman = registered('1971-05-10', 'female');
    expect(refusal(plan(woman, '2025-2030')).rule).toBe('planning.not_enough_working_time');
    expect(refusal(plan(woman, '2030-2035')).message).toContain('from 2030-01-01');
  });

  it('plans a person who can work the whole term: the next term is counted from its start', () => {
    // Born 1972-03-10, a man retires at 62 (from 2028): on 31 Mar 2034.
    const man = registered('1972-03-10', 'male');
    expect(plan(man, '2025-2030')()).toEqual([
      expect.objectContaining({ type: 'PlanningPoolEntryAdded' }),
    ]);
    expect(refusal(plan(man, '2030-2035')).message).toContain(
      'retires on 2034-03-31, before 2034-12-31',
    );
    expect(plan(registered('1985-01-01', 'female'), '2030-2035')()).toHaveLength(1);
  });

  it('counts from the term’s start when it lies ahead, from the planning day when it runs', () => {
    expect(workingTimeCountedFrom('2030-2035', '2026-12-07')).toBe('2030-01-01');
    expect(workingTimeCountedFrom('2025-2030', '2026-12-07')).toBe('2026-12-07');
  });
});
