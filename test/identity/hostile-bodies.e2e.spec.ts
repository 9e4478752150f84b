import fc from 'fast-check';
import request from 'supertest';
import { ROLES } from '../../src/identity/actor';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { routeTable, RouteRule } from './route-table';

const HOSTILE_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  "'; DROP TABLE events; --",
  '$where',
  'id',
  'personId',
  'orgUnitId',
  'tally',
  'violation',
  'heldOn',
  'items',
  '\u0000',
  'tên',
];
const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '"; DELETE FROM org_units; --',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u202e\u0000\uffff',
  '9999-99-99',
  '-1',
  '1e309',
];

const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ minLength: 20_000, maxLength: 30_000 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const hostileObject = fc.dictionary(
  fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 12 })),
  fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...HOSTILE_KEYS), scalar, { maxKeys: 3 }),
  ),
  { maxKeys: 6 },
);
const hostileBody = fc.oneof(hostileObject, fc.array(scalar, { maxLength: 5 }), scalar);

/** Query parameters every GET route reads, and some no route reads. */
const QUERY_NAMES = [
  'actor',
  'asOf',
  'category',
  'cursor',
  'for',
  'form',
  'format',
  'from',
  'limit',
  'orgUnit',
  'overdue',
  'person',
  'procedure',
  'purpose',
  'resource',
  'source',
  'status',
  'stream',
  'to',
  'track',
  '__proto__',
  'constructor',
  'x\u0000',
];
const HOSTILE_QUERY_VALUES = [
  ...HOSTILE_STRINGS,
  '2026-02-30',
  '2026-13-45',
  '0000-00-00',
  '2026-02-29T10:00:00Z',
  '2026-02-28T25:00:00Z',
  '+275760-09-13',
  'appointment',
  'csv',
  'true',
  '0',
  '501',
  'a\u0007b',
  '\u0085',
];
const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key) ?? 'null').toString('base64url');
const queryValue = fc.oneof(
  fc.constantFrom(...HOSTILE_QUERY_VALUES),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.jsonValue({ maxDepth: 2 }).map(cursorOf),
  fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 })).map(cursorOf),
);
/** A query string, mostly well percent-encoded, sometimes with escapes that are not UTF-8 or a parameter given twice. */
const hostileQuery = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .dictionary(fc.constantFrom(...QUERY_NAMES), queryValue, { maxKeys: 4 })
      .map((query) =>
        Object.entries(query)
          .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
          .join('&'),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom(...QUERY_NAMES),
        fc.constantFrom('%FF', '%E0%A4', '%C0%80', '%ED%A0%80', '%', '%%00', 'a+b%2B'),
      )
      .map(([name, raw]) => `${name}=${raw}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...QUERY_NAMES), queryValue, queryValue)
      .map(([name, a, b]) => `${name}=${encodeURIComponent(a)}&${name}=${encodeURIComponent(b)}`),
  },
);
const hostileId = fc.oneof(
  fc.constantFrom(
    ...HOSTILE_STRINGS,
    'c-a',
    'p-a',
    'd-a',
    'a\u0000',
    '\u0007',
    '..',
    '%',
    'x'.repeat(5000),
  ),
  fc.string({ minLength: 1, maxLength: 30 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }),
);

/** Malformed and hostile bodies at every write route: always a clear 4xx, never 5xx, and nothing written. */
/**
 * What an answer must not carry: a stack frame (`at fn (file:line:col)`), SQL, a relation's name.
 * A frame needs its place in a file: the catalog's own prose says "at opening (…".
 */
const LEAKED_INTERNALS = /\bat \S+ \([^()]*:\d+:\d+\)|SELECT|INSERT|relation "/;

describe('hostile request bodies', () => {
  let t: TestApp;
  let writeRoutes: RouteRule[];
  let readRoutes: RouteRule[];
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const everyone = () => ({ Authorization: `Bearer ${t.token('u-all', [...ROLES], 'ou-prov')}` });

  beforeAll(async () => {
    // No instance here runs the workers: on a slow run the events it wrote would count as
    // stalled work after the default 30 s and /health answer 503, which is not the 5xx looked for.
    t = await startTestApp('hostile', { HEALTH_STALLED_AFTER_MS: '3600000' });
    const admin = everyone();
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh', kind: 'province' })
      .expect(201);
    await http()
      .post('/positions')
      .set(admin)
      .send({
        id: 'pos-a',
        title: 'Trưởng phòng',
        orgUnitId: 'ou-prov',
        appointingAuthority: 'ou-prov',
        rank: 4,
      })
      .expect(201);
    await http()
      .post('/cadres')
      .set(admin)
      .send({
        id: 'p-a',
        fullName: 'Lê Văn A',
        dateOfBirth: '1980-02-02',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-prov',
      })
      .expect(201);
    await http()
      .post('/cadres/p-a/planning-pool')
      .set(admin)
      .send({ positionId: 'pos-a', term: '2025-2030', decisionRef: 'x' })
      .expect(201);
    await http()
      .post('/cases')
      .set(admin)
      .send({
        id: 'c-a',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-a',
        positionId: 'pos-a',
        orgUnitId: 'ou-prov',
        summary: 'x',
      })
      .expect(201);
    await http()
      .post('/discipline-cases')
      .set(admin)
      .send({
        id: 'd-a',
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-prov',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -10),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
    // The queue dashboard's session reads no body (its answer is the caller's token as a cookie,
    // test/ops/queue-dashboard.e2e.spec.ts) and writes nothing: a body cannot harm it.
    writeRoutes = routeTable(t.app).filter(
      (route) => route.method !== 'GET' && route.path !== '/admin/queues/session',
    );
    readRoutes = routeTable(t.app).filter((route) => route.method === 'GET');
  });
  afterAll(async () => {
    await t?.close();
  });

  const pathOf = (route: RouteRule) =>
    route.path
      .replace(
        ':id',
        route.path.startsWith('/discipline-cases')
          ? 'd-a'
          : route.path.startsWith('/cadres')
            ? 'p-a'
            : route.path.startsWith('/admin')
              ? 'dl-none'
              : 'c-a',
      )
      .replace(
        ':stepId',
        route.path.startsWith('/discipline-cases') ? 'verification' : 'leadership-round-1',
      )
      .replace(':item', 'health')
      .replace(':positionId', 'pos-a');

  // Events any request wrote, in whatever stream a route writes; what the workers write as
  // `system:…` (sagas, timers) is left out, as it moves for reasons of its own.
  const fingerprint = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM events WHERE metadata->>'actorId' NOT LIKE 'system:%')::int AS events, (SELECT count(*) FROM org_units)::int AS units,
              (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM dead_letters)::int AS dead_letters,
              (SELECT count(*) FROM idempotent_requests)::int AS idempotent`,
    );
    return rows[0];
  };

  it('answers every write route with a 4xx naming the problem, writes nothing, pollutes nothing', async () => {
    expect(writeRoutes.length).toBeGreaterThan(15);
    const before = await fingerprint();
    for (const route of writeRoutes) {
      await fc.assert(
        fc.asyncProperty(hostileBody, async (body) => {
          const method = route.method.toLowerCase() as 'post' | 'delete' | 'put' | 'patch';
          const response = await http()
            [method](pathOf(route))
            .set(everyone())
            .set('Content-Type', 'application/json')
            .send(JSON.stringify(body));
          const where = `${route.method} ${route.path} with ${JSON.stringify(body).slice(0, 200)}`;
          if (response.status < 400 || response.status >= 500)
            throw new Error(
              `${where}: answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
            );
          if (typeof response.body.message !== 'string' || response.body.message === '')
            throw new Error(`${where}: no message`);
          if (LEAKED_INTERNALS.test(JSON.stringify(response.body)))
            throw new Error(`${where}: leaks internals: ${JSON.stringify(response.body)}`);
        }),
        { numRuns: 12, seed: 20261122 },
      );
    }
    expect(await fingerprint()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('id');
    // Every write route twice over: minutes on a machine busy with other suites.
  }, 240_000);

  it('answers every GET route, whatever its query string and path ids, with no 5xx and writes nothing', async () => {
    expect(readRoutes.length).toBeGreaterThan(15);
    const before = await fingerprint();
    for (const route of readRoutes) {
      await fc.assert(
        fc.asyncProperty(hostileId, hostileId, hostileQuery, async (id, otherId, query) => {
          const path = route.path
            .replace(':id', encodeURIComponent(id))
            .replace(/:\w+/, encodeURIComponent(otherId));
          const url = `${path}?${query}`;
          const response = await http().get(url).set(everyone());
          const where = `GET ${url.slice(0, 300)}`;
          if (response.status >= 500)
            throw new Error(
              `${where}: answered ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`,
            );
          if (response.status >= 400 && typeof response.body.message !== 'string')
            throw new Error(`${where}: ${response.status} without a message`);
          if (LEAKED_INTERNALS.test(JSON.stringify(response.body)))
            throw new Error(`${where}: leaks internals: ${JSON.stringify(response.body)}`);
        }),
        { numRuns: 15, seed: 20261201 },
      );
    }
    // Sensitive reads are logged (access_log) by design, refused ones included; nothing else is written.
    expect(await fingerprint()).toEqual(before);
  }, 240_000);
});
