import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A write that was stored but whose answer was lost (a 503 after the commit) is retried with the
 * same Idempotency-Key. The id the service gives a record the caller did not name comes from the
 * key, so the retry names the same record and answers as the first would have: one record, one id.
 * The lost answer is mimicked by deleting the key's kept answer, as a failed request gives it back.
 */
describe('a retry after the answer was lost, for records the service names', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let admin: Record<string, string>;
  let inspector: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('idempotency-lost-answer');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    inspector = { Authorization: `Bearer ${t.token('u-inspector', ['inspector'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 5 },
        { id: 'pos-head', rank: 6 },
        { id: 'pos-clerk', rank: 2 },
      ],
      people: [
        { id: 'p-pooled', pool: ['pos-deputy'] },
        { id: 'p-head-one', pool: ['pos-head'] },
        { id: 'p-head-two', pool: ['pos-head'] },
        {
          id: 'p-held',
          posts: [
            { positionId: 'pos-clerk', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The write, its answer lost, and its retry: both answers. */
  async function writtenTwice(
    path: string,
    headers: Record<string, string>,
    key: string,
    body: object,
  ) {
    const first = await http().post(path).set(headers).set('Idempotency-Key', key).send(body);
    expect(first.status).toBe(201);
    await t.db.pool.query('DELETE FROM idempotent_requests WHERE idem_key = $1', [key]);
    const retried = await http().post(path).set(headers).set('Idempotency-Key', key).send(body);
    return { first, retried };
  }

  const streamsWith = async (field: string, value: string) =>
    (
      await t.db.pool.query<{ n: number }>(
        'SELECT count(DISTINCT stream_id)::int AS n FROM events WHERE data->>$1 = $2',
        [field, value],
      )
    ).rows[0].n;

  it('POST /cadres: the retry answers 201 with the same person, registered once (was 409 idempotency.id_reused)', async () => {
    const { first, retried } = await writtenTwice('/cadres', staff, 'dup-14', {
      fullName: 'Trần Văn Mất Trả Lời',
      dateOfBirth: '1984-04-04',
      gender: 'male',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Đại học',
      politicalTheoryLevel: 'Trung cấp',
      orgUnitId: 'ou-town',
    });
    expect({ status: retried.status, rule: retried.body.rule }).toEqual({ status: 201 });
    expect(retried.body.id).toBe(first.body.id);
    expect(await streamsWith('fullName', 'Trần Văn Mất Trả Lời')).toBe(1);
  });

  it('POST /cases: the retry answers 201 with the same case, opened once', async () => {
    const { first, retried } = await writtenTwice('/cases', staff, 'dup-case', {
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-pooled',
      positionId: 'pos-deputy',
      orgUnitId: 'ou-town',
      summary: 'Bổ nhiệm, câu trả lời bị mất',
    });
    expect({ status: retried.status, rule: retried.body.rule }).toEqual({ status: 201 });
    expect(retried.body).toEqual(first.body);
    expect(await streamsWith('summary', 'Bổ nhiệm, câu trả lời bị mất')).toBe(1);
  });

  it('POST /discipline-cases: the retry answers 201 with the same case, opened once', async () => {
    const { first, retried } = await writtenTwice('/discipline-cases', inspector, 'dup-disc', {
      definition: 'discipline.party',
      personId: 'p-held',
      positionId: 'pos-clerk',
      orgUnitId: 'ou-town',
      summary: 'Kỷ luật, câu trả lời bị mất',
      violation: {
        category: 'land_management',
        committedOn: addDays(today, -200),
        description: 'Ký cấp đất sai quy hoạch',
        source: 'inspection',
        severity: 'warning',
      },
    });
    expect({ status: retried.status, rule: retried.body.rule }).toEqual({ status: 201 });
    expect(retried.body).toEqual(first.body);
    expect(await streamsWith('summary', 'Kỷ luật, câu trả lời bị mất')).toBe(1);
  });

  it('POST /org-units and POST /positions: the retry answers 201 with the same row, inserted once (was a second unit, a second post)', async () => {
    const unit = await writtenTwice('/org-units', admin, 'dup-unit', {
      name: 'Phòng Mất Trả Lời',
      kind: 'department',
      parentId: 'ou-town',
    });
    expect(unit.retried.status).toBe(201);
    expect(unit.retried.body).toEqual(unit.first.body);
    const units = await t.db.pool.query(
      "SELECT id FROM org_units WHERE name = 'Phòng Mất Trả Lời'",
    );
    expect(units.rows).toEqual([{ id: unit.first.body.id }]);

    const post = await writtenTwice('/positions', staff, 'dup-post', {
      title: 'Chánh văn phòng mất trả lời',
      orgUnitId: 'ou-town',
      appointingAuthority: 'ou-town',
      rank: 3,
    });
    expect(post.retried.status).toBe(201);
    expect(post.retried.body).toEqual(post.first.body);
    const posts = await t.db.pool.query(
      "SELECT id FROM positions WHERE title = 'Chánh văn phòng mất trả lời'",
    );
    expect(posts.rows).toEqual([{ id: post.first.body.id }]);
  });

  it('a unit under the same key with another body after the answer was lost is a new unit (was 409 org_unit.exists)', async () => {
    const key = 'dup-unit-2';
    const one = await http()
      .post('/org-units')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'Phòng Một', kind: 'department', parentId: 'ou-town' })
      .expect(201);
    await t.db.pool.query('DELETE FROM idempotent_requests WHERE idem_key = $1', [key]);
    const two = await http()
      .post('/org-units')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'Phòng Hai', kind: 'department', parentId: 'ou-town' })
      .expect(201);
    expect(two.body.id).not.toBe(one.body.id);
    expect(two.body.name).toBe('Phòng Hai');
  });

  /** The first write, its kept answer aged past IDEMPOTENCY_TTL_HOURS, then another body under the key. */
  async function reusedAfterExpiry(
    path: string,
    headers: Record<string, string>,
    key: string,
    bodies: [object, object],
  ) {
    const first = await http().post(path).set(headers).set('Idempotency-Key', key).send(bodies[0]);
    expect(first.status).toBe(201);
    await t.db.pool.query(
      "UPDATE idempotent_requests SET created_at = now() - interval '1000 hours' WHERE idem_key = $1",
      [key],
    );
    const second = await http().post(path).set(headers).set('Idempotency-Key', key).send(bodies[1]);
    return { first, second };
  }

  it('a key reused for another request once its answer expired writes the new one (was the old record, nothing written)', async () => {
    const person = (fullName: string) => ({
      fullName,
      dateOfBirth: '1980-01-01',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Đại học',
      politicalTheoryLevel: 'Trung cấp',
      orgUnitId: 'ou-town',
    });
    const cadres = await reusedAfterExpiry('/cadres', staff, 'daily-key-1', [
      person('Người Một Hết Hạn'),
      person('Người Hai Hết Hạn'),
    ]);
    expect(cadres.second.status).toBe(201);
    expect(cadres.second.body.id).not.toBe(cadres.first.body.id);
    expect(await streamsWith('fullName', 'Người Một Hết Hạn')).toBe(1);
    expect(await streamsWith('fullName', 'Người Hai Hết Hạn')).toBe(1);

    const caseFor = (personId: string, summary: string) => ({
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId,
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
      summary,
    });
    const cases = await reusedAfterExpiry('/cases', staff, 'daily-key-2', [
      caseFor('p-head-one', 'Bổ nhiệm người một, khoá hết hạn'),
      caseFor('p-head-two', 'Bổ nhiệm người hai, khoá hết hạn'),
    ]);
    expect(cases.second.status).toBe(201);
    expect(cases.second.body.id).not.toBe(cases.first.body.id);
    expect(await streamsWith('summary', 'Bổ nhiệm người một, khoá hết hạn')).toBe(1);
    expect(await streamsWith('summary', 'Bổ nhiệm người hai, khoá hết hạn')).toBe(1);

    const post = (title: string) => ({
      title,
      orgUnitId: 'ou-town',
      appointingAuthority: 'ou-town',
      rank: 3,
    });
    const posts = await reusedAfterExpiry('/positions', staff, 'daily-key-3', [
      post('Phó chánh văn phòng một'),
      post('Phó chánh văn phòng hai'),
    ]);
    expect({ status: posts.second.status, rule: posts.second.body.rule }).toEqual({ status: 201 });
    const kept = await t.db.pool.query<{ title: string }>(
      "SELECT title FROM positions WHERE title LIKE 'Phó chánh văn phòng %' ORDER BY title",
    );
    expect(kept.rows.map((row) => row.title)).toEqual([
      'Phó chánh văn phòng hai',
      'Phó chánh văn phòng một',
    ]);
  });
});
