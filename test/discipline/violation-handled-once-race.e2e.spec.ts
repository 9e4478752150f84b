import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One violation is disciplined once per track (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định
 * 69-QĐ/TW): before, openings of one violation sent at the same instant all passed the check (the
 * person's record names a case a moment after it opens) and were all opened; only the decision
 * refused the second. Now each opening claims the violation in the store with its first events.
 */
describe('one violation, one case per track, under concurrent openings', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const person = 'p-le-van-race';
  const OPENERS = 6;

  beforeAll(async () => {
    t = await startTestApp('violation_claim_race', { RUN_WORKERS: 'true' });
    staff = {
      Authorization: `Bearer ${t.token('u-inspector', ['inspector', 'organization_staff'], 'ou-town')}`,
    };
    await buildRegistry(t, staff, {
      within: { id: 'ou-ha-noi', name: 'Thành phố Hà Nội', kind: 'province' },
      positions: [],
      people: [{ id: person }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const openCase = (id: string, category: string, key?: string) =>
    http()
      .post('/discipline-cases')
      .set({ ...staff, ...(key ? { 'Idempotency-Key': key } : {}) })
      .send({
        id,
        definition: 'discipline.civil-service',
        personId: person,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quản lý đất đai',
        violation: {
          description: 'Giao đất trái thẩm quyền',
          source: 'inspection',
          category,
          committedOn: '2026-03-03',
        },
      });

  it('opens exactly one of N openings sent at once; the others are refused 409 naming it', async () => {
    // `land` is the old code of `land_management`: the same violation.
    const answers = await Promise.all(
      Array.from({ length: OPENERS }, (_, i) =>
        openCase(`d-race-${i}`, i % 2 ? 'land' : 'land_management', `race-${i}`),
      ),
    );
    const opened = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(opened).toHaveLength(1);
    const winner = opened[0].body.id as string;
    for (const answer of refused) {
      expect(answer.status).toBe(409);
      expect(answer.body.rule).toBe('discipline.violation_already_handled');
      expect(answer.body.detail).toContain(`by case ${winner} (open)`);
      expect(answer.body.otherCaseId).toBe(winner);
    }
    // The losers left no case behind.
    const { rows } = await t.db.pool.query<{ stream_id: string }>(
      `SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'discipline-d-race-%'`,
    );
    expect(rows.map((r) => r.stream_id)).toEqual([`discipline-${winner}`]);

    // A retried opening of the winner with its key is answered as it was, not refused as a duplicate.
    const index = Number(winner.split('-').at(-1));
    const again = await openCase(winner, index % 2 ? 'land' : 'land_management', `race-${index}`);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(winner);

    // Withdrawn (closed without discipline), the violation may be handled by a new case.
    await http()
      .post(`/discipline-cases/${winner}/close`)
      .set(staff)
      .send({ reason: 'Đơn tố cáo được rút' })
      .expect(200);
    await openCase('d-race-after', 'land_management').expect(201);
    await openCase('d-race-late', 'land').expect(409);
  });
});
