import request from 'supertest';
import { auditHistoryProjection } from '../../src/audit/audit-history.projection';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { ROLES } from '../../src/identity/actor';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { routeTable } from './route-table';

/**
 * The "reference" dimension of the authorization matrix: every id a request names (path, body,
 * query) must lie in the caller's grant. A province with two sibling communes A and B; the caller
 * holds every role in commune A and names, one field at a time, a record of commune B (or the
 * province's own post, above the grant).
 */
interface ReferenceCase {
  method: 'get' | 'post' | 'delete';
  /** The route pattern as the route table spells it (for the coverage check). */
  route: string;
  path: string;
  field: string;
  body?: Record<string, unknown>;
}

describe('authorization: every id a request names lies in the caller’s grant', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (roles: readonly string[], unit: string, userId = `u-${unit}`) => ({
    Authorization: `Bearer ${t.token(userId, [...roles], unit)}`,
  });
  // Every role but admin: an admin's grant is still a unit's grant, but keep the caller ordinary.
  const communeA = () =>
    as(
      ROLES.filter((role) => role !== 'admin'),
      'ou-com-a',
      'u-commune-a',
    );
  const provinceAdmin = () => as(ROLES, 'ou-prov', 'u-province');

  const person = (id: string, orgUnitId: string) => ({
    id,
    fullName: `Người ${id}`,
    dateOfBirth: '1980-02-02',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId,
  });
  const openCaseBody = (overrides: Record<string, unknown> = {}) => ({
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-a',
    positionId: 'pos-a',
    orgUnitId: 'ou-com-a',
    summary: 'x',
    ...overrides,
  });
  const violation = {
    category: 'budget',
    committedOn: addDays(today, -10),
    description: 'x',
    source: 'report',
    severity: 'reprimand',
  };
  const openDisciplineBody = (overrides: Record<string, unknown> = {}) => ({
    definition: 'discipline.party',
    personId: 'p-a',
    orgUnitId: 'ou-com-a',
    summary: 'x',
    violation,
    ...overrides,
  });
  /** A batch of one transfer in commune A, one of its ids replaced. */
  const transferBatchBody = (overrides: Record<string, unknown>) => ({
    entries: [
      {
        personId: 'p-a',
        currentPositionId: 'pos-a',
        positionId: 'pos-a',
        orgUnitId: 'ou-com-a',
        reason: 'x',
        ...overrides,
      },
    ],
  });
  const meeting = { heldOn: today, minutesRef: 'BB-1', conclusion: 'x' };
  const reason = { reason: 'x' };

  /** What a refused request must not have written: events, units, posts, stored answers. */
  async function writeCounts(): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of ['events', 'org_units', 'positions']) {
      const { rows } = await t.db.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      counts[table] = rows[0].n;
    }
    return counts;
  }

  beforeAll(async () => {
    t = await startTestApp('refscope');
    const admin = provinceAdmin();
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh', kind: 'province' })
      .expect(201);
    for (const id of ['ou-com-a', 'ou-com-b'])
      await http()
        .post('/org-units')
        .set(admin)
        .send({ id, name: id, kind: 'commune', parentId: 'ou-prov' })
        .expect(201);
    for (const [id, unit] of [
      ['pos-a', 'ou-com-a'],
      ['pos-b', 'ou-com-b'],
      ['pos-prov', 'ou-prov'],
    ])
      await http()
        .post('/positions')
        .set(admin)
        .send({ id, title: id, orgUnitId: unit, appointingAuthority: unit, rank: 4 })
        .expect(201);
    for (const [id, unit] of [
      ['p-a', 'ou-com-a'],
      ['p-a2', 'ou-com-a'],
      ['p-b', 'ou-com-b'],
    ])
      await http().post('/cadres').set(admin).send(person(id, unit)).expect(201);
    await http()
      .post('/cadres/p-b/planning-pool')
      .set(admin)
      .send({ positionId: 'pos-a', term: '2025-2030', decisionRef: '1-QĐ' })
      .expect(201);
    await http()
      .post('/cases')
      .set(admin)
      .send(openCaseBody({ id: 'c-a' }))
      .expect(201);
    await http()
      .post('/cases')
      .set(admin)
      .send(
        openCaseBody({ id: 'c-b', personId: 'p-b', positionId: 'pos-b', orgUnitId: 'ou-com-b' }),
      )
      .expect(201);
    // c-a reaches its nomination step, where candidates are named.
    await http().post('/cases/c-a/steps/leadership-round-1').set(admin).send(meeting).expect(200);
    await http()
      .post('/discipline-cases')
      .set(admin)
      .send(openDisciplineBody({ id: 'd-b', personId: 'p-b', orgUnitId: 'ou-com-b' }))
      .expect(201);
    // Commune B's review of its pools: its id is commune B's.
    await http()
      .post('/planning-reviews')
      .set(admin)
      .send({
        id: 'review-b',
        orgUnitId: 'ou-com-b',
        term: '2025-2030',
        reviewedOn: '2026-11-30',
        decisionRef: '9-QĐ/ĐU',
        added: [],
        removed: [],
      })
      .expect(201);
    // A case in commune A whose decision names another track's case on the same violation.
    await http()
      .post('/discipline-cases')
      .set(admin)
      .send(openDisciplineBody({ id: 'd-a' }))
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A POST to `route` naming `field` out of scope; the path is the route with `params` filled in. */
  const post = (
    route: string,
    field: string,
    body: Record<string, unknown>,
    params: Record<string, string> = {},
  ): ReferenceCase => ({
    method: 'post',
    route,
    path: route.replace(/:(\w+)/g, (_, name: string) => {
      if (!(name in params)) throw new Error(`${route}: no value for :${name}`);
      return params[name];
    }),
    field,
    body,
  });
  /** A write on commune B's cadre, the cadre's id in the path. */
  const siblingCadre = (route: string, body: Record<string, unknown>) =>
    post(`/cadres/:id${route}`, 'id', body, { id: 'p-b' });
  /** A write on commune B's appointment case, the case's id in the path. */
  const siblingCase = (route: string, body: Record<string, unknown>, params = {}) =>
    post(`/cases/:id${route}`, 'id', body, { id: 'c-b', ...params });
  /** A write on commune B's discipline case, the case's id in the path. */
  const siblingDisciplineCase = (route: string, body: Record<string, unknown>, params = {}) =>
    post(`/discipline-cases/:id${route}`, 'id', body, { id: 'd-b', ...params });
  /**
   * A post or a pool place (`fact`) given to commune A's cadre for commune B's post and for the
   * province's, then to commune B's cadre for commune A's post.
   */
  const positionFacts = (fact: string, rest: Record<string, unknown>): ReferenceCase[] => [
    ...['pos-b', 'pos-prov'].map((positionId) =>
      post(`/cadres/:id/${fact}`, 'positionId', { positionId, ...rest }, { id: 'p-a' }),
    ),
    siblingCadre(`/${fact}`, { positionId: 'pos-a', ...rest }),
  ];
  /** A case opened in commune A with `field` (an id) set to `value`. */
  const caseOpening = (field: string, value: string) =>
    post('/cases', field, openCaseBody({ id: 'c-new', [field]: value }));
  /** A discipline case opened in commune A with `field` (an id) set to `value`. */
  const disciplineOpening = (field: string, value: string) =>
    post('/discipline-cases', field, openDisciplineBody({ id: 'd-new', [field]: value }));
  /** A batch (and its check) of one transfer in commune A, each of its ids replaced in turn. */
  const transferBatches = (route: string): ReferenceCase[] =>
    (
      [
        ['personId', 'p-b'],
        ['positionId', 'pos-b'],
        ['currentPositionId', 'pos-prov'],
        ['orgUnitId', 'ou-com-b'],
      ] as const
    ).map(([key, value]) => post(route, `entries[0].${key}`, transferBatchBody({ [key]: value })));

  /** For every write route, each id-bearing field given a value outside commune A's grant. */
  const WRITES: ReferenceCase[] = [
    post('/org-units', 'parentId', {
      id: 'ou-new',
      name: 'Thôn mới',
      kind: 'department',
      parentId: 'ou-com-b',
    }),
    ...(
      [
        ['orgUnitId', 'ou-com-b', 'ou-com-a'],
        ['appointingAuthority', 'ou-com-a', 'ou-prov'],
      ] as const
    ).map(([field, orgUnitId, appointingAuthority]) =>
      post('/positions', field, {
        id: 'pos-new',
        title: 'Trưởng thôn',
        orgUnitId,
        appointingAuthority,
      }),
    ),
    post('/cadres', 'orgUnitId', person('p-new', 'ou-com-b')),
    post('/cadres', 'id', person('p-b', 'ou-com-a')),
    ...positionFacts('posts', { from: today, termEnd: null, decisionRef: '2-QĐ' }),
    ...positionFacts('planning-pool', { term: '2025-2030', decisionRef: '3-QĐ' }),
    siblingCadre('/place-of-origin', { province: 'Hà Nội', locality: 'phường Sơn Tây' }),
    siblingCadre('/management-tier', {
      tier: 'agency_leadership',
      from: '2025-01-02',
      decisionRef: '5/QĐ-UBND',
    }),
    siblingCadre('/civil-service-rank', {
      code: '01.003',
      title: 'Chuyên viên',
      from: '2025-01-02',
      decisionRef: '6/QĐ-UBND',
    }),
    siblingCadre('/ratings', {
      year: 2025,
      rating: 'good',
      evaluatedOn: '2025-12-20',
      decisionRef: '7/QĐ-UBND',
      note: 'x',
    }),
    ...(
      [
        ['orgUnitId', 'ou-com-b', 'p-a', 'pos-a'],
        ['added[0].personId', 'ou-com-a', 'p-b', 'pos-a'],
        ['added[0].positionId', 'ou-com-a', 'p-a', 'pos-b'],
      ] as const
    ).map(([field, orgUnitId, personId, positionId]) =>
      post('/planning-reviews', field, {
        id: 'review-x',
        orgUnitId,
        term: '2025-2030',
        reviewedOn: '2026-11-30',
        decisionRef: '8-QĐ/TU',
        added: [{ personId, positionId }],
        removed: [],
      }),
    ),
    // Before: 409 "review review-b is already recorded with other content".
    post('/planning-reviews', 'id', {
      id: 'review-b',
      orgUnitId: 'ou-com-a',
      term: '2025-2030',
      reviewedOn: '2026-11-30',
      decisionRef: '8-QĐ/TU',
      added: [],
      removed: [],
    }),
    ...(
      [
        ['id', 'p-b', 'pos-a'],
        ['positionId', 'p-a', 'pos-b'],
      ] as const
    ).map(([field, personId, positionId]): ReferenceCase => ({
      method: 'delete',
      route: '/cadres/:id/planning-pool/:positionId',
      // The DELETE has no body: the decision and the reason go in the query.
      path: `/cadres/${personId}/planning-pool/${positionId}?decisionRef=4-Q%C4%90&reason=x`,
      field,
    })),
    siblingCadre('/statuses', { status: 'abroad', from: today, note: 'x' }),
    siblingCadre('/statuses/end', { status: 'abroad', from: today, until: today, note: 'x' }),
    ...transferBatches('/transfer-batches'),
    ...transferBatches('/transfer-batches/check'),
    caseOpening('personId', 'p-b'),
    caseOpening('positionId', 'pos-b'),
    caseOpening('positionId', 'pos-prov'),
    caseOpening('orgUnitId', 'ou-com-b'),
    caseOpening('id', 'c-b'),
    caseOpening('approvalInPrincipleCaseId', 'c-b'),
    caseOpening('consultationCaseId', 'c-b'),
    siblingCase(
      '/steps/:stepId/corrections',
      { ...meeting, reason: 'the minutes were typed wrong' },
      { stepId: 'leadership-round-1' },
    ),
    siblingDisciplineCase(
      '/steps/:stepId/corrections',
      { ...meeting, violationConfirmed: true, reason: 'the minutes were typed wrong' },
      { stepId: 'verification' },
    ),
    siblingCase('/steps/:stepId', meeting, { stepId: 'leadership-round-1' }),
    post(
      '/cases/:id/steps/:stepId',
      'candidates[1].personId',
      {
        heldOn: today,
        minutesRef: 'BB-2',
        members: 25,
        summoned: 25,
        present: 24,
        invalid: 0,
        candidates: [
          { personId: 'p-a', votes: 17 },
          { personId: 'p-b', votes: 7 },
        ],
      },
      { id: 'c-a', stepId: 'expanded-nomination' },
    ),
    siblingCase('/vetting/:item/resolve', { note: 'x' }, { item: 'health' }),
    siblingCase('/withdraw', reason),
    siblingCase('/reject', reason),
    disciplineOpening('personId', 'p-b'),
    disciplineOpening('orgUnitId', 'ou-com-b'),
    disciplineOpening('positionId', 'pos-b'),
    disciplineOpening('id', 'd-b'),
    siblingDisciplineCase(
      '/steps/:stepId',
      { ...meeting, violationConfirmed: true },
      { stepId: 'verification' },
    ),
    post(
      '/discipline-cases/:id/steps/:stepId',
      'sameViolationCaseId',
      {
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'x',
        form: 'warning',
        effectiveFrom: today,
        sameViolationCaseId: 'd-b',
      },
      { id: 'd-a', stepId: 'decision' },
    ),
    siblingDisciplineCase('/extend', reason),
    siblingDisciplineCase('/complaints', { filedOn: today, grounds: 'x' }),
    siblingDisciplineCase('/complaints/review', {
      heldOn: today,
      number: '9-QĐ',
      outcome: 'keep',
      reason: 'x',
    }),
    siblingDisciplineCase('/close', reason),
  ];

  /** Reads with an id in the path or a filter in the query. */
  const READS: ReferenceCase[] = [
    { method: 'get', route: '/org-units/:id', path: '/org-units/ou-com-b', field: 'id' },
    { method: 'get', route: '/positions', path: '/positions?orgUnit=ou-com-b', field: 'orgUnit' },
    { method: 'get', route: '/cadres/:id', path: '/cadres/p-b', field: 'id' },
    {
      method: 'get',
      route: '/cadres/:id/eligibility',
      path: '/cadres/p-b/eligibility?for=pos-a',
      field: 'id',
    },
    {
      method: 'get',
      route: '/cadres/:id/eligibility',
      path: '/cadres/p-a/eligibility?for=pos-b',
      field: 'for',
    },
    { method: 'get', route: '/cases/:id', path: '/cases/c-b', field: 'id' },
    { method: 'get', route: '/discipline-cases/:id', path: '/discipline-cases/d-b', field: 'id' },
    { method: 'get', route: '/cases/:id/history', path: '/cases/c-b/history', field: 'id' },
    { method: 'get', route: '/cases/:id/history', path: '/cases/d-b/history', field: 'id' },
    {
      method: 'get',
      route: '/cases/:id/history.csv',
      path: '/cases/c-b/history.csv',
      field: 'id',
    },
    { method: 'get', route: '/cadres/:id/history', path: '/cadres/p-b/history', field: 'id' },
    {
      method: 'get',
      route: '/audit/cases/:id/proof',
      path: '/audit/cases/c-b/proof',
      field: 'id',
    },
    {
      method: 'get',
      route: '/audit/verify',
      path: '/audit/verify?stream=appointment-c-b',
      field: 'stream',
    },
    {
      method: 'get',
      route: '/audit/verify',
      path: '/audit/verify?stream=cadre-p-b',
      field: 'stream',
    },
    { method: 'get', route: '/cases', path: '/cases?orgUnit=ou-com-b', field: 'orgUnit' },
    { method: 'get', route: '/cases', path: '/cases?person=p-b', field: 'person' },
    { method: 'get', route: '/inbox', path: '/inbox?orgUnit=ou-com-b', field: 'orgUnit' },
    {
      method: 'get',
      route: '/discipline-records',
      path: '/discipline-records?orgUnit=ou-com-b',
      field: 'orgUnit',
    },
    {
      method: 'get',
      route: '/discipline-records',
      path: '/discipline-records?person=p-b',
      field: 'person',
    },
  ];

  const send = (entry: ReferenceCase, headers: Record<string, string>) => {
    const call = http()[entry.method](entry.path).set(headers);
    return entry.method === 'post' ? call.send(entry.body ?? {}) : call;
  };

  it('covers every write route that names a unit, a post, a person or a case', () => {
    // The dead-letter replay names a failed job, which belongs to no unit (admin only); the queue
    // dashboard's session names nothing, nor does signing a checkpoint (it covers the whole store).
    // An import names its ids inside the file, row by row: test/imports/import.e2e.spec.ts refuses
    // a unit, a post and a person out of scope there (403 scope.out_of_scope naming each row).
    const exempt = [
      'POST /imports',
      'POST /admin/dead-letters/:id/replay',
      'POST /admin/queues/session',
      'POST /audit/checkpoints',
    ];
    const writeRoutes = routeTable(t.app)
      .filter((route) => route.method !== 'GET' && !route.isPublic)
      .map((route) => `${route.method} ${route.path}`)
      .filter((route) => !exempt.includes(route));
    const covered = new Set(WRITES.map((entry) => `${entry.method.toUpperCase()} ${entry.route}`));
    expect(writeRoutes.filter((route) => !covered.has(route))).toEqual([]);
  });

  it('each write with an out-of-scope id answers 403 scope.out_of_scope naming the field and writes nothing', async () => {
    const before = await writeCounts();
    const mismatches: string[] = [];
    for (const entry of WRITES) {
      const response = await send(entry, communeA());
      const answer = {
        status: response.status,
        rule: response.body.rule,
        field: response.body.field,
      };
      if (
        answer.status !== 403 ||
        answer.rule !== 'scope.out_of_scope' ||
        answer.field !== entry.field ||
        response.body.statusCode !== 403 ||
        typeof response.body.message !== 'string'
      )
        mismatches.push(
          `${entry.method} ${entry.path} [${entry.field}]: ${JSON.stringify(answer)}`,
        );
    }
    expect(mismatches).toEqual([]);
    expect(await writeCounts()).toEqual(before);
  });

  it('each read naming an out-of-scope id or filter answers 403 naming the field, not an empty page', async () => {
    const mismatches: string[] = [];
    for (const entry of READS) {
      const response = await send(entry, communeA());
      if (
        response.status !== 403 ||
        response.body.rule !== 'scope.out_of_scope' ||
        response.body.field !== entry.field
      )
        mismatches.push(
          `GET ${entry.path} [${entry.field}]: ${response.status} ${response.body.rule} ${response.body.field}`,
        );
    }
    expect(mismatches).toEqual([]);
  });

  it('the same requests with in-scope values pass the scope check (a grant one level up covers both)', async () => {
    // The province's grant covers commune B: none of the reads above is refused for scope.
    for (const entry of READS) {
      const response = await send(entry, provinceAdmin());
      expect({ path: entry.path, rule: response.body.rule }).not.toMatchObject({
        rule: expect.stringMatching(/^scope\./),
      });
    }
    // And commune A's own records are readable by commune A.
    await http().get('/cases/c-a').set(communeA()).expect(200);
    await http().get('/cadres/p-a/eligibility?for=pos-a').set(communeA()).expect(200);
    await http().get('/cases?orgUnit=ou-com-a&person=p-a').set(communeA()).expect(200);
  });

  it('a commune cannot open a discipline case against a sibling commune’s cadre, under its own unit', async () => {
    const before = await writeCounts();
    const inspector = as(['inspector'], 'ou-com-a');
    const refused = await http()
      .post('/discipline-cases')
      .set(inspector)
      .send(openDisciplineBody({ id: 'd-sibling', personId: 'p-b' }))
      .expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      rule: 'scope.out_of_scope',
      field: 'personId',
    });
    expect(refused.body.message).toContain('p-b');
    expect(await writeCounts()).toEqual(before);
    // Nothing reached the sibling's person: no discipline case stream, no record change.
    const { rows } = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id IN ('discipline-d-sibling')",
    );
    expect(rows[0].n).toBe(0);
  });

  it('resolve-vetting and audit/verify on a sibling’s case answer 403 before anything else', async () => {
    // Before: 422 "vetting item health is not flagged", which told the case's state.
    for (const item of ['health', 'no-such-item']) {
      const resolve = await http()
        .post(`/cases/c-b/vetting/${item}/resolve`)
        .set(as(['organization_staff'], 'ou-com-a'))
        .send({ note: 'x' });
      expect(resolve.body).toMatchObject({
        statusCode: 403,
        rule: 'scope.out_of_scope',
        field: 'id',
      });
    }
    // Before: ok with the stream's event count. A missing stream answers the same 403.
    const auditor = as(['auditor'], 'ou-com-a');
    for (const stream of ['appointment-c-b', 'discipline-d-b', 'appointment-c-none']) {
      const verify = await http().get(`/audit/verify?stream=${stream}`).set(auditor);
      expect({ stream, body: verify.body }).toEqual({
        stream,
        body: expect.objectContaining({
          statusCode: 403,
          rule: 'scope.out_of_scope',
          field: 'stream',
        }),
      });
      expect(verify.body.eventsChecked).toBeUndefined();
    }
    const own = await http().get('/audit/verify?stream=appointment-c-a').set(auditor).expect(200);
    expect(own.body).toMatchObject({ streamId: 'appointment-c-a', ok: true });
    // A case's timers and id reservation lie where the case lies; a missing stream is out of scope.
    const timerOf = async (target: string) =>
      (
        await t.db.pool.query<{ stream_id: string }>(
          `SELECT stream_id FROM events WHERE stream_id LIKE 'timer-%' AND revision = 0
              AND data->>'target' = $1 LIMIT 1`,
          [target],
        )
      ).rows[0].stream_id;
    const communeAdmin = as(ROLES, 'ou-com-a', 'u-commune-admin');
    for (const stream of ['caseid-c-a', await timerOf('appointment-c-a')])
      await http().get(`/audit/verify?stream=${stream}`).set(auditor).expect(200);
    // Before: any admin's 200 or 404 told whether another unit's case id or timer existed.
    for (const stream of [
      'caseid-c-b',
      'caseid-c-none',
      await timerOf('appointment-c-b'),
      'timer-x',
    ]) {
      const refused = await http().get(`/audit/verify?stream=${stream}`).set(communeAdmin);
      expect({ stream, body: refused.body }).toEqual({
        stream,
        body: expect.objectContaining({ rule: 'scope.out_of_scope', field: 'stream' }),
      });
    }
  });

  it('a case that does not exist answers like one outside the grant (existence is not revealed)', async () => {
    const staff = as(['organization_staff'], 'ou-com-a');
    const missing = await http().get('/cases/c-none').set(staff).expect(403);
    const sibling = await http().get('/cases/c-b').set(staff).expect(403);
    expect(missing.body.rule).toBe(sibling.body.rule);
    const missingPerson = await http().get('/cadres/p-none').set(staff).expect(403);
    expect(missingPerson.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
  });

  it('dead letters and the job queues are for an admin of a top-level unit: they hold every unit’s jobs', async () => {
    const communeAdmin = as(ROLES, 'ou-com-a', 'u-commune-admin');
    // Before: a commune's admin listed (and could replay) the jobs of every unit.
    for (const refused of [
      await http().get('/admin/dead-letters').set(communeAdmin),
      await http().post('/admin/queues/session').set(communeAdmin),
      await http().get('/admin/queues').set(communeAdmin),
    ])
      expect({ status: refused.status, rule: refused.body.rule }).toEqual({
        status: 403,
        rule: 'scope.top_level_only',
      });
    await http().get('/admin/dead-letters').set(provinceAdmin()).expect(200);
    await http().post('/admin/queues/session').set(provinceAdmin()).expect(201);
  });

  it('opening with the id of another unit’s case of another procedure answers 403, not which procedure has it', async () => {
    const before = await writeCounts();
    // Before: 409 case.id_taken with "procedure": "discipline" (and "appointment" the other way).
    const asCase = await http()
      .post('/cases')
      .set(communeA())
      .send({ id: 'd-b', ...openCaseBody() })
      .expect(403);
    const asDiscipline = await http()
      .post('/discipline-cases')
      .set(communeA())
      .send({ id: 'c-b', ...openDisciplineBody() })
      .expect(403);
    for (const refused of [asCase, asDiscipline]) {
      expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
      expect(refused.body.procedure).toBeUndefined();
    }
    expect(await writeCounts()).toEqual(before);
  });

  it('a token whose org unit is not in the registry grants nothing', async () => {
    const before = await writeCounts();
    const ghost = as(
      ROLES.filter((role) => role !== 'admin'),
      'ou-ghost',
    );
    const attempts: [string, string, Record<string, unknown>?][] = [
      ['get', '/cases'],
      ['get', '/inbox'],
      ['get', '/org-units'],
      ['get', '/positions'],
      ['get', '/discipline-records'],
      ['get', '/audit/export'],
      ['get', '/audit/access-log'],
      ['get', '/cases/c-a'],
      ['post', '/cadres', person('p-ghost', 'ou-com-a')],
      ['post', '/cases', openCaseBody({ id: 'c-ghost' })],
    ];
    for (const [method, path, body] of attempts) {
      const call = http()[method as 'get' | 'post'](path).set(ghost);
      const response = await (body ? call.send(body) : call);
      expect({ path, status: response.status, rule: response.body.rule }).toEqual({
        path,
        status: 403,
        rule: 'scope.unknown_unit',
      });
    }
    // Nor may it create its own unit as a new top of the tree (and then export everything).
    const bootstrap = await http()
      .post('/org-units')
      .set(ghost)
      .send({ id: 'ou-ghost', name: 'Ghost', kind: 'province' })
      .expect(403);
    expect(bootstrap.body).toMatchObject({
      rule: 'scope.top_level_needs_admin',
      field: 'parentId',
    });
    const under = await http()
      .post('/org-units')
      .set(ghost)
      .send({ id: 'ou-ghost-2', name: 'Ghost', kind: 'commune', parentId: 'ou-prov' })
      .expect(403);
    expect(under.body.rule).toBe('scope.unknown_unit');
    expect(await writeCounts()).toEqual(before);
  });

  it('only an admin creates a unit with no parent', async () => {
    const staff = as(['organization_staff'], 'ou-prov');
    const refused = await http()
      .post('/org-units')
      .set(staff)
      .send({ id: 'ou-prov-2', name: 'Tỉnh 2', kind: 'province' })
      .expect(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      rule: 'scope.top_level_needs_admin',
      field: 'parentId',
    });
    // Even a token for the unit it names (the old bootstrap rule) may not.
    const self = await http()
      .post('/org-units')
      .set(as(['organization_staff'], 'ou-prov-3'))
      .send({ id: 'ou-prov-3', name: 'Tỉnh 3', kind: 'province' })
      .expect(403);
    expect(self.body.rule).toBe('scope.top_level_needs_admin');
    // An admin of a commune may not add a unit beside the province (its grant would then be
    // a top-level one: whole-store audit, metrics, dead letters).
    const communeAdmin = await http()
      .post('/org-units')
      .set(as(['admin'], 'ou-com-a'))
      .send({ id: 'ou-beside', name: 'Bên cạnh', kind: 'province' })
      .expect(403);
    expect(communeAdmin.body).toMatchObject({ rule: 'scope.top_level_only', field: 'parentId' });
    await http()
      .post('/org-units')
      .set(as(['admin'], 'ou-prov'))
      .send({ id: 'ou-prov-2', name: 'Tỉnh 2', kind: 'province' })
      .expect(201);
    // An admin whose grant the registry does not hold creates that unit only (a first unit),
    // not any other top of the tree.
    const newAdmin = as(['admin'], 'ou-first');
    const other = await http()
      .post('/org-units')
      .set(newAdmin)
      .send({ id: 'ou-evil', name: 'Khác', kind: 'province' })
      .expect(403);
    expect(other.body.rule).toBe('scope.unknown_unit');
    // Nor its own unit beside those registered: that is a new registry's first unit only.
    // Before: 201, and its grant was a top-level one beside the province.
    const beside = await http()
      .post('/org-units')
      .set(newAdmin)
      .send({ id: 'ou-first', name: 'Tỉnh đầu tiên', kind: 'province' })
      .expect(403);
    expect(beside.body.rule).toBe('scope.unknown_unit');
  });

  it('the audit export holds the streams of the caller’s subtree only', async () => {
    // The workers do not run in this suite: fill the audit history read model once.
    const store = t.app.get<EventStore>(EVENT_STORE);
    await rebuildProjection({ pool: t.db.pool, store, projection: auditHistoryProjection });
    const streamsIn = async (headers: Record<string, string>) => {
      const response = await http().get('/audit/export?format=ndjson').set(headers).expect(200);
      return new Set(
        response.text
          .split('\n')
          .filter(Boolean)
          .map((line) => (JSON.parse(line) as { streamId: string }).streamId),
      );
    };
    const commune = await streamsIn(as(['auditor'], 'ou-com-a'));
    const timers = (set: Set<string>) => [...set].filter((id) => id.startsWith('timer-'));
    const named = (set: Set<string>) =>
      [...set].map((id) => (id.startsWith('timer-') ? 'timer-…' : id)).sort();
    // A case's id reservation, slot and timers, and a post's planning seat, lie where it lies:
    // their names alone tell whose case is about which post.
    expect(named(commune)).toEqual([
      'appointment-c-a',
      'cadre-p-a',
      'cadre-p-a2',
      'caseid-c-a',
      'caseid-d-a',
      'caseslot-appointment/p-a/pos-a',
      'discipline-d-a',
      'planningseat-pos-a/2025-2030',
      'timer-…',
      'timer-…',
      // The violation the discipline case claims (one discipline per violation and track) lies
      // with its case.
      `violationclaim-party/p-a/budget/${violation.committedOn}`,
    ]);
    const { rows } = await t.db.pool.query<{ target: string }>(
      `SELECT data->>'target' AS target FROM events WHERE stream_id = ANY ($1) AND revision = 0`,
      [timers(commune)],
    );
    expect(rows.map((row) => row.target)).toEqual(['appointment-c-a', 'appointment-c-a']);
    // Before: a commune's admin also read the other commune's reservations, slots and timers.
    expect(await streamsIn(as(ROLES, 'ou-com-a', 'u-commune-admin'))).toEqual(commune);
    const province = await streamsIn(as(['auditor'], 'ou-prov'));
    expect(named(province)).toEqual(
      named(
        new Set([
          ...commune,
          'appointment-c-b',
          'cadre-p-b',
          'caseid-c-b',
          'caseid-d-b',
          'caseslot-appointment/p-b/pos-b',
          'discipline-d-b',
          'planningreview-review-b',
          'timer-b',
          `violationclaim-party/p-b/budget/${violation.committedOn}`,
        ]),
      ),
    );
  });
});
