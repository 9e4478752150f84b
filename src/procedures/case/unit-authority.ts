import { Position } from '../../cadres/registry.service';
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
): Promise<void> {
  if ((await unitsWithAuthority(registry, target)).includes(orgUnitId)) return;
  throw new DomainRuleViolation(
    'case.unit_without_authority',
    `orgUnitId: ${orgUnitId} neither appoints to ${target.id} nor holds it; open the case in ${target.appointingAuthority} (its appointing authority), ${target.orgUnitId} or a unit above them`,
    'unprocessable',
    'orgUnitId',
  );
}

/**
 * The units that may run a case about the post: its appointing authority, its own unit and every
 * unit above either (the opening form offers only these, GET /positions/:id/case-units).
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

/** The case's unit has authority over its post; a post not found is the procedure's to refuse. */
export async function refuseCaseUnitWithoutAuthority(
  registry: RegistryReads,
  input: { positionId?: string | null; orgUnitId: string },
): Promise<undefined> {
  if (!input.positionId) return undefined;
  const post = await registry.findPosition(input.positionId);
  if (post) await refuseUnitWithoutAuthority(registry, post, input.orgUnitId);
  return undefined;
}
