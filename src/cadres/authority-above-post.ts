import { OrgUnit } from './registry-records';
import { isTerritorial } from './org-unit-levels';
import { RegistryRuleViolation } from './registry-rule-violation';

/** The committees that lead a territory: they sit beside its organs under it, not above them. */
const LEADING_COMMITTEES: ReadonlySet<string> = new Set(['party_committee', 'peoples_committee']);

/**
 * A post is appointed by its own level or a higher one (phân cấp quản lý cán bộ): the appointing
 * authority is the post's unit, a unit above it, or the Party or people's committee of a territory
 * the post lies in (a ward's department head by the ward's people's committee, a ward chair by the
 * city's). A rule of the unit tree, not a number of an instrument. A post appointed by a sibling or
 * lower unit would let that unit's staff open and run cases about the post (the case unit may be
 * the appointing authority or a unit above it) while the post's own level could not.
 *
 * `authorityParent` is the unit the authority sits under (null for a top-level unit).
 */
export function refuseAuthorityNotAbovePost(
  postUnit: OrgUnit,
  authority: OrgUnit,
  authorityParent: OrgUnit | null,
): void {
  if (postUnit.path.includes(authority.id)) return;
  const leadsTerritoryAbove =
    LEADING_COMMITTEES.has(authority.kind) &&
    authorityParent !== null &&
    isTerritorial(authorityParent.kind) &&
    postUnit.path.includes(authorityParent.id);
  if (leadsTerritoryAbove) return;
  throw new RegistryRuleViolation(
    'position.authority_not_above',
    `appointingAuthority: ${authority.id} is not ${postUnit.id}, a unit above it or the Party or people's committee of a territory above it; a post is appointed by its own level or a higher one`,
    'unprocessable',
    'appointingAuthority',
  );
}
