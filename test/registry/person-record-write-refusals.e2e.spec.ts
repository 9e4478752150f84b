import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Writes to a person's record that an outside tester saw taken or answered as a case's: a man's
 * pregnancy or maternity leave (which then deferred his discipline), a status with a blank note,
 * and a stale If-Match answered "reload the case".
 */
describe('person record: a status only a woman has, a blank note, a stale If-Match', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  // The streams a write to these records could reach: the records and the planning pools' seats.
  const written = (personId: string) =>
    streamEventCount(t.db.pool, [`cadre-${personId}`, 'planningseat-%']);
  const status = (personId: string, body: Record<string, unknown>) =>
    http()
      .post(`/cadres/${personId}/statuses`)
      .set(staff)
      .send({ from: '2026-03-01', note: 'x', ...body });

  beforeAll(async () => {
    t = await startTestApp('person_write_refusals');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
      ],
      people: [
        { id: 'p-t3', gender: 'male', pool: ['pos-head'] },
        { id: 'p-lan', gender: 'female' },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("refuses a man's pregnancy or maternity leave on the status, by the sex on his record, and writes nothing", async () => {
    const before = await written('p-t3');
    for (const kind of ['pregnant', 'maternity_leave']) {
      // Before: 201, and his discipline decision was then deferred as a woman's (discipline.deferred).
      const refused = await status('p-t3', { status: kind }).expect(400);
      expect(refused.body).toMatchObject({ rule: 'status.women_only', field: 'status' });
      expect(refused.body.message).toContain(`the record shows a man; ${kind} is a woman's period`);
      expect(refused.body.message).toContain('Nghị định 172/2025');
    }
    expect(await written('p-t3')).toBe(before);
    expect((await http().get('/cadres/p-t3').set(staff).expect(200)).body.statuses).toEqual([]);
    // A woman's are taken, and a man's child period (his ground stated) still is.
    await status('p-lan', { status: 'pregnant' }).expect(201);
    await status('p-lan', { status: 'maternity_leave', from: '2026-06-01' }).expect(201);
    await status('p-t3', {
      status: 'child_under_12_months',
      fatherCareGround: 'wife_died',
    }).expect(201);
  });

  it('refuses a status with a blank note, naming note, and writes nothing', async () => {
    const before = await written('p-lan');
    for (const note of ['', '   ']) {
      // Before: 201 with an empty note, though the note is the period's grounds.
      const refused = await status('p-lan', { status: 'abroad', note }).expect(400);
      expect(refused.body).toMatchObject({ rule: 'body.invalid', field: 'note' });
    }
    expect(await written('p-lan')).toBe(before);
  });

  it("answers a stale If-Match on the record's ratings and planning pool with the person's record, not a case, and the current revision", async () => {
    const read = await http().get('/cadres/p-t3').set(staff).expect(200);
    const stale = `"${read.body.revision}"`;
    await status('p-t3', { status: 'abroad', from: '2026-04-01', note: 'Công tác' }).expect(201);
    const current = read.body.revision + 1;
    const before = await written('p-t3');
    const writes = [
      http()
        .post('/cadres/p-t3/ratings')
        .set(staff)
        .set('If-Match', stale)
        .send({ year: 2025, rating: 'good', evaluatedOn: '2025-12-20', decisionRef: 'R-25' }),
      http()
        .post('/cadres/p-t3/planning-pool')
        .set(staff)
        .set('If-Match', stale)
        .send({ positionId: 'pos-deputy', term: '2025-2030', decisionRef: '113-QĐ/TU' }),
      http()
        .delete('/cadres/p-t3/planning-pool/pos-head?decisionRef=2-QĐ%2FTU&reason=r%C3%BAt')
        .set(staff)
        .set('If-Match', stale),
    ];
    for (const write of writes) {
      const refused = await write.expect(409);
      expect(refused.body).toMatchObject({
        rule: 'concurrency.stale_revision',
        currentRevision: current,
        title: 'The record moved since you read it',
      });
      // Before: "…: reload the case and retry with If-Match: <n>".
      expect(refused.body.message).toBe(
        `stream cadre-p-t3: expected revision ${read.body.revision}, but it is at revision ${current}: reload the person's record and retry with If-Match: ${current}`,
      );
    }
    expect(await written('p-t3')).toBe(before);
  });
});
