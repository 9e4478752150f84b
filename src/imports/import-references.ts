import { RegistryReads } from '../cadres/prefetched-registry';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { problemAt } from './import-plan';
import { ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';

/** The scope lookups the checks make: OrgScope's, or an import's prefetched copy of them. */
export type ReferenceScope = Pick<OrgScope, 'reaches' | 'unitExists' | 'personUnit'>;

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
  rows: ReadRow[],
  actor: Actor,
  scope: ReferenceScope,
  registry: Pick<RegistryReads, 'findPosition'>,
  /** Person ids the file's people sheet registers (read even from rows with other bad cells). */
  declared: Set<string>,
): Promise<ReferenceCheck> {
  const checker = new ReferenceChecker(actor, scope, registry, declared);
  for (const row of rows) await checker.check(row);
  return { outOfScope: checker.outOfScope, missing: checker.missing, unitOf: checker.unitOf };
}

/** The checks of one file, with each lookup made once however many rows name the same id. */
class ReferenceChecker {
  readonly outOfScope: RowProblem[] = [];
  readonly missing: RowProblem[] = [];
  readonly unitOf = new Map<string, string>();
  private readonly reached = memo((unit: string) => this.scope.reaches(this.actor, unit));
  private readonly unitExists = memo((unit: string) => this.scope.unitExists(unit));
  private readonly positionUnit = memo(
    async (id: string) => (await this.registry.findPosition(id))?.orgUnitId ?? null,
  );
  private readonly registeredUnit = memo((id: string) => this.scope.personUnit(id));

  constructor(
    private readonly actor: Actor,
    private readonly scope: ReferenceScope,
    private readonly registry: Pick<RegistryReads, 'findPosition'>,
    private readonly declared: Set<string>,
  ) {}

  async check(row: ReadRow): Promise<void> {
    const v = row.values as Record<string, string | undefined>;
    // A step is checked through its case's row (the case's person, post and unit).
    if (row.kind === 'caseSteps') return;
    // A row read in part names what it could read: each of those is checked.
    const personId = v.personId;
    const registered = personId === undefined ? null : await this.checkPerson(row, personId);
    if (row.kind === 'people' && v.orgUnitId !== undefined) {
      await this.checkUnit(row, 'orgUnitId', v.orgUnitId);
      if (registered === null && personId !== undefined) this.unitOf.set(personId, v.orgUnitId);
    }
    if (v.orgUnitId && (row.kind === 'discipline' || row.kind === 'cases'))
      await this.checkUnit(row, 'orgUnitId', v.orgUnitId);
    if (v.positionId) await this.checkPosition(row, v.positionId);
  }

  /** The unit the person is registered in (null: not registered yet). */
  private async checkPerson(row: ReadRow, personId: string): Promise<string | null> {
    const registered = await this.registeredUnit(personId);
    const grant = `your grant for ${this.actor.orgUnit} covers`;
    if (registered !== null && !(await this.reached(registered)))
      this.outOfScope.push(
        problemAt(
          row,
          'personId',
          'scope.out_of_scope',
          `person ${personId} is not registered in any unit ${grant}`,
        ),
      );
    else if (registered === null && !this.declared.has(personId))
      this.outOfScope.push(
        problemAt(
          row,
          'personId',
          'scope.out_of_scope',
          `person ${personId} is neither in the sheet of people nor registered in any unit ${grant}`,
        ),
      );
    if (registered !== null) this.unitOf.set(personId, registered);
    return registered;
  }

  private async checkUnit(row: ReadRow, field: string, unit: string): Promise<void> {
    if (!(await this.unitExists(unit)))
      this.missing.push(
        problemAt(row, field, 'org_unit.not_found', `org unit ${unit} does not exist`),
      );
    else if (!(await this.reached(unit)))
      this.outOfScope.push(
        problemAt(
          row,
          field,
          'scope.out_of_scope',
          `org unit ${unit} is outside your grant for ${this.actor.orgUnit}`,
        ),
      );
  }

  private async checkPosition(row: ReadRow, positionId: string): Promise<void> {
    const unit = await this.positionUnit(positionId);
    if (unit === null)
      this.missing.push(
        problemAt(row, 'positionId', 'position.not_found', `position ${positionId} does not exist`),
      );
    else if (!(await this.reached(unit)))
      this.outOfScope.push(
        problemAt(
          row,
          'positionId',
          'scope.out_of_scope',
          `position ${positionId} belongs to org unit ${unit}, which your grant for ${this.actor.orgUnit} does not cover`,
        ),
      );
  }
}

function memo<T>(lookup: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, lookup(key));
    return cache.get(key)!;
  };
}
