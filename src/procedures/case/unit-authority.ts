import { Position } from '../../cadres/registry.service';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

/**
 * A rotation or transfer is run, and decided, by the unit that appoints to the receiving post
 * (its appointing authority), by the post's own unit, or by a unit above either: those are the
 * leaders the decision step's `case-unit` scope names. A case put under another unit (a commune
 * running a move into a city Party post) would have that unit's leader sign a decision it has no
 * authority for; it is refused at opening, naming the units that may run it.
 */
export async function refuseUnitWithoutAuthority(
  registry: RegistryReads,
  target: Position,
  orgUnitId: string,
): Promise<void> {
  const paths = await Promise.all(
    [target.appointingAuthority, target.orgUnitId].map(
      async (id) => (await registry.findOrgUnit(id))?.path ?? [id],
    ),
  );
  if (paths.some((path) => path.includes(orgUnitId))) return;
  throw new DomainRuleViolation(
    'case.unit_without_authority',
    `orgUnitId: ${orgUnitId} neither appoints to ${target.id} nor holds it; open the case in ${target.appointingAuthority} (its appointing authority), ${target.orgUnitId} or a unit above them`,
    'unprocessable',
    'orgUnitId',
  );
}
