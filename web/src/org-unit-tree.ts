import { OrgUnit } from './api/types';
import { getSession } from './session';

/** The units as a tree reads: each unit followed by the units below it, by name. */
export function treeOrder(units: OrgUnit[]): OrgUnit[] {
  const names = new Map(units.map((u) => [u.id, u.name]));
  const key = (u: OrgUnit) => u.path.map((id) => names.get(id) ?? id);
  return [...units].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
      const order = ka[i].localeCompare(kb[i], 'vi');
      if (order !== 0) return order;
    }
    return ka.length - kb.length;
  });
}

/**
 * The units a filter offers: those the signed-in user's grant reaches (a unit outside it would
 * only answer 403), or every unit when the session names none.
 */
export function unitsWithinGrant(units: OrgUnit[]): OrgUnit[] {
  const grant = getSession()?.orgUnit;
  return grant ? units.filter((u) => u.path.includes(grant)) : units;
}

/** The posts whose unit the grant reaches, among `units` (already within the grant). */
export function postsWithin<P extends { orgUnitId: string }>(
  posts: readonly P[],
  units: readonly OrgUnit[],
): P[] {
  const granted = new Set(units.map((u) => u.id));
  return posts.filter((p) => granted.has(p.orgUnitId));
}

/**
 * The Party committee (Đảng ủy) over a person's unit, among `units`: the unit itself or the
 * nearest one above it that is a Party committee, or else the Party committee of the nearest
 * territory it lies in (Đảng ủy xã Quảng Oai for UBND xã Quảng Oai). Null when `units` hold none.
 */
export function partyCommitteeOver(units: readonly OrgUnit[], unitId: string): OrgUnit | null {
  const byId = new Map(units.map((u) => [u.id, u]));
  const path = byId.get(unitId)?.path ?? [unitId];
  for (const id of [...path].reverse()) {
    const unit = byId.get(id);
    if (unit?.kind === 'party_committee') return unit;
    const ofTerritory = units.find((u) => u.kind === 'party_committee' && u.path.at(-2) === id);
    if (ofTerritory) return ofTerritory;
  }
  return null;
}
