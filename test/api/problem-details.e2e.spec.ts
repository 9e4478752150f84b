import request, { Response } from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Every class of error answers as an RFC 9457 problem and keeps the fields clients already read. */
describe('errors as application/problem+json', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  const http = () => request(t.server as never);
  const today = vietnamToday();

  function expectProblem(response: Response, status: number, rule: string, instance: string) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.body).toMatchObject({
      type: `/problems/${rule}`,
      title: expect.any(String),
      status,
      detail: expect.any(String),
      instance,
      statusCode: status,
      rule,
    });
    expect(response.body.message).toBe(response.body.detail);
    expect(response.body.title).not.toBe(response.body.detail);
    expect(JSON.stringify(response.body)).not.toMatch(/ at .*\.(ts|js):\d+|SELECT |INSERT /);
  }

  const openExternalCase = (id: string) =>
    http().post('/cases').set(staff).send({
      id,
      procedure: 'appointment',
      definition: 'appointment.external',
      personId: 'p-an',
      positionId: 'pos-deputy',
      orgUnitId: 'ou-town',
      summary: 'Appoint from another unit',
    });
  const meeting = { heldOn: today, minutesRef: 'BB-1', conclusion: 'Agreed' };

  beforeAll(async () => {
    t = await startTestApp('api_problems');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    secretary = {
      Authorization: `Bearer ${t.token('u-secretary', ['ballot_secretary'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-deputy', rank: 4 }],
      people: [{ id: 'p-an' }, { id: 'p-binh' }],
    });
    await openExternalCase('c-problems').expect(201);
  });
  afterAll(() => t?.close());

  it('400 validation: names the field in words for people, in Vietnamese when asked', async () => {
    const path = '/cases/c-problems/steps/consult-receiving-unit';
    const missing = await http().post(path).set(staff).send({ heldOn: today, minutesRef: 'BB-1' });
    expectProblem(missing, 400, 'body.invalid', path);
    expect(missing.body).toMatchObject({ field: 'conclusion', detail: 'conclusion is required' });
    expect(missing.headers['content-language']).toBe('en');
    expect(missing.headers.vary).toMatch(/Accept-Language/);

    const empty = await http()
      .post(path)
      .set(staff)
      .send({ ...meeting, conclusion: '' });
    expect(empty.body.detail).toBe('conclusion is required');

    const vietnamese = await http()
      .post(path)
      .set(staff)
      .set('Accept-Language', 'vi-VN,vi;q=0.9,en;q=0.5')
      .send({ heldOn: today, minutesRef: 'BB-1' });
    expectProblem(vietnamese, 400, 'body.invalid', path);
    expect(vietnamese.headers['content-language']).toBe('vi');
    expect(vietnamese.body).toMatchObject({
      field: 'conclusion',
      detail: 'conclusion là bắt buộc',
      title: 'Nội dung yêu cầu không hợp lệ',
    });

    const tooLong = await http()
      .post('/org-units')
      .set(staff)
      .set('Accept-Language', 'en-GB, vi;q=0.3')
      .send({ name: 'x'.repeat(201), kind: 'town' });
    expectProblem(tooLong, 400, 'body.invalid', '/org-units');
    expect(tooLong.body.detail).toBe('name must be at most 200 characters long');

    const notAnInteger = await http()
      .post('/positions')
      .set(staff)
      .set('Accept-Language', 'vi')
      .send({
        title: 'Phó',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: 2.5,
      });
    expect(notAnInteger.body).toMatchObject({ field: 'rank', detail: 'rank phải là số nguyên' });

    const ownMessage = await http()
      .post('/cadres/p-an/statuses')
      .set(staff)
      .set('Accept-Language', 'vi')
      .send({ status: 'abroad', from: '01/02/2026', note: 'x' });
    expect(ownMessage.body).toMatchObject({
      field: 'from',
      detail: 'from: "01/02/2026" không phải ngày có thật theo dạng YYYY-MM-DD',
    });
  });

  it('400 malformed JSON: answers with the rule body.malformed_json', async () => {
    const malformed = await http()
      .post('/org-units')
      .set(staff)
      .set('Content-Type', 'application/json')
      .send('{"name": "Phường A", "kind": ');
    expectProblem(malformed, 400, 'body.malformed_json', '/org-units');
    expect(malformed.body.detail).toMatch(/not valid JSON/);
  });

  it('401 without a token', async () => {
    const refused = await http().get('/cases?limit=5');
    expectProblem(refused, 401, 'auth.unauthenticated', '/cases');
    expect(refused.body.detail).toMatch(/missing bearer token/);
  });

  it('403 when the role may not use the route', async () => {
    const auditor = { Authorization: `Bearer ${t.token('u-aud', ['auditor'], 'ou-town')}` };
    const refused = await openExternalCase('c-refused').set(auditor);
    expectProblem(refused, 403, 'role.not_allowed', '/cases');
  });

  it('403 for a case or person that is not in the grant, missing ones alike (nothing leaks)', async () => {
    const missingCase = await http().get('/cases/c-nowhere').set(staff);
    expectProblem(missingCase, 403, 'scope.out_of_scope', '/cases/c-nowhere');
    expect(missingCase.body.field).toBe('id');
    const person = await http().get('/cadres/p-nobody').set(staff);
    expectProblem(person, 403, 'scope.out_of_scope', '/cadres/p-nobody');
    expect(person.body.field).toBe('id');
  });

  it('404 for a missing org unit', async () => {
    const unit = await http().get('/org-units/ou-nowhere').set(staff);
    expectProblem(unit, 404, 'resource.not_found', '/org-units/ou-nowhere');
    expect(unit.body.detail).toBe('org unit ou-nowhere does not exist');
  });

  it('the input guards and scope rules answer as problems too, keeping rule and field', async () => {
    const inQuery = await http().get('/cases?access_token=abc').set(staff);
    expectProblem(inQuery, 401, 'token.in_query', '/cases');
    const unknownUnit = await http()
      .get('/cases')
      .set({ Authorization: `Bearer ${t.token('u-ghost', ['organization_staff'], 'ou-ghost')}` });
    expectProblem(unknownUnit, 403, 'scope.unknown_unit', '/cases');
    const control = await http().get('/cases?person=a%07').set(staff);
    expectProblem(control, 400, 'query.invalid_text', '/cases');
    expect(control.body.field).toBe('person');
    // Written raw: send() would serialise a Buffer as JSON.
    const pending = http().post('/org-units').set(staff).set('Content-Type', 'application/json');
    pending.write(
      Buffer.concat([
        Buffer.from('{"id":"ou-y","kind":"commune","name":"X'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('","parentId":"ou-town"}'),
      ]),
    );
    const notUtf8 = await pending;
    expectProblem(notUtf8, 400, 'body.invalid_utf8', '/org-units');
    expect(notUtf8.body.field).toBe('body');
    const proto = await http()
      .post('/org-units')
      .set(staff)
      .set('Content-Type', 'application/json')
      .send('{"id":"ou-y","kind":"commune","name":"Y","parentId":"ou-town","__proto__":{"x":1}}');
    expectProblem(proto, 400, 'body.forbidden_key', '/org-units');
    const impossibleDay = await http().get('/cases/c-problems?asOf=2026-02-30').set(staff);
    expectProblem(impossibleDay, 400, 'query.as_of', '/cases/c-problems');
    expect(impossibleDay.body.field).toBe('asOf');
  });

  it('409 when the case moved since it was read, with currentRevision', async () => {
    const path = '/cases/c-problems/steps/consult-receiving-unit';
    const stale = await http().post(path).set(staff).set('If-Match', '"7"').send(meeting);
    expectProblem(stale, 409, 'concurrency.stale_revision', path);
    expect(stale.body.currentRevision).toBe(0);
  });

  it('an Idempotency-Key whose first answer was lost, reused for another write, writes that one (was 409 idempotency.id_reused)', async () => {
    const status = { status: 'abroad', from: today, note: 'study' };
    await http()
      .post('/cadres/p-an/statuses')
      .set(staff)
      .set('Idempotency-Key', 'k-reused')
      .send(status)
      .expect(201);
    // As if the service had crashed after the append and before storing the answer.
    await t.db.pool.query("DELETE FROM idempotent_requests WHERE idem_key = 'k-reused'");
    const reused = await http()
      .post('/cadres/p-binh/statuses')
      .set(staff)
      .set('Idempotency-Key', 'k-reused')
      .send(status);
    // The ids come from the key and the request: another request is another write.
    expect({ status: reused.status, rule: reused.body.rule }).toEqual({ status: 201 });
  });

  it('413 when the body is over the limit', async () => {
    const huge = await http()
      .post('/org-units')
      .set(staff)
      .send({ name: 'x'.repeat(200_000), kind: 'town' });
    expectProblem(huge, 413, 'body.too_large', '/org-units');
    // The limit it was over, and the body's size (before: "request body is too large" alone).
    expect(huge.body).toMatchObject({ field: 'body', limitBytes: expect.any(Number) });
    expect(huge.body.detail).toMatch(
      new RegExp(
        `^body: the request body is \\d+ bytes; this route reads up to ${huge.body.limitBytes} bytes$`,
      ),
    );
  });

  it('422 when a domain rule refuses, with its numbers', async () => {
    await http()
      .post('/cases/c-problems/steps/consult-receiving-unit')
      .set(staff)
      .send(meeting)
      .expect(200);
    const path = '/cases/c-problems/steps/candidate-unit-ballot';
    const failed = await http()
      .post(path)
      .set(secretary)
      .set('Accept-Language', 'vi')
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        tally: {
          members: 13,
          summoned: 13,
          present: 8,
          for: 6,
          against: 2,
          abstain: 0,
          invalid: 0,
        },
      });
    expectProblem(failed, 422, 'ballot.no_quorum', path);
    expect(failed.body.title).toBe('Hội nghị không đủ số thành viên có mặt');
    expect(failed.body.detail).toBe(
      'no quorum: 8 of 13 summoned present, needs at least 9 (2/3 of 13)',
    );
  });
});

describe('errors as application/problem+json: the rate limit', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('429 over the limit, with Retry-After', async () => {
    t = await startTestApp('api_problems_rate', { RATE_LIMIT_PER_MINUTE: '1' });
    // The grant's unit must be registered: written directly, since a request to create it would
    // spend the address's one request a minute (every route counts against the same limit).
    await t.db.pool.query(
      "INSERT INTO org_units (id, name, kind, parent_id, path) VALUES ('ou-town', 'Thị xã', 'town', NULL, ARRAY['ou-town'])",
    );
    const auth = {
      Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
    };
    await request(t.server as never)
      .get('/cases')
      .set(auth)
      .expect(200);
    const refused = await request(t.server as never)
      .get('/cases')
      .set(auth);
    expect(refused.status).toBe(429);
    expect(refused.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(refused.body).toMatchObject({
      type: '/problems/rate_limit.exceeded',
      status: 429,
      statusCode: 429,
      rule: 'rate_limit.exceeded',
      instance: '/cases',
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});
