import { OrgUnit, Position, RegistryService } from '../../cadres/registry.service';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { DomainRuleViolation } from './decider/domain-rule-violation';

/**
 * A case about a post (an appointment, a re-appointment, a rotation or transfer into it, a removal
 * from it, an extension, an election, an approval in principle, a consultation) is run, and
 * decided, by the unit that appoints to the post (its appointing authority), by the post's own
 * unit, or by a unit above either: those are the leaders the decision step's `case-unit` scope
 * names. A case put under another unit (a commune removing a city director) would have that
 * unit's leaders perform its steps and sign a decision it has no authority for, and its staff read
 * the person's record; it is refused at opening, naming the units that may run it.
 */
export async function refuseUnitWithoutAuthority(
  registry: RegistryReads,
  target: Position,
  orgUnitId: string,
  options: UnitAuthorityOptions = {},
): Promise<void> {
  if ((await unitsWithAuthority(registry, target)).includes(orgUnitId)) return;
  if (options.partyCommitteeOfTerritory) {
    const [unit, postPath] = await Promise.all([
      registry.findOrgUnit(orgUnitId),
      pathOfPost(registry, target),
    ]);
    if (unit && isPartyCommitteeOfTerritory(unit, postPath)) return;
  }
  throw new DomainRuleViolation(
    'case.unit_without_authority',
    `orgUnitId: ${orgUnitId} neither appoints to ${target.id} nor holds it${options.partyCommitteeOfTerritory ? ', nor is it the Party committee of a territory the post lies in' : ''}; open the case in ${target.appointingAuthority} (its appointing authority), ${target.orgUnitId} or a unit above them${options.partyCommitteeOfTerritory ? ", or in the Party committee of the post's territory" : ''}`,
    'unprocessable',
    'orgUnitId',
  );
}

/**
 * The units with authority over the post: its appointing authority, its own unit and every unit
 * above either (every procedure's case about the post may be opened in these).
 */
export async function unitsWithAuthority(
  registry: Pick<RegistryReads, 'findOrgUnit'>,
  target: Position,
): Promise<string[]> {
  const paths = await Promise.all(
    [target.appointingAuthority, target.orgUnitId].map(
      async (id) => (await registry.findOrgUnit(id))?.path ?? [id],
    ),
  );
  return [...new Set(paths.flat())];
}

/**
 * The units a case of a procedure about the post may be opened in, as the opening judges them
 * (`refuseUnitWithoutAuthority`): the units with authority over the post and, where the procedure
 * lets them run it, the Party committees of the territories the post lies in. The opening form
 * offers only these (GET /positions/:id/case-units?procedure=).
 */
export async function caseUnitsOf(
  registry: Pick<RegistryService, 'findOrgUnit' | 'listOrgUnits'>,
  target: Position,
  options: UnitAuthorityOptions = {},
): Promise<string[]> {
  const withAuthority = await unitsWithAuthority(registry, target);
  if (!options.partyCommitteeOfTerritory) return withAuthority;
  const [units, postPath] = await Promise.all([
    registry.listOrgUnits(),
    pathOfPost(registry, target),
  ]);
  const committees = units
    .filter((unit) => isPartyCommitteeOfTerritory(unit, postPath))
    .map((unit) => unit.id);
  return [...new Set([...withAuthority, ...committees])];
}

/**
 * The Party committee (cấp ủy, a `party_committee` unit) of a territory the post lies in: its
 * parent unit (the commune, the province) is the post's unit or one above it.
 */
function isPartyCommitteeOfTerritory(unit: OrgUnit, postPath: string[]): boolean {
  const territory = unit.kind === 'party_committee' ? unit.path.at(-2) : undefined;
  return territory !== undefined && postPath.includes(territory);
}

/** The post's unit and the units above it (the post's unit alone if it is not found). */
async function pathOfPost(
  registry: Pick<RegistryReads, 'findOrgUnit'>,
  target: Position,
): Promise<string[]> {
  return (await registry.findOrgUnit(target.orgUnitId))?.path ?? [target.orgUnitId];
}

/** Who else may run a procedure's cases besides the appointing authority and the post's unit. */
export interface UnitAuthorityOptions {
  /**
   * The Party committee (cấp ủy) of a territory the post lies in: for a nomination for election,
   * whose introducing steps are the Party committee's (a commune's Party committee introduces the
   * commune People's Committee's vice chair).
   */
  partyCommitteeOfTerritory?: boolean;
}

/** The case's unit has authority over its post; a post not found is the procedure's to refuse. */
export async function refuseCaseUnitWithoutAuthority(
  registry: RegistryReads,
  input: { positionId?: string | null; orgUnitId: string },
  options: UnitAuthorityOptions = {},
): Promise<undefined> {
  if (!input.positionId) return undefined;
  const post = await registry.findPosition(input.positionId);
  if (post) await refuseUnitWithoutAuthority(registry, post, input.orgUnitId, options);
  return undefined;
}
