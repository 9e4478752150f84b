import { PersonState } from '../../cadres/person/person.state';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { Position } from '../../cadres/registry.service';
import { DomainRuleViolation } from './decider/domain-rule-violation';

/** The person a case opens for, read once; an unregistered person is refused on `personId`. */
export async function registeredPerson(
  registry: RegistryReads,
  personId: string,
): Promise<Extract<PersonState, { status: 'registered' }>> {
  const { state } = await registry.loadPerson(personId);
  if (state.status !== 'registered')
    throw new DomainRuleViolation(
      'person.not_found',
      `personId: person ${personId} is not registered`,
      'unprocessable',
      'personId',
    );
  return state;
}

/** The post a case opens for; an unknown post is refused on `positionId`. */
export async function existingPosition(
  registry: RegistryReads,
  positionId: string,
): Promise<Position> {
  const position = await registry.findPosition(positionId);
  if (!position)
    throw new DomainRuleViolation(
      'position.not_found',
      `positionId: position ${positionId} does not exist`,
      'unprocessable',
      'positionId',
    );
  return position;
}

/** The post's unit and the units above it, nearest first (those the registry still has). */
export async function unitsAbove(
  registry: RegistryReads,
  position: Position,
): Promise<{ id: string; kind: string }[]> {
  const unit = await registry.findOrgUnit(position.orgUnitId);
  if (!unit) return [];
  const above = await Promise.all(unit.path.slice(0, -1).map((id) => registry.findOrgUnit(id)));
  return [unit, ...above.filter((u) => u !== null).reverse()];
}
