import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { Actor } from './actor';
import { OrgScope } from './org-scope';

/** The checks of OrgScope a bulk job asks for every entry. */
export type EntryScope = Pick<
  OrgScope,
  'assertUnitInScope' | 'assertPersonInScope' | 'assertPositionInScope'
>;

/**
 * OrgScope's checks of an org unit, a post and a person (and the lookups under them), answered from a bulk job's prefetched
 * registry (units with their paths, posts, each person's first event) instead of a query per id:
 * the same rules and the same refusals, word for word (test/transfer-batch compares them).
 * A grant reaches a unit when the grant's unit is on the unit's path, as `OrgScope.reaches` asks.
 */
export class PrefetchedScope
  implements EntryScope, Pick<OrgScope, 'reaches' | 'unitExists' | 'personUnit'>
{
  constructor(private readonly registry: PrefetchedRegistry) {}

  async reaches(actor: Actor, unitId: string): Promise<boolean> {
    const unit = await this.registry.findOrgUnit(unitId);
    return unit !== null && unit.path.includes(actor.orgUnit);
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.registry.findOrgUnit(unitId)) !== null;
  }

  personUnit(personId: string): Promise<string | null> {
    return this.registry.personUnit(personId);
  }

  async assertUnitInScope(actor: Actor, unitId: string, field: string): Promise<void> {
    if (!(await this.registry.findOrgUnit(unitId)))
      throw new DomainRuleViolation(
        'org_unit.not_found',
        `${field}: org unit ${unitId} does not exist`,
        'unprocessable',
        field,
      );
    if (!(await this.reaches(actor, unitId)))
      throw outOfScope(
        `${field}: org unit ${unitId} is outside your grant for ${actor.orgUnit}`,
        field,
      );
  }

  async assertPositionInScope(actor: Actor, positionId: string, field: string): Promise<void> {
    const position = await this.registry.findPosition(positionId);
    const unit = position && (await this.registry.findOrgUnit(position.orgUnitId));
    if (!position || !unit)
      throw new DomainRuleViolation(
        'position.not_found',
        `${field}: position ${positionId} does not exist`,
        'unprocessable',
        field,
      );
    if (!unit.path.includes(actor.orgUnit))
      throw outOfScope(
        `${field}: position ${positionId} belongs to org unit ${unit.id}, which your grant for ${actor.orgUnit} does not cover`,
        field,
      );
  }

  async assertPersonInScope(actor: Actor, personId: string, field: string): Promise<void> {
    const unit = await this.registry.personUnit(personId);
    if (!unit || !(await this.reaches(actor, unit)))
      throw outOfScope(
        `${field}: person ${personId} is not registered in any unit your grant for ${actor.orgUnit} covers`,
        field,
      );
  }
}

function outOfScope(message: string, field?: string): DomainRuleViolation {
  return new DomainRuleViolation('scope.out_of_scope', message, 'forbidden', field);
}
