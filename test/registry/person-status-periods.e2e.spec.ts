import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** A status period is on the record once: a repeat writes nothing, an overlap of the same status is refused. */
describe('person record: status periods', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const as = (userId: string) => ({
    Authorization: `Bearer ${t.token(userId, ['organization_staff'], 'ou-town')}`,
  });
  const status = (userId: string, body: Record<string, unknown>, key: string) =>
    http()
      .post('/cadres/p-lan/statuses')
      .set(as(userId))
      .set('Idempotency-Key', key)
      .send({ status: 'on_leave', note: 'nghỉ phép', ...body });
  const record = async () => (await http().get('/cadres/p-lan').set(as('u-a')).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp('person_status_periods');
    await buildRegistry(t, as('u-a'), { positions: [], people: [{ id: 'p-lan' }] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the same period sent twice by two clerks is recorded once, and the repeat answers as a repeated pool entry does', async () => {
    const period = { from: '2026-11-01', until: '2026-11-10' };
    const first = await status('u-a', period, 'k-1').expect(201);
    // Before: 201 with a second, identical entry in `statuses`.
    const again = await status('u-b', period, 'k-2').expect(201);
    expect(again.body.revision).toBe(first.body.revision);
    expect(again.body.statuses).toEqual([
      { status: 'on_leave', from: '2026-11-01', until: '2026-11-10', note: 'nghỉ phép' },
    ]);
    expect((await record()).statuses).toHaveLength(1);
  });

  it('refuses another period of the same status sharing a day with one on record, naming it; other statuses may overlap', async () => {
    const { revision } = await record();
    // Before: 201, two on-leave periods covering 5-10 November.
    const overlapping = await status('u-b', { from: '2026-11-05', until: '2026-11-20' }, 'k-3');
    expect(overlapping.status).toBe(422);
    expect(overlapping.body).toMatchObject({ rule: 'status.overlaps', field: 'from' });
    expect(overlapping.body.message).toBe(
      'from: on_leave 2026-11-05 – 2026-11-20 overlaps the on_leave period on record (2026-11-01 – 2026-11-10); a status is recorded once for any day',
    );
    const openEnded = await status('u-b', { from: '2026-10-01', until: null }, 'k-4').expect(422);
    expect(openEnded.body.rule).toBe('status.overlaps');
    const sameDatesOtherNote = await status(
      'u-b',
      { from: '2026-11-01', until: '2026-11-10', note: 'nghỉ ốm' },
      'k-5',
    ).expect(422);
    expect(sameDatesOtherNote.body.rule).toBe('status.overlaps');
    expect((await record()).revision).toBe(revision);
    // The day after the period ends, and another status over the same days, are recorded.
    await status('u-b', { from: '2026-11-11', until: '2026-11-12' }, 'k-6').expect(201);
    await status(
      'u-b',
      { status: 'abroad', from: '2026-11-03', until: '2026-11-06', note: 'công tác' },
      'k-7',
    ).expect(201);
    expect((await record()).statuses.map((s: { status: string; from: string }) => s.from)).toEqual([
      '2026-11-01',
      '2026-11-11',
      '2026-11-03',
    ]);
  });
});
