import request from 'supertest';
import { ROLES } from '../../src/identity/actor';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { routeTable, RouteRule } from './route-table';

/** Values for the path parameters: real records in district A of the province. */
const PARAMS: Record<string, string> = {
  id: 'c-a',
  stepId: 'leadership-round-1',
  item: 'health',
  positionId: 'pos-a',
};
const ID_BY_PREFIX: [RegExp, string][] = [
  [/^\/discipline-cases\//, 'd-a'],
  [/^\/cadres\//, 'p-a'],
  [/^\/org-units\//, 'ou-dist-a'],
  [/^\/admin\/dead-letters\//, 'dl-none'],
];

function concretePath(route: RouteRule): string {
  const id = ID_BY_PREFIX.find(([prefix]) => prefix.test(route.path))?.[1] ?? PARAMS.id;
  const stepId = route.path.startsWith('/discipline-cases') ? 'verification' : PARAMS.stepId;
  const path = route.path
    .replace(':id', id)
    .replace(':stepId', stepId)
    .replace(':item', PARAMS.item)
    .replace(':positionId', PARAMS.positionId);
  return route.path.endsWith('/eligibility') ? `${path}?for=pos-a` : path;
}

describe('authorization matrix: every route × every role × in scope / out of scope / no token', () => {
  let t: TestApp;
  let routes: RouteRule[];
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (roles: string[], unit: string, personId?: string) => ({
    Authorization: `Bearer ${t.token(`u-${roles.join('-')}-${unit}`, roles, unit, personId)}`,
  });
  const call = (route: RouteRule, headers: Record<string, string> = {}) => {
    const method = route.method.toLowerCase() as 'get' | 'post' | 'delete' | 'put' | 'patch';
    return http()
      [method](concretePath(route))
      .set(headers)
      .send(method === 'get' ? undefined : {});
  };

  beforeAll(async () => {
    t = await startTestApp('authz');
    const admin = as(['admin', 'organization_staff', 'inspector'], 'ou-prov');
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh', kind: 'province' })
      .expect(201);
    for (const id of ['ou-dist-a', 'ou-dist-b'])
      await http()
        .post('/org-units')
        .set(admin)
        .send({ id, name: id, kind: 'district', parentId: 'ou-prov' })
        .expect(201);
    await http()
      .post('/positions')
      .set(admin)
      .send({
        id: 'pos-a',
        title: 'Trưởng phòng',
        orgUnitId: 'ou-dist-a',
        appointingAuthority: 'ou-dist-a',
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
        orgUnitId: 'ou-dist-a',
      })
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
        orgUnitId: 'ou-dist-a',
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
        orgUnitId: 'ou-dist-a',
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
    routes = routeTable(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('covers the application’s routes, and every route is public or has an access rule', () => {
    expect(routes.length).toBeGreaterThan(35);
    const withoutRule = routes.filter(
      (route) => !route.isPublic && (!route.allowed || route.allowed.length === 0),
    );
    expect(withoutRule.map((route) => `${route.method} ${route.path}`)).toEqual([]);
    // The development sign-in answers 404 unless DEV_SIGN_IN=true (test/web/web-serving.e2e.spec.ts).
    // GET /auth/config tells the web app how to sign in. /metrics takes a scraper's METRICS_TOKEN
    // or an admin's token, checked by its own guard (test/ops/metrics.e2e.spec.ts).
    expect(
      routes.filter((route) => route.isPublic).map((route) => `${route.method} ${route.path}`),
    ).toEqual([
      'GET /auth/config',
      'GET /auth/dev-sign-in',
      'POST /auth/dev-sign-in',
      'GET /health',
      'GET /metrics',
    ]);
  });

  it('without a token every route but /health answers 401', async () => {
    for (const route of routes.filter((r) => !r.isPublic)) {
      const response = await call(route);
      expect({ route: `${route.method} ${route.path}`, status: response.status }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 401,
      });
    }
  });

  it('each role reaches exactly the routes its rule lists (403 role.not_allowed otherwise)', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const role of ROLES) {
        const response = await call(route, as([role], 'ou-prov'));
        const refusedByRole = response.status === 403 && response.body.rule === 'role.not_allowed';
        const allowed = route.allowed!.includes(role);
        if (allowed === refusedByRole || response.status === 401 || response.status >= 500) {
          mismatches.push(
            `${route.method} ${route.path} as ${role}: ${response.status} ${response.body.rule ?? ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('on every route, an allowed role with a grant for the sibling district gets nothing of district A', async () => {
    const leaks: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const role of route.allowed!) {
        const response = await call(route, as([role], 'ou-dist-b'));
        const text = response.text ?? '';
        if (
          response.status >= 500 ||
          (response.status < 300 && /"(c-a|d-a|p-a)"|\b(c-a|d-a|p-a),/.test(text))
        ) {
          leaks.push(
            `${route.method} ${route.path} as ${role}: ${response.status} ${text.slice(0, 120)}`,
          );
        }
      }
    }
    expect(leaks).toEqual([]);
  });

  it('a grant for a sibling district reaches none of district A’s records', async () => {
    const sibling = (roles: string[]) => as(roles, 'ou-dist-b');
    const refusals: [string, Record<string, string>][] = [
      ['/cases/c-a', sibling(['organization_staff'])],
      ['/discipline-cases/d-a', sibling(['inspector'])],
      ['/cadres/p-a', sibling(['inspector'])],
      ['/cadres/p-a/eligibility?for=pos-a', sibling(['organization_staff'])],
    ];
    for (const [path, headers] of refusals) {
      const response = await http().get(path).set(headers);
      expect({ path, status: response.status, rule: response.body.rule }).toEqual({
        path,
        status: 403,
        rule: 'scope.out_of_scope',
      });
    }
    const step = await http()
      .post('/discipline-cases/d-a/steps/verification')
      .set(sibling(['inspector']))
      .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', violationConfirmed: true });
    expect(step.status).toBe(403);
    expect(step.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    const write = await http()
      .post('/cadres/p-a/statuses')
      .set(sibling(['organization_staff']))
      .send({ status: 'abroad', from: today, note: 'x' });
    expect(write.body).toMatchObject({ statusCode: 403, rule: 'scope.out_of_scope' });
    // The same grant one level up (the province) reaches them.
    await http()
      .get('/cases/c-a')
      .set(as(['organization_staff'], 'ou-prov'))
      .expect(200);
    await http()
      .get('/cadres/p-a')
      .set(as(['inspector'], 'ou-dist-a'))
      .expect(200);
  });

  it('the subject of a case may not act on it nor see its ballot details', async () => {
    const subject = as(['inspector', 'organization_staff', 'leadership'], 'ou-prov', 'p-a');
    const acting = await http()
      .post('/discipline-cases/d-a/steps/verification')
      .set(subject)
      .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', violationConfirmed: true });
    expect(acting.body).toMatchObject({ statusCode: 403, rule: 'separation.subject' });
    const opening = await http().post('/cases').set(subject).send({
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-a',
      positionId: 'pos-a',
      orgUnitId: 'ou-dist-a',
      summary: 'self',
    });
    expect(opening.body).toMatchObject({ statusCode: 403, rule: 'separation.subject' });

    const inspector = as(['inspector'], 'ou-prov');
    for (const stepId of ['verification', 'self-criticism', 'review']) {
      const who = stepId === 'self-criticism' ? as(['organization_staff'], 'ou-prov') : inspector;
      await http()
        .post(`/discipline-cases/d-a/steps/${stepId}`)
        .set(who)
        .send({
          heldOn: today,
          minutesRef: 'B',
          conclusion: 'x',
          ...(stepId === 'verification' ? { violationConfirmed: true } : {}),
        })
        .expect(200);
    }
    await http()
      .post('/discipline-cases/d-a/steps/ballot')
      .set(as(['ballot_secretary'], 'ou-prov'))
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 7,
          summoned: 7,
          present: 7,
          invalid: 0,
          noDiscipline: 2,
          votesByForm: { reprimand: 5 },
        },
      })
      .expect(200);
    const seenByInspector = await http().get('/discipline-cases/d-a').set(inspector).expect(200);
    expect(seenByInspector.body.steps.at(-1).tally).toMatchObject({ members: 7 });
    const seenBySubject = await http()
      .get('/discipline-cases/d-a')
      .set(as(['inspector'], 'ou-prov', 'p-a'))
      .expect(200);
    expect(seenBySubject.body.steps.at(-1).tally).toBe('withheld from the subject');
  });

  it('opening a case as of a past day takes the records_clerk role on top of the opening role', async () => {
    await http()
      .post('/positions')
      .set(as(['admin'], 'ou-prov'))
      .send({
        id: 'pos-a2',
        title: 'Phó phòng',
        orgUnitId: 'ou-dist-a',
        appointingAuthority: 'ou-dist-a',
        rank: 3,
      })
      .expect(201);
    const paper = {
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-a',
      positionId: 'pos-a2',
      orgUnitId: 'ou-dist-a',
      summary: 'paper',
      openedOn: '2025-06-15',
      paperRecordRef: 'HS-1',
    };
    const staffOnly = await http()
      .post('/cases')
      .set(as(['organization_staff'], 'ou-prov'))
      .send(paper);
    expect(staffOnly.body).toMatchObject({
      statusCode: 403,
      rule: 'case.opened_on_needs_records_clerk',
    });
    const clerkOnly = await http()
      .post('/cases')
      .set(as(['records_clerk'], 'ou-prov'))
      .send(paper);
    expect(clerkOnly.body).toMatchObject({ statusCode: 403, rule: 'role.not_allowed' });
    const sibling = await http()
      .post('/cases')
      .set(as(['organization_staff', 'records_clerk'], 'ou-dist-b'))
      .send(paper);
    expect(sibling.body).toMatchObject({
      statusCode: 403,
      rule: 'scope.out_of_scope',
      field: 'orgUnitId',
    });
    await http()
      .post('/cases')
      .set(as(['organization_staff', 'records_clerk'], 'ou-prov'))
      .send(paper)
      .expect(201);
  });

  it('sensitive reads are in the access log with who, what and why; auditors can query it', async () => {
    await http()
      .get('/cadres/p-a?purpose=vetting%20for%20pos-a')
      .set(as(['inspector'], 'ou-prov'))
      .expect(200);
    await http()
      .get('/cadres/p-a')
      .set(as(['inspector'], 'ou-dist-b'))
      .expect(403);
    const log = await http()
      .get('/audit/access-log?resource=p-a')
      .set(as(['auditor'], 'ou-prov'))
      .expect(200);
    expect(log.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({
        actorId: 'u-inspector-ou-dist-b',
        route: '/cadres/p-a',
        resource: 'person record p-a',
        status: 403,
        purpose: null,
      }),
      expect.objectContaining({
        actorId: 'u-inspector-ou-prov',
        route: '/cadres/p-a',
        resource: 'person record p-a',
        status: 200,
        purpose: 'vetting for pos-a',
      }),
    ]);
    await http()
      .get('/audit/access-log')
      .set(as(['inspector'], 'ou-prov'))
      .expect(403);
  });
});
