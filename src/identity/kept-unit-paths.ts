import { Pool } from 'pg';
import { BoundedCache } from '../common/bounded-cache';
import { perDatabase } from '../common/per-database';

/** Org units whose path one process keeps per database (a province's tree is a few thousand units). */
const UNIT_PATHS_KEPT = 50_000;

/**
 * Each unit's path from the root, kept once read, one set per database: the scope checks
 * (`OrgScope`) and the bulk jobs' prefetch (`PrefetchedRegistry`, which reads thousands of units
 * in one statement) share what either read. Why a kept path cannot widen a grant: the service only
 * ever inserts units (`RegistryService.createOrgUnit`, its path built from its parent's) and never
 * moves or deletes one, and since migration 1735200000000 the database refuses to change a unit's
 * id, parent or path or to delete it (trigger `org_unit_place_is_fixed`), so a path once read is
 * the path for good; a unit not (yet) in the registry is asked for again every time. Restructuring
 * the tree would mean dropping that trigger in a migration, and restarting every instance with it
 * (the kept paths start empty).
 */
export const keptUnitPaths: (pool: Pool) => BoundedCache<string, readonly string[]> = perDatabase(
  () => new BoundedCache(UNIT_PATHS_KEPT),
);
