import { Definition } from './api/types';

/**
 * One choice per definition: the newest version in force today (the server pins that one; an
 * older version is kept for the cases that began under it, not offered for a new one).
 */
export function newestInForce(definitions: Definition[], today: string): Definition[] {
  const newest = new Map<string, Definition>();
  for (const d of definitions) {
    if (d.inForceFrom && d.inForceFrom > today) continue;
    const kept = newest.get(d.id);
    if (!kept || d.version > kept.version) newest.set(d.id, d);
  }
  return [...newest.values()];
}
