import { RegistryRuleViolation } from './registry-rule-violation';

/**
 * The territorial levels (cấp hành chính), highest first: a province holds districts and towns
 * (the level ended on 1 Jul 2025 but its units stay on the record) and communes and wards.
 * The organs of a level (Party and people's committees, departments, agencies) sit under their
 * territory or under one another and are not ranked here.
 */
const TERRITORIAL_LEVEL: Readonly<Record<string, number>> = {
  province: 1,
  district: 2,
  town: 2,
  commune: 3,
  ward: 3,
};

/**
 * The path of the parent a new unit of `kind` goes under: the parent exists, and a territorial
 * unit sits under a territory of a higher level only (a province under none).
 */
export function placedUnder(
  kind: string,
  parentId: string,
  parent: { id: string; kind: string; path: string[] } | null,
): string[] {
  if (!parent)
    throw new RegistryRuleViolation(
      'org_unit.parent_not_found',
      `parentId: org unit ${parentId} does not exist`,
      'unprocessable',
      'parentId',
    );
  const level = TERRITORIAL_LEVEL[kind];
  if (level === undefined) return parent.path;
  const parentLevel = TERRITORIAL_LEVEL[parent.kind];
  if (parentLevel === undefined || parentLevel >= level)
    throw new RegistryRuleViolation(
      'org_unit.misplaced_level',
      `parentId: a ${kind} cannot sit under ${parent.id} (a ${parent.kind}); it belongs under a territory of a higher level${level === 1 ? ' (a province has no parent)' : ''}`,
      'unprocessable',
      'parentId',
    );
  return parent.path;
}

/** Whether a unit of this kind is a territory (a province, town, commune…), not an organ of one. */
export function isTerritorial(kind: string): boolean {
  return TERRITORIAL_LEVEL[kind] !== undefined;
}
