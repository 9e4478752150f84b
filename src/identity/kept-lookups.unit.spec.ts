import { Pool } from 'pg';
import { RecordedEvent } from '../event-store/event-envelope';
import { EventStore, ReadStreamOptions } from '../event-store/event-store.port';
import { Actor } from './actor';
import { OrgScope } from './org-scope';
import { PersonRegistrations } from './person-registrations';
import { RecordOrigins } from './record-origins';

/** A store of streams in memory that counts what it was asked. */
function memoryStore() {
  const streams = new Map<string, RecordedEvent[]>();
  const asked: string[] = [];
  const store = {
    readStream: async (streamId: string, options: ReadStreamOptions = {}) => {
      asked.push(streamId);
      const events = streams.get(streamId) ?? [];
      return options.limit ? events.slice(0, options.limit) : events;
    },
    readStreams: async (reads: { streamId: string; limit?: number }[]) =>
      reads.map(({ streamId, limit }) => {
        asked.push(streamId);
        const events = streams.get(streamId) ?? [];
        return limit ? events.slice(0, limit) : events;
      }),
    streamHeads: async (streamIds: string[]) =>
      streamIds.map((streamId) => {
        asked.push(streamId);
        const events = streams.get(streamId) ?? [];
        const last = events[events.length - 1];
        return last ? { revision: last.revision, id: last.id, hash: last.hash } : null;
      }),
    streamRevision: async (streamId: string) => {
      asked.push(streamId);
      const events = streams.get(streamId);
      return events?.length ? events.length - 1 : null;
    },
  } as unknown as EventStore;
  const append = (streamId: string, type: string, data: Record<string, unknown>) => {
    const events = streams.get(streamId) ?? [];
    events.push({
      id: `${streamId}/${events.length}`,
      streamId,
      revision: events.length,
      type,
      data,
      position: '0',
      schemaVersion: 1,
      metadata: {} as never,
      recordedAt: new Date().toISOString(),
      hash: '',
    });
    streams.set(streamId, events);
  };
  return { store, append, asked, remove: (streamId: string) => streams.delete(streamId) };
}

/** org_units as a pool answers `SELECT path FROM org_units WHERE id = $1`, counting the queries. */
function unitPool(paths: Record<string, string[]>) {
  const queries: string[] = [];
  const pool = {
    query: async (_text: string, [id]: [string]) => {
      queries.push(id);
      return { rows: paths[id] ? [{ path: paths[id] }] : [] };
    },
  } as unknown as Pool;
  return { pool, queries };
}

const actor = (orgUnit: string): Actor => ({
  userId: `u-${orgUnit}`,
  roles: ['organization_staff'],
  orgUnit,
});
const town = actor('ou-town');
const ward = actor('ou-ward-a');
const sibling = actor('ou-ward-b');
const PATHS = {
  'ou-town': ['ou-town'],
  'ou-ward-a': ['ou-town', 'ou-ward-a'],
  'ou-ward-b': ['ou-town', 'ou-ward-b'],
};

function scopeOver(paths: Record<string, string[]> = PATHS) {
  const memory = memoryStore();
  const units = unitPool(paths);
  const origins = new RecordOrigins(memory.store);
  const registrations = new PersonRegistrations(memory.store);
  return {
    scope: new OrgScope(units.pool, origins, registrations),
    origins,
    ...memory,
    ...units,
  };
}

describe('lookups kept per process', () => {
  it('a unit path kept from a caller in scope still refuses a sibling, without asking again', async () => {
    const { scope, queries } = scopeOver();
    await expect(scope.assertUnitInScope(town, 'ou-ward-a', 'orgUnitId')).resolves.toBeUndefined();
    expect(queries).toEqual(['ou-ward-a']);
    await expect(scope.assertUnitInScope(sibling, 'ou-ward-a', 'orgUnitId')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    // A child's grant does not reach its parent, kept or not.
    await expect(scope.reaches(ward, 'ou-ward-a')).resolves.toBe(true);
    await expect(scope.reaches(town, 'ou-ward-a')).resolves.toBe(true);
    await scope.assertUnitInScope(town, 'ou-town', 'orgUnitId');
    await expect(scope.assertUnitInScope(ward, 'ou-town', 'orgUnitId')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    expect(queries).toEqual(['ou-ward-a', 'ou-town']);
  });

  it('a unit not in the registry is asked for every time, and found once it is registered', async () => {
    const paths: Record<string, string[]> = { ...PATHS };
    const { scope, queries } = scopeOver(paths);
    await expect(scope.unitExists('ou-new')).resolves.toBe(false);
    await expect(scope.reaches(town, 'ou-new')).resolves.toBe(false);
    paths['ou-new'] = ['ou-town', 'ou-new'];
    await expect(scope.reaches(town, 'ou-new')).resolves.toBe(true);
    expect(queries).toEqual(['ou-new', 'ou-new', 'ou-new']);
  });

  it('a case this process opened is checked without reading its reservation or first event, and still refuses a caller outside it', async () => {
    const { scope, origins, append, asked } = scopeOver();
    append('caseid-c-new', 'CaseIdReserved', { caseId: 'c-new', procedure: 'appointment' });
    append('appointment-c-new', 'CaseOpened', { caseId: 'c-new', orgUnitId: 'ou-ward-a' });
    origins.caseOpened('c-new', 'appointment', {
      type: 'CaseOpened',
      data: { caseId: 'c-new', orgUnitId: 'ou-ward-a' },
    });
    await expect(scope.assertCaseInScope(ward, 'c-new', 'id')).resolves.toBeUndefined();
    await expect(scope.assertCaseInScope(sibling, 'c-new', 'id')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    await expect(origins.procedureOfCase('c-new', ['discipline'])).resolves.toBeNull();
    expect(asked).toEqual([]);
  });

  it("a case's unit kept from one caller's check still refuses a caller outside it, reading nothing again", async () => {
    const { scope, append, asked } = scopeOver();
    append('caseid-c-1', 'CaseIdReserved', { caseId: 'c-1', procedure: 'appointment' });
    append('appointment-c-1', 'CaseOpened', { caseId: 'c-1', orgUnitId: 'ou-ward-a' });
    await scope.assertCaseInScope(ward, 'c-1', 'id');
    const read = asked.length;
    await expect(scope.assertCaseInScope(sibling, 'c-1', 'id')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    await expect(scope.assertCaseInScope(actor('ou-other'), 'c-1', 'id')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    // The discipline engine's routes do not reach an appointment case, kept or not.
    await expect(scope.caseUnit('c-1', 'discipline case')).resolves.toBeNull();
    await scope.assertCaseInScope(town, 'c-1', 'id');
    expect(asked.length).toBe(read);
  });

  it('a reservation whose case never opened is not kept: released and taken by another procedure, the new case answers', async () => {
    const { scope, origins, append } = scopeOver();
    // An opener reserved the id for a rotation case and died before writing it.
    append('caseid-c-2', 'CaseIdReserved', { caseId: 'c-2', procedure: 'rotation' });
    await expect(origins.procedureOfCase('c-2')).resolves.toBe('rotation');
    await expect(scope.assertCaseInScope(town, 'c-2', 'id')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    // Released; the id is then opened as an appointment case in the ward.
    append('caseid-c-2', 'CaseIdReleased', {
      caseId: 'c-2',
      procedure: 'rotation',
      reason: 'not_opened',
    });
    append('caseid-c-2', 'CaseIdReserved', { caseId: 'c-2', procedure: 'appointment' });
    append('appointment-c-2', 'CaseOpened', { caseId: 'c-2', orgUnitId: 'ou-ward-a' });
    await expect(origins.procedureOfCase('c-2')).resolves.toBe('appointment');
    await scope.assertCaseInScope(ward, 'c-2', 'id');
    await expect(scope.assertCaseInScope(sibling, 'c-2', 'id')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
  });

  it('a person not registered yet is asked for again, and answered once registered', async () => {
    const { scope, append, asked } = scopeOver();
    await expect(scope.personUnit('p-1')).resolves.toBeNull();
    append('cadre-p-1', 'PersonRegistered', { orgUnitId: 'ou-ward-b' });
    await expect(scope.personUnit('p-1')).resolves.toBe('ou-ward-b');
    await expect(scope.assertPersonInScope(ward, 'p-1', 'personId')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
    // Kept, the answer costs the record's head only (it may have moved since).
    expect(asked).toEqual(['cadre-p-1', 'cadre-p-1', 'cadre-p-1']);
  });

  it("a person's registration moved by a decision moves their scope: the unit they left no longer reaches them", async () => {
    const { scope, append } = scopeOver();
    append('cadre-p-2', 'PersonRegistered', { orgUnitId: 'ou-ward-b' });
    await scope.assertPersonInScope(sibling, 'p-2', 'personId');
    append('cadre-p-2', 'PostAssigned', { positionId: 'pos-a' });
    append('cadre-p-2', 'RegistrationMoved', { orgUnitId: 'ou-ward-a', caseId: 'c-9' });
    await scope.assertPersonInScope(ward, 'p-2', 'personId');
    await expect(scope.assertPersonInScope(sibling, 'p-2', 'personId')).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
  });

  it('the audit check of a stream reads it afresh: a stream deleted behind the service lies in no unit there', async () => {
    const { scope, append, remove } = scopeOver();
    append('caseid-c-3', 'CaseIdReserved', { caseId: 'c-3', procedure: 'appointment' });
    append('appointment-c-3', 'CaseOpened', { caseId: 'c-3', orgUnitId: 'ou-ward-a' });
    await scope.assertCaseInScope(ward, 'c-3', 'id');
    await scope.assertStreamInScope(ward, 'appointment-c-3', 'stream');
    remove('appointment-c-3');
    await expect(
      scope.assertStreamInScope(ward, 'appointment-c-3', 'stream'),
    ).rejects.toMatchObject({
      rule: 'scope.out_of_scope',
    });
  });
});
