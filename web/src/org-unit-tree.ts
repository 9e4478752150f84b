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
