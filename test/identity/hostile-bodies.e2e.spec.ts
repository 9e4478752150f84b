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

/** Malformed and hostile bodies at every write route: always a clear 4xx, never 5xx, and nothing written. */
describe('hostile request bodies', () => {
  let t: TestApp;
  let writeRoutes: RouteRule[];
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const everyone = () => ({ Authorization: `Bearer ${t.token('u-all', [...ROLES], 'ou-prov')}` });

  beforeAll(async () => {
    t = await startTestApp('hostile');
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
    writeRoutes = routeTable(t.app).filter((route) => route.method !== 'GET');
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

  const fingerprint = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM org_units)::int AS units,
              (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM dead_letters)::int AS dead_letters`,
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
          if (/\bat \S+ \(|SELECT|INSERT|relation "/.test(JSON.stringify(response.body)))
            throw new Error(`${where}: leaks internals: ${JSON.stringify(response.body)}`);
        }),
        { numRuns: 12, seed: 20261122 },
      );
    }
    expect(await fingerprint()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('id');
  });
});
