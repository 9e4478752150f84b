import { Pool } from 'pg';
import { StreamStart } from '../common/stream-fold-cache';
import { EventStore } from '../event-store/event-store.port';
import { personStream } from './person-stream';
import { PersonState } from './person/person.state';
import { keptUnitPaths } from '../identity/kept-unit-paths';
import { KeptPositions } from './kept-positions';
import { OrgUnit, Position, RegistryService } from './registry.service';

/** What the opening checks read from the registry: the service, or a bulk job's prefetched copy. */
export type RegistryReads = Pick<RegistryService, 'loadPerson' | 'findPosition' | 'findOrgUnit'>;

type PersonRecord = { state: PersonState; revision: number | null };

const UNIT_COLUMNS = 'id, name, kind, parent_id AS "parentId", path';

/**
 * The registry as a bulk job reads it: the people, posts and units of many entries fetched with
 * one query per kind (`prefetch`), then answered from memory with what the registry's own reads
 * would have answered a moment earlier. An id never prefetched is asked of the registry, so an
 * answer is never missing, only slower. Lives for one request: it is not kept fresh.
 */
export class PrefetchedRegistry implements RegistryReads {
  private readonly people = new Map<string, PersonRecord & { first: StreamStart | null }>();
  private readonly positions = new Map<string, Position | null>();
  private readonly units = new Map<string, OrgUnit | null>();

  constructor(
    private readonly registry: RegistryService,
    private readonly pool: Pool,
    private readonly store: EventStore,
    /**
     * Whether the records read are kept for the next command on them (`keepPersonFold`): for a
     * job that reads people without writing them (a transfer batch), not for one that then
     * appends to them (an import), whose kept state would be behind its own write.
     */
    private readonly keepsPeople = false,
  ) {}

  /** Reads what is not held yet: the people's records, then the posts and units they and the ids name. */
  async prefetch(ids: { people: string[]; positions: string[]; units: string[] }): Promise<void> {
    const people = [...new Set(ids.people)].filter((id) => !this.people.has(id));
    // The records this process keeps cost their heads only, unless they moved since.
    const records = await this.registry.personFolds.loadMany(people.map(personStream));
    people.forEach((id, at) => {
      const record = records[at];
      this.people.set(id, record);
      if (this.keepsPeople) this.registry.keepPersonFold(id, record.state, record.revision);
    });
    const named = [...new Set(ids.people)].map((id) => this.people.get(id)!);
    await this.fetchPositions([
      ...ids.positions,
      ...named.flatMap(({ state }) => (state.status === 'registered' ? postsNamedBy(state) : [])),
    ]);
    const units = [
      ...ids.units,
      ...ids.positions.map((id) => this.positions.get(id)?.orgUnitId),
      ...named.map(({ state }) => registeredUnit(state)),
    ].filter((id): id is string => typeof id === 'string');
    await this.fetchUnits(units);
    // Every unit above them too: a unit's province is found by walking up its path.
    await this.fetchUnits(units.flatMap((id) => this.units.get(id)?.path ?? []));
  }

  loadPerson(personId: string, until?: Date): Promise<PersonRecord> {
    const held = this.people.get(personId);
    if (until || !held) return this.registry.loadPerson(personId, until);
    return Promise.resolve({ state: held.state, revision: held.revision });
  }

  /** The unit managing a person's record (registered there or moved there since), as OrgScope reads it. */
  async personUnit(personId: string): Promise<string | null> {
    const held = this.people.get(personId);
    return registeredUnit(held ? held.state : (await this.loadPerson(personId)).state);
  }

  findPosition(id: string): Promise<Position | null> {
    return this.positions.has(id)
      ? Promise.resolve(this.positions.get(id)!)
      : this.registry.findPosition(id);
  }

  findOrgUnit(id: string): Promise<OrgUnit | null> {
    return this.units.has(id)
      ? Promise.resolve(this.units.get(id)!)
      : this.registry.findOrgUnit(id);
  }

  private async fetchPositions(ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.positions.has(id));
    if (!wanted.length) return;
    const found = await KeptPositions.of(this.pool).findAll(wanted);
    for (const id of wanted) this.positions.set(id, found.get(id) ?? null);
  }

  private async fetchUnits(ids: string[]): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.units.has(id));
    if (!wanted.length) return;
    const { rows } = await this.pool.query<OrgUnit>(
      `SELECT ${UNIT_COLUMNS} FROM org_units WHERE id = ANY ($1::text[])`,
      [wanted],
    );
    const paths = keptUnitPaths(this.pool);
    for (const id of wanted) this.units.set(id, null);
    for (const row of rows) {
      this.units.set(row.id, row);
      // The scope checks of the job's openings ask for these units' paths next.
      paths.set(row.id, row.path);
    }
  }
}

/** The posts a record names: held, held before, and planned for. */
function postsNamedBy(state: Extract<PersonState, { status: 'registered' }>): string[] {
  return [
    ...state.posts.map((post) => post.positionId),
    ...state.pastPosts.map((post) => post.positionId),
    ...state.planningPool.map((entry) => entry.positionId),
  ];
}

function registeredUnit(state: PersonState): string | null {
  return state.status === 'registered' ? state.profile.orgUnitId : null;
}
