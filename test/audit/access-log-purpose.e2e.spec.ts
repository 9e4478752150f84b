import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { rebuildProjection } from '../../src/projections/projection-rebuild';
import { peopleProjection } from '../../src/read-models/people.projection';
import { buildRegistry, eventually } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The purpose a reader gives for a sensitive read (`X-Purpose` or `?purpose=`) is kept in the
 * access log; one longer than 500 characters is refused with a 400 naming where it was sent,
 * before the record is read, and the refusal is logged with the purpose cut and marked as cut.
 */
describe('the purpose of a logged read', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const logged = async () =>
    (
      await t.db.pool.query<{ purpose: string | null; status: number }>(
        "SELECT purpose, status FROM access_log WHERE resource = 'person record p-read' ORDER BY id",
      )
    ).rows;

  beforeAll(async () => {
    t = await startTestApp('access-log-purpose');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, { positions: [], people: [{ id: 'p-read' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps a purpose of 500 characters whole, and refuses 5,000 in X-Purpose or 501 in ?purpose= with 400 access_log.purpose_too_long', async () => {
    const whole = 'Kiem tra ho so, ticket 42 '.padEnd(500, 'x');
    await http().get('/cadres/p-read').set(staff).set('X-Purpose', whole).expect(200);

    // Before: 200 with the record, and all 5,000 characters stored in the log.
    const tooLong = await http()
      .get('/cadres/p-read')
      .set(staff)
      .set('X-Purpose', 'y'.repeat(5000));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({
      rule: 'access_log.purpose_too_long',
      field: 'X-Purpose',
      detail: 'X-Purpose: at most 500 characters (5000 sent)',
    });
    expect(tooLong.body).not.toHaveProperty('fullName');

    const inQuery = await http()
      .get(`/cadres/p-read?purpose=${'z'.repeat(501)}`)
      .set(staff);
    expect({ status: inQuery.status, field: inQuery.body.field }).toEqual({
      status: 400,
      field: 'purpose',
    });

    expect(await logged()).toEqual([
      { purpose: whole, status: 200 },
      { purpose: `${'y'.repeat(500)}… [cut]`, status: 400 },
      { purpose: `${'z'.repeat(500)}… [cut]`, status: 400 },
    ]);
  });

  it('reads X-Purpose as UTF-8 and counts characters: Vietnamese kept as written, 450 letters accepted; bytes that are not UTF-8 refused', async () => {
    await t.db.pool.query('DELETE FROM access_log');
    // Node sends a header's string one byte a character: the UTF-8 bytes, as a browser sends them.
    const asSent = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    // Before: stored as 'Tháº©m Äá»\x8bnh há»\x93 sÆ¡'.
    await http()
      .get('/cadres/p-read')
      .set(staff)
      .set('X-Purpose', asSent('Thẩm định hồ sơ'))
      .expect(200);
    // 450 characters, 665 bytes in UTF-8. Before: 400, "at most 500 characters (665 sent)".
    const long = `${'Thẩm định hồ sơ bổ nhiệm '.repeat(20).slice(0, 449)}.`;
    expect(Buffer.byteLength(long)).toBeGreaterThan(500);
    await http().get('/cadres/p-read').set(staff).set('X-Purpose', asSent(long)).expect(200);
    // 501 Vietnamese characters are still too long, counted as characters.
    const over = await http()
      .get('/cadres/p-read')
      .set(staff)
      .set('X-Purpose', asSent('ệ'.repeat(501)));
    expect(over.body).toMatchObject({
      rule: 'access_log.purpose_too_long',
      detail: 'X-Purpose: at most 500 characters (501 sent)',
    });
    const notUtf8 = await http()
      .get('/cadres/p-read')
      .set(staff)
      .set('X-Purpose', Buffer.from([0x54, 0xe9, 0x74, 0xe9]).toString('latin1'));
    expect(notUtf8.status).toBe(400);
    expect(notUtf8.body).toMatchObject({
      rule: 'access_log.purpose_not_utf8',
      field: 'X-Purpose',
    });
    expect(notUtf8.body).not.toHaveProperty('fullName');
    expect(await logged()).toEqual([
      { purpose: 'Thẩm định hồ sơ', status: 200 },
      { purpose: long, status: 200 },
      { purpose: `${'ệ'.repeat(500)}… [cut]`, status: 400 },
      { purpose: 'T\ufffdt\ufffd', status: 400 },
    ]);
  });

  it("names in the log only a person the auditor's grant sees: a commune refused a read of the town's official learns no name from it", async () => {
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-xa', name: 'Xã Demo', kind: 'commune', parentId: 'ou-town' })
      .expect(201);
    const communeStaff = {
      Authorization: `Bearer ${t.token('u-xa', ['organization_staff'], 'ou-xa')}`,
    };
    // The workers do not run in this suite: the names come from the people read model, rebuilt
    // until it holds the person (a rebuild reads only what the store's order has made safe).
    const store = t.app.get<EventStore>(EVENT_STORE);
    const named = async () =>
      (await t.db.pool.query("SELECT 1 FROM people WHERE person_id = 'p-read'")).rowCount === 1;
    await eventually(
      async () => {
        await rebuildProjection({ pool: t.db.pool, store, projection: peopleProjection });
        return named();
      },
      (done) => done,
    );
    await http().get('/cadres/p-read').set(communeStaff).expect(403);
    await http().get('/cadres/p-no-such-person').set(communeStaff).expect(403);
    const entries = async (unit: string) =>
      (
        await http()
          .get('/audit/access-log?actor=u-xa')
          .set({ Authorization: `Bearer ${t.token(`u-audit-${unit}`, ['auditor'], unit)}` })
          .expect(200)
      ).body.items as { resource: string; subjectName: string | null; status: number }[];
    // Before: the commune's auditor read "Người p-read" beside the refused read, null beside the
    // made-up id — a way to test any id and learn its name.
    expect((await entries('ou-xa')).map((e) => [e.resource, e.subjectName, e.status])).toEqual([
      ['person record p-no-such-person', null, 403],
      ['person record p-read', null, 403],
    ]);
    expect((await entries('ou-town')).map((e) => e.subjectName)).toEqual([null, 'Người p-read']);
  });
});
