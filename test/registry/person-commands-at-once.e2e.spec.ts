import { RegistryService } from '../../src/cadres/registry.service';
import { PersonCommand } from '../../src/cadres/person/person.commands';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { APP_METRICS, AppMetrics } from '../../src/observability/metrics';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

const metadata = {
  actorId: 'system:saga:case-record',
  correlationId: 'corr-at-once',
  causationId: 'evt-decision',
  occurredAt: '2026-12-04T03:00:00.000Z',
};

const endOld: PersonCommand = {
  type: 'EndPost',
  data: {
    personId: 'p-an',
    positionId: 'pos-old',
    on: '2026-12-04',
    reason: 'appointed elsewhere',
    decisionRef: '7-QĐ/TU',
  },
};
const assignNew: PersonCommand = {
  type: 'AssignPost',
  data: {
    personId: 'p-an',
    positionId: 'pos-new',
    from: '2026-12-04',
    termEnd: '2031-12-04',
    decisionRef: '7-QĐ/TU',
  },
};

/** A decision's writes onto one record, as the record saga hands them over (each its own seed). */
const decision = [
  { command: endOld, idSeed: 'seed-decision:end' },
  { command: assignNew, idSeed: 'seed-decision:assign' },
];

describe('several commands onto one person’s record', () => {
  let t: TestApp;
  let registry: RegistryService;
  let store: EventStore;
  let built: number;

  beforeEach(async () => {
    t = await startTestApp('person-at-once');
    const staff = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-old', rank: 3 },
        { id: 'pos-new', rank: 2 },
      ],
      people: [
        { id: 'p-an', posts: [{ positionId: 'pos-old', from: '2021-01-01', termEnd: null }] },
      ],
    });
    registry = t.app.get(RegistryService);
    store = t.app.get(EVENT_STORE);
    built = (await store.streamRevision('cadre-p-an'))!;
  });

  afterEach(async () => t.close());

  /** The record's events since the registry was built (its registration and first post). */
  const recordEvents = async () =>
    (
      await t.db.pool.query<{ type: string; revision: string; tx: string }>(
        "SELECT type, revision, transaction_id::text AS tx FROM events WHERE stream_id = 'cadre-p-an' AND revision > $1 ORDER BY revision",
        [built],
      )
    ).rows;

  it('a decision’s post ended and new post assigned go in one write; delivered again, nothing more', async () => {
    await registry.runPersonCommands('p-an', decision, metadata);
    await registry.runPersonCommands('p-an', decision, metadata);
    const events = await recordEvents();
    expect(events.map((event) => event.type)).toEqual(['PostEnded.v1', 'PostAssigned.v1']);
    expect(events[0].tx).toBe(events[1].tx);
    const { state } = await registry.loadPerson('p-an');
    expect(state.status === 'registered' && state.posts.map((post) => post.positionId)).toEqual([
      'pos-new',
    ]);
  });

  it('after a crash between the two (the first written alone), the second is written once', async () => {
    await registry.runPersonCommand('p-an', endOld, metadata, { idSeed: 'seed-decision:end' });
    await registry.runPersonCommands('p-an', decision, metadata);
    const events = await recordEvents();
    expect(events.map((event) => event.type)).toEqual(['PostEnded.v1', 'PostAssigned.v1']);
  });

  /** Appends the store refused for a wrong expected revision so far (the service's own metric). */
  const refusedAppends = async (): Promise<number> => {
    const { values } = await t.app.get<AppMetrics>(APP_METRICS).appendDuration.get();
    const conflict = values.find(
      (value) => value.metricName?.endsWith('_count') && value.labels.outcome === 'conflict',
    );
    return conflict?.value ?? 0;
  };

  /** Another instance notes a case on the record, after the state this process kept. */
  const noteCaseBehindItsBack = async (caseId: string, eventId: string): Promise<void> => {
    const head = (await recordEvents()).at(-1)!;
    await store.append(
      'cadre-p-an',
      [
        {
          id: eventId,
          type: 'CaseNoted',
          data: {
            personId: 'p-an',
            caseId,
            procedure: 'appointment',
            status: 'open',
            stage: null,
            on: '2026-12-04',
          },
          metadata,
        },
      ],
      { expectedRevision: Number(head.revision) },
    );
  };

  it('a record read here after another instance wrote it: the next write is decided on that read, none refused', async () => {
    await registry.runPersonCommands('p-an', decision.slice(0, 1), metadata);
    await noteCaseBehindItsBack('c-elsewhere', '00000000-0000-4000-8000-0000000000bb');
    // What GET /cadres/:id and a case's checks do: the kept fold reads what was appended since.
    await registry.loadPerson('p-an');
    const refusedBefore = await refusedAppends();
    const reassign = { ...assignNew, data: { ...assignNew.data, positionId: 'pos-old' } };
    await registry.runPersonCommands(
      'p-an',
      [
        { command: assignNew, idSeed: 'seed-3:assign' },
        { command: reassign, idSeed: 'seed-3:reassign' },
      ],
      metadata,
    );
    expect(await refusedAppends()).toBe(refusedBefore);
    const events = await recordEvents();
    expect(events.map((event) => event.type).slice(-3)).toEqual([
      'CaseNoted.v1',
      'PostAssigned.v1',
      'PostAssigned.v1',
    ]);
    expect(events.at(-1)!.tx).toBe(events.at(-2)!.tx);
  });

  it('a record written behind this process’s back is read again, and both commands decided on it', async () => {
    await registry.runPersonCommands('p-an', decision.slice(0, 1), metadata);
    // Another instance notes a case on the record: the state this process kept is now stale.
    await noteCaseBehindItsBack('c-other', '00000000-0000-4000-8000-0000000000aa');
    const reassign = { ...assignNew, data: { ...assignNew.data, positionId: 'pos-old' } };
    await registry.runPersonCommands(
      'p-an',
      [
        { command: assignNew, idSeed: 'seed-2:assign' },
        { command: reassign, idSeed: 'seed-2:reassign' },
      ],
      metadata,
    );
    const types = (await recordEvents()).map((event) => event.type);
    expect(types.slice(-3)).toEqual(['CaseNoted.v1', 'PostAssigned.v1', 'PostAssigned.v1']);
    const { state } = await registry.loadPerson('p-an');
    expect(state.status === 'registered' && state.openCases.map((open) => open.caseId)).toEqual([
      'c-other',
    ]);
  });
});
