import { OrgUnit } from './registry-records';
import { isTerritorial } from './org-unit-levels';
import { RegistryRuleViolation } from './registry-rule-violation';

/** The committee a unit's branch is led by: a Party committee (Đảng) or a people's committee (Nhà nước). */
const BRANCH_OF_COMMITTEE: Readonly<Record<string, Branch>> = {
  party_committee: 'Party',
  peoples_committee: 'State',
};

type Branch = 'Party' | 'State';

/**
 * The branch a unit belongs to: that of the nearest committee at or above it before a territory
 * (Ban Tổ chức Thành ủy under the city's Party committee is the Party's, a ward's department under
 * its people's committee the State's), or null for a territory and what sits directly under one
 * (`ou-ha-noi` itself is of neither). `lineage` is the unit's path as units, top down.
 */
export function branchOf(lineage: readonly OrgUnit[]): Branch | null {
  for (const unit of [...lineage].reverse()) {
    const branch = BRANCH_OF_COMMITTEE[unit.kind];
    if (branch) return branch;
    if (isTerritorial(unit.kind)) return null;
  }
  return null;
}

/**
 * A people's committee does not appoint to a Party body's post, nor a Party committee to a State
 * body's: each branch appoints within its own. A rule of the unit tree, as the level rule
 * (authority-above-post.ts) is, not a number of an instrument. Judged only where both units'
 * branch is known: a territory (a city, a commune) may appoint to either.
 */
export async function refuseAuthorityOtherBranch(
  postUnit: OrgUnit,
  authority: OrgUnit,
  findOrgUnit: (id: string) => Promise<OrgUnit | null>,
): Promise<void> {
  const lineage = async (unit: OrgUnit) =>
    (await Promise.all(unit.path.map(findOrgUnit))).filter(
      (found): found is OrgUnit => found !== null,
    );
  const postBranch = branchOf(await lineage(postUnit));
  const authorityBranch = branchOf(await lineage(authority));
  if (postBranch === null || authorityBranch === null || postBranch === authorityBranch) return;
  throw new RegistryRuleViolation(
    'position.authority_other_branch',
    `appointingAuthority: ${authority.id} (${authority.name}) is a ${authorityBranch} body and ${postUnit.id} (${postUnit.name}) a ${postBranch} one; a post is appointed within its own branch (the Party's by a Party committee, the State's by a people's committee or a State organ)`,
    'unprocessable',
    'appointingAuthority',
  );
}
