import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { rewriteEvent } from '../support/rewrite-event';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person's record follows its stream as stored, without a restart, when an event under the
 * record's last one is rewritten (same id, other content, chain recomputed) and when the row is
 * restored. Before, the record's kept fold checked only that the last event's id still stood at
 * its revision: the record kept answering what it had folded until the service restarted.
 */
describe('a rewritten event of a person record', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const stream = 'cadre-p-lan';

  beforeAll(async () => {
    t = await startTestApp('person_record_rewritten');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-lan' }],
    });
    // A later event, so the rewritten one (the registration) lies under the record's last.
    await http()
      .post('/cadres/p-lan/place-of-origin')
      .set(staff)
      .send({ province: 'Tỉnh Nghệ An', locality: 'Xã Nam Đàn' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers the rewritten name at the next read, and the original again once the row is restored', async () => {
    const read = async () => (await http().get('/cadres/p-lan').set(staff).expect(200)).body;
    const before = await read();
    expect(before.fullName).toBe('Người p-lan');
    expect(before.revision).toBeGreaterThan(0);

    await rewriteEvent(t.db.pool, stream, 0, (data) => ({ ...data, fullName: 'Người khác' }));
    expect((await read()).fullName).toBe('Người khác');
    // Read again: the fold now kept is the rewritten stream's.
    expect((await read()).fullName).toBe('Người khác');

    await rewriteEvent(t.db.pool, stream, 0, (data) => ({ ...data, fullName: 'Người p-lan' }));
    const restored = await read();
    expect(restored.fullName).toBe('Người p-lan');
    expect(restored.revision).toBe(before.revision);
  });
});
