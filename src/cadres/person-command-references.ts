import { SeededCommand } from '../common/stream-commands-at-once';
import { PersonCommand } from './person/person.decider';
import { OrgUnit, Position } from './registry-records';
import { RegistryRuleViolation } from './registry-rule-violation';

/** Where the references a person command names are looked up. */
export interface RegistryLookups {
  findOrgUnit(id: string): Promise<OrgUnit | null>;
  findPosition(id: string): Promise<Position | null>;
}

/** The unit a person is registered in and the post a command names must exist. */
export async function assertReferencesExist(
  registry: RegistryLookups,
  command: PersonCommand,
): Promise<void> {
  if (command.type === 'RegisterPerson' && !(await registry.findOrgUnit(command.data.orgUnitId))) {
    throw new RegistryRuleViolation(
      'org_unit.not_found',
      `orgUnitId: org unit ${command.data.orgUnitId} does not exist`,
      'unprocessable',
      'orgUnitId',
    );
  }
  if (
    (command.type === 'AssignPost' || command.type === 'AddPlanningPoolEntry') &&
    !(await registry.findPosition(command.data.positionId))
  ) {
    throw new RegistryRuleViolation(
      'position.not_found',
      `positionId: position ${command.data.positionId} does not exist`,
      'unprocessable',
      'positionId',
    );
  }
}

/** Whether every command's references exist; if not, the one-by-one path says which refuses. */
export const referencesExist = (
  registry: RegistryLookups,
  commands: readonly SeededCommand<PersonCommand>[],
): Promise<boolean> =>
  Promise.all(commands.map(({ command }) => assertReferencesExist(registry, command))).then(
    () => true,
    () => false,
  );

/**
 * The post's pool and term whose seat the command's decision may claim: a new entry, or one an
 * annulled discipline decision had removed (`restored`).
 */
export function seatClaimedBy(
  command: PersonCommand,
): { personId: string; positionId: string; term: string; restored: boolean } | null {
  if (command.type !== 'AddPlanningPoolEntry' && command.type !== 'RestorePlanningPoolEntry')
    return null;
  const { personId, positionId, term } = command.data;
  return { personId, positionId, term, restored: command.type === 'RestorePlanningPoolEntry' };
}

/** A command whose decision may claim a post's planning seat, which one write of several cannot undo. */
export const reservesSeat = (command: PersonCommand): boolean => seatClaimedBy(command) !== null;
