import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

describe('the service over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('service');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('reports PostgreSQL, Redis and the event store in /health without a token', async () => {
    const response = await request(t.server as never)
      .get('/health')
      .expect(200);
    expect(response.body.status).toBe('ok');
    expect(Object.keys(response.body.details)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'eventStore']),
    );
  });

  it('echoes the caller’s request id', async () => {
    const response = await request(t.server as never)
      .get('/health')
      .set('X-Request-Id', 'req-abc-123')
      .expect(200);
    expect(response.headers['x-request-id']).toBe('req-abc-123');
  });

  it('publishes the OpenAPI document', async () => {
    const response = await request(t.server as never)
      .get('/docs-json')
      .expect(200);
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining(['/health', '/cadres', '/cases', '/cases/{id}/steps/{stepId}']),
    );
  });

  it('answers 401 with one reason when the token is missing, malformed or signed with another key', async () => {
    const none = await request(t.server as never)
      .get('/org-units')
      .expect(401);
    expect(none.body.message).toMatch(/missing bearer token/);
    const malformed = await request(t.server as never)
      .get('/org-units')
      .set('Authorization', 'Token abc')
      .expect(401);
    expect(malformed.body.message).toMatch(/malformed Authorization header/);
    const forged = await request(t.server as never)
      .get('/org-units')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl')
      .expect(401);
    expect(forged.body.message).toMatch(/token rejected/);
  });

  it('registers org units, positions and people, and refuses bad bodies naming the field', async () => {
    const auth = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff'], 'ou-province')}`,
    };
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('admin-1', ['admin'], 'ou-province')}` })
      .send({ id: 'ou-province', name: 'Tỉnh Demo', kind: 'province' })
      .expect(201);
    await request(t.server as never)
      .post('/org-units')
      .set(auth)
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town', parentId: 'ou-province' })
      .expect(201);
    const subtree = await request(t.server as never)
      .get('/org-units/ou-province')
      .set(auth)
      .expect(200);
    expect(subtree.body.subtree.map((u: { id: string }) => u.id)).toEqual(['ou-town']);
    await request(t.server as never)
      .post('/positions')
      .set(auth)
      .send({
        id: 'pos-town-deputy',
        title: 'Phó Chủ tịch',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-province',
        rank: 3,
      })
      .expect(201);

    const badDate = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .send({
        fullName: 'Nguyễn Văn Demo',
        dateOfBirth: '12/04/1978',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Cử nhân',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-town',
      })
      .expect(400);
    expect(badDate.body).toMatchObject({ rule: 'body.invalid', field: 'dateOfBirth' });
    const unknownField = await request(t.server as never)
      .post('/org-units')
      .set(auth)
      .send({ name: 'X unit', kind: 'town', secret: 1 })
      .expect(400);
    expect(unknownField.body).toMatchObject({
      rule: 'body.invalid',
      field: 'secret',
      message: 'secret: unknown field',
    });

    const person = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .send({
        id: 'p-demo',
        fullName: 'Nguyễn Văn Demo',
        dateOfBirth: '1978-04-12',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Cử nhân',
        politicalTheoryLevel: 'Trung cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
    expect(person.body).toMatchObject({ id: 'p-demo', revision: 0, posts: [], planningPool: [] });
    await request(t.server as never)
      .post('/cadres/p-demo/planning-pool')
      .set(auth)
      .send({ positionId: 'pos-town-deputy', term: '2025-2030', decisionRef: '12-QĐ/TU' })
      .expect(201);
    const record = await request(t.server as never)
      .get('/cadres/p-demo')
      .set(auth)
      .expect(200);
    expect(record.body.planningPool).toEqual([
      { positionId: 'pos-town-deputy', term: '2025-2030', decisionRef: '12-QĐ/TU' },
    ]);
    const missing = await request(t.server as never)
      .post('/cadres/p-demo/planning-pool')
      .set(auth)
      .send({ positionId: 'pos-nope', term: '2025-2030', decisionRef: 'x' })
      .expect(422);
    expect(missing.body).toMatchObject({ rule: 'position.not_found', field: 'positionId' });
  });

  it('replays the first response to a retried request with the same Idempotency-Key and writes nothing new', async () => {
    const auth = {
      Authorization: `Bearer ${t.token('staff-2', ['organization_staff'], 'ou-idem')}`,
    };
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('admin-1', ['admin'], 'ou-province')}` })
      .send({ id: 'ou-idem', name: 'Xã Idem', kind: 'commune' })
      .expect(201);
    const body = {
      id: 'p-idem',
      fullName: 'Trần Idem',
      dateOfBirth: '1980-01-01',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: false,
      educationLevel: 'Cử nhân',
      politicalTheoryLevel: 'Sơ cấp',
      orgUnitId: 'ou-idem',
    };
    const first = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    const retry = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-1')
      .send(body)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-idem'",
    );
    expect(rows[0].n).toBe(1);
    const reused = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-1')
      .send({ ...body, fullName: 'Other' })
      .expect(422);
    expect(reused.body.message).toMatch(/Idempotency-Key was already used/);
  });

  it('replays the first response to a retry whose JSON keys come in another order, and still refuses a different body', async () => {
    const auth = {
      Authorization: `Bearer ${t.token('staff-3', ['organization_staff'], 'ou-idem-order')}`,
    };
    await request(t.server as never)
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('admin-1', ['admin'], 'ou-province')}` })
      .send({ id: 'ou-idem-order', name: 'Xã Idem Order', kind: 'commune' })
      .expect(201);
    const body = {
      id: 'p-idem-order',
      fullName: 'Lê Idem',
      dateOfBirth: '1981-02-03',
      gender: 'male',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Cử nhân',
      politicalTheoryLevel: 'Trung cấp',
      orgUnitId: 'ou-idem-order',
    };
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    expect(JSON.stringify(reordered)).not.toBe(JSON.stringify(body));
    const first = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-order')
      .send(body)
      .expect(201);
    const retry = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-order')
      .send(reordered)
      .expect(201);
    expect(retry.body).toEqual(first.body);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'cadre-p-idem-order'",
    );
    expect(rows[0].n).toBe(1);
    const different = await request(t.server as never)
      .post('/cadres')
      .set(auth)
      .set('Idempotency-Key', 'k-order')
      .send({ ...reordered, partyMember: false })
      .expect(422);
    expect(different.body).toMatchObject({ rule: 'idempotency.key_reused' });
  });
});
