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
        { id: 'pos-clerk', rank: 2 },
      ],
      people: [
        { id: 'p-pooled', pool: ['pos-deputy'] },
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

  it('still refuses a unit under the same key with another body after the answer was lost (409 org_unit.exists)', async () => {
    const key = 'dup-unit-2';
    await http()
      .post('/org-units')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'Phòng Một', kind: 'department', parentId: 'ou-town' })
      .expect(201);
    await t.db.pool.query('DELETE FROM idempotent_requests WHERE idem_key = $1', [key]);
    const other = await http()
      .post('/org-units')
      .set(admin)
      .set('Idempotency-Key', key)
      .send({ name: 'Phòng Hai', kind: 'department', parentId: 'ou-town' });
    expect({ status: other.status, rule: other.body.rule }).toEqual({
      status: 409,
      rule: 'org_unit.exists',
    });
  });
});
