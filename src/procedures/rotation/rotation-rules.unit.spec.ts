import * as path from 'node:path';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { rotationOpening, rotationTerm } from './rotation-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const [, vn2025] = loadRuleSets(path.join(seeds, 'rule-sets'));
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const input = {
  definition: definitions.get('rotation.standard@2')!,
  target: { id: 'pos-commune-chair', rank: 4 },
  planningPool: [
    { positionId: 'pos-district-deputy', term: '2025-2030', decisionRef: '112-QĐ/TU', rank: 5 },
  ],
  person: { dateOfBirth: '1985-01-01', gender: 'female' as const },
  today: '2026-11-20',
  ruleSet: vn2025,
};

function refusal(run: () => unknown): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('expected a refusal');
}

describe('rotation (luân chuyển) and transfer (điều động)', () => {
  it('accepts a planning-pool entry for a higher post', () => {
    expect(rotationOpening(input)).toMatchObject({
      kind: 'rotation',
      planningPoolEntry: 'pos-district-deputy (2025-2030, 112-QĐ/TU)',
    });
  });

  it('refuses a rotation without an entry for the target or a higher post, naming what is missing', () => {
    const error = refusal(() =>
      rotationOpening({ ...input, planningPool: [{ ...input.planningPool[0], rank: 3 }] }),
    );
    expect(error.rule).toBe('rotation.no_planning_pool_entry');
    expect(error.message).toMatch(
      /needs a planning-pool entry for pos-commune-chair or a higher post; the person has pos-district-deputy \(2025-2030\)/,
    );
  });

  it('does not ask a transfer for a planning-pool entry', () => {
    expect(
      rotationOpening({
        ...input,
        definition: definitions.get('transfer.standard@2')!,
        planningPool: [],
      }),
    ).toEqual({ kind: 'transfer' });
  });

  it('refuses a rotation too close to retirement', () => {
    expect(
      refusal(() =>
        rotationOpening({ ...input, person: { dateOfBirth: '1970-01-01', gender: 'female' } }),
      ).rule,
    ).toBe('rotation.too_close_to_retirement');
  });

  it('plans at least the rule’s minimum duration', () => {
    expect(rotationTerm(vn2025, '2027-01-01', undefined, 'rotation.minYears')).toMatchObject({
      termYears: 3,
      termEnd: '2030-01-01',
    });
    expect(
      refusal(() => rotationTerm(vn2025, '2027-01-01', 2, 'rotation.minYears')).message,
    ).toMatch(/at least 3 years, 2 given/);
  });
});
