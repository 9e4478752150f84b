import { RegistryService } from '../cadres/registry.service';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { problemAt } from './import-plan';
import { ImportRow } from './parse-rows';
import { RowProblem } from './row-problem';

export interface ReferenceCheck {
  /** Ids outside the caller's grant (a person who does not exist counts as one: existence is not told). */
  outOfScope: RowProblem[];
  /** Org units and posts that do not exist (reference data anyone may list). */
  missing: RowProblem[];
  /** The unit each person of the file lies in: the file's own people sheet, else the registry. */
  unitOf: Map<string, string>;
}

/**
 * Every id the file names is checked against the caller's grant, as every API route checks its
 * ids: an org unit or a post by where it lies, a person by the unit they are registered in, unless
 * the file's own people sheet registers them (then by the unit that row gives).
 */
export async function checkReferences(
  rows: ImportRow[],
  actor: Actor,
  scope: OrgScope,
  registry: RegistryService,
  /** Person ids the file's people sheet registers (read even from rows with other bad cells). */
  declared: Set<string>,
): Promise<ReferenceCheck> {
  const outOfScope: RowProblem[] = [];
  const missing: RowProblem[] = [];
  const unitOf = new Map<string, string>();
  const reached = memo((unit: string) => scope.reaches(actor, unit));
  const unitExists = memo((unit: string) => scope.unitExists(unit));
  const positionUnit = memo(
    async (id: string) => (await registry.findPosition(id))?.orgUnitId ?? null,
  );
  const registeredUnit = memo((id: string) => scope.personUnit(id));

  const checkUnit = async (row: ImportRow, field: string, unit: string) => {
    if (!(await unitExists(unit)))
      missing.push(problemAt(row, field, 'org_unit.not_found', `org unit ${unit} does not exist`));
    else if (!(await reached(unit)))
      outOfScope.push(
        problemAt(
          row,
          field,
          'scope.out_of_scope',
          `org unit ${unit} is outside your grant for ${actor.orgUnit}`,
        ),
      );
  };
  for (const row of rows) {
    const v = row.values as Record<string, string | undefined>;
    const personId = v.personId!;
    const registered = await registeredUnit(personId);
    if (registered !== null && !(await reached(registered)))
      outOfScope.push(
        problemAt(
          row,
          'personId',
          'scope.out_of_scope',
          `person ${personId} is not registered in any unit your grant for ${actor.orgUnit} covers`,
        ),
      );
    else if (registered === null && !declared.has(personId))
      outOfScope.push(
        problemAt(
          row,
          'personId',
          'scope.out_of_scope',
          `person ${personId} is neither in the sheet of people nor registered in any unit your grant for ${actor.orgUnit} covers`,
        ),
      );
    if (registered !== null) unitOf.set(personId, registered);
    if (row.kind === 'people') {
      await checkUnit(row, 'orgUnitId', v.orgUnitId!);
      if (registered === null) unitOf.set(personId, v.orgUnitId!);
    }
    if (v.orgUnitId && row.kind === 'discipline') await checkUnit(row, 'orgUnitId', v.orgUnitId);
    if (v.positionId) {
      const unit = await positionUnit(v.positionId);
      if (unit === null)
        missing.push(
          problemAt(
            row,
            'positionId',
            'position.not_found',
            `position ${v.positionId} does not exist`,
          ),
        );
      else if (!(await reached(unit)))
        outOfScope.push(
          problemAt(
            row,
            'positionId',
            'scope.out_of_scope',
            `position ${v.positionId} belongs to org unit ${unit}, which your grant for ${actor.orgUnit} does not cover`,
          ),
        );
    }
  }
  return { outOfScope, missing, unitOf };
}

function memo<T>(lookup: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, lookup(key));
    return cache.get(key)!;
  };
}
