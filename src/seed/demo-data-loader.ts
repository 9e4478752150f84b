import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { projectRoot } from '../common/project-root';
import { systemMetadata } from '../event-store/event-envelope';
import { CreateOrgUnitDto } from '../cadres/dto/create-org-unit.dto';
import { CreatePositionDto } from '../cadres/dto/create-position.dto';
import { RegistryService } from '../cadres/registry.service';
import {
  PersonRegistered,
  PlanningPoolEntryAdded,
  PostAssigned,
} from '../cadres/person/person.events';

type DemoPerson = Omit<PersonRegistered['data'], 'personId'> & {
  id: string;
  posts: Omit<PostAssigned['data'], 'personId'>[];
  planningPool: Omit<PlanningPoolEntryAdded['data'], 'personId'>[];
};

export interface DemoData {
  orgUnits: (CreateOrgUnitDto & { id: string })[];
  positions: (CreatePositionDto & { id: string })[];
  people: DemoPerson[];
}

export interface SeedReport {
  orgUnits: number;
  positions: number;
  people: number;
}

/**
 * Loads the demo registry. Safe to run again: existing units and positions are kept, and person
 * events carry ids derived from the seed, so a second run appends nothing.
 */
export async function loadDemoData(
  file: string,
  registry: RegistryService,
  now: Date,
): Promise<SeedReport> {
  const data = JSON.parse(await readFile(file, 'utf8')) as DemoData;
  const report: SeedReport = { orgUnits: 0, positions: 0, people: 0 };
  // The seed writes of its own accord: a system actor acting in no person's role.
  const metadata = systemMetadata('system:seed', seedCorrelationId(file), now);
  for (const unit of data.orgUnits) {
    if (await registry.findOrgUnit(unit.id)) continue;
    await registry.createOrgUnit(unit);
    report.orgUnits += 1;
  }
  for (const position of data.positions) {
    if (await registry.findPosition(position.id)) continue;
    await registry.createPosition(position);
    report.positions += 1;
  }
  for (const person of data.people) {
    const { posts, planningPool, id, ...profile } = person;
    const existing = await registry.loadPerson(id);
    if (existing.state.status === 'unknown') report.people += 1;
    await registry.runPersonCommand(
      id,
      { type: 'RegisterPerson', data: { personId: id, ...profile } },
      metadata,
      { idSeed: `seed:${id}:register` },
    );
    for (const post of posts) {
      await registry.runPersonCommand(
        id,
        { type: 'AssignPost', data: { personId: id, ...post } },
        metadata,
        {
          idSeed: `seed:${id}:post:${post.positionId}`,
        },
      );
    }
    for (const entry of planningPool) {
      await registry.runPersonCommand(
        id,
        { type: 'AddPlanningPoolEntry', data: { personId: id, ...entry } },
        metadata,
        {
          idSeed: `seed:${id}:pool:${entry.positionId}:${entry.term}`,
        },
      );
    }
  }
  return report;
}

/** Where the demo seeds live, relative to the project (`seeds/demo/ha-noi.json`). */
const SEEDS_DIR = 'seeds';

/**
 * The correlation id of a seed's events, named by the seed (`seed:demo/ha-noi`), never by where
 * the file lies on the server: the hash chain covers metadata, so a path written once stays in
 * every seeded event's evidence. A file outside the seeds folder is named by its base name.
 */
export function seedCorrelationId(file: string): string {
  const relative = path.relative(path.join(projectRoot(), SEEDS_DIR), path.resolve(file));
  const inside = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  const name = inside ? relative.split(path.sep).join('/') : path.basename(file);
  return `seed:${name.replace(/\.json$/, '')}`;
}
