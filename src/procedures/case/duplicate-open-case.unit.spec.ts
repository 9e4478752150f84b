import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { DuplicateOpenCase, refusalForReader } from './duplicate-open-case';
import { openCaseSlotOf, openCaseSlotStream } from './open-case-slot';

describe('a duplicate-open refusal as its reader may read it', () => {
  const slot = { procedure: 'transfer', personId: 'p-official', positionId: 'pos-x' };
  // The province's case lies in ou-prov; a town's grant reaches ou-town only.
  const scope = {
    anyCaseUnit: async (caseId: string) => (caseId === 'c-above' ? 'ou-prov' : null),
    reaches: async (actor: Actor, unit: string) =>
      actor.orgUnit === unit || actor.orgUnit === 'ou-prov',
  } as unknown as OrgScope;
  const reader = (orgUnit: string) =>
    ({ userId: 'u', roles: ['organization_staff'], orgUnit }) as unknown as Actor;

  it('names the holding case to a reader whose grant reaches it', async () => {
    const refusal = (await refusalForReader(
      new DuplicateOpenCase(slot, 'c-above'),
      scope,
      reader('ou-prov'),
    )) as DomainRuleViolation;
    expect(refusal.message).toContain('c-above');
    expect(refusal.details).toEqual({ openCaseId: 'c-above' });
  });

  it('refuses a town all the same, naming neither the case nor its id', async () => {
    const refusal = (await refusalForReader(
      new DuplicateOpenCase(slot, 'c-above'),
      scope,
      reader('ou-town'),
    )) as DomainRuleViolation;
    expect(refusal).toMatchObject({ rule: 'case.duplicate_open', category: 'conflict' });
    expect(refusal.message).not.toContain('c-above');
    expect(refusal.message).toContain('a unit your grant for ou-town does not cover');
    expect(refusal.details).toBeUndefined();
  });

  it('leaves any other refusal as it is', async () => {
    const other = new DomainRuleViolation('case.exists', 'c-1 exists', 'conflict');
    expect(await refusalForReader(other, scope, reader('ou-town'))).toBe(other);
  });
});

/**
 * A transfer (điều động) runs as a rotation case and shares its slot; its refusal named a rotation
 * ("đã có hồ sơ Luân chuyển đang mở") where the case page, inbox and report say Điều động.
 */
describe('a duplicate-open refusal of a transfer', () => {
  const opening = { procedure: 'rotation', personId: 'p-an', positionId: 'pos-x' };

  it('names the procedure as the opener named it: a transfer', () => {
    const slot = openCaseSlotOf({ ...opening, definitionId: 'transfer.standard@2' });
    const refusal = new DuplicateOpenCase(slot, 'c-open');
    expect(refusal.message).toBe(
      'p-an already has an open transfer case for post pos-x: c-open; close it (decide, withdraw or reject) before opening another',
    );
  });

  it('names a rotation a rotation', () => {
    const slot = openCaseSlotOf({ ...opening, definitionId: 'rotation.standard@1' });
    expect(new DuplicateOpenCase(slot, null).message).toContain('an open rotation case');
  });

  it('keeps the slot a rotation and a transfer share', () => {
    const transfer = openCaseSlotOf({ ...opening, definitionId: 'transfer.standard' });
    const rotation = openCaseSlotOf({ ...opening, definitionId: 'rotation.standard' });
    expect(openCaseSlotStream(transfer)).toBe(openCaseSlotStream(rotation));
  });
});
