import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A status recorded without an end can be ended: staff record the day it ended, the record shows
 * the period closed, and the rules reading statuses (here a resignation) see it over from the next
 * day. Before, no route closed a period: the same period sent again with an end was refused as an
 * overlap, and a cadre under investigation once could never resign.
 */
describe('person record: the day a status period ended', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const today = vietnamToday();
  const since = addDays(today, -60);
  const yesterday = addDays(today, -1);
  const http = () => request(t.server as never);
  const end = (body: Record<string, unknown>, who = staff) =>
    http()
      .post('/cadres/p-khanh/statuses/end')
      .set(who)
      .send({ status: 'under_investigation', from: since, note: 'Kết luận điều tra', ...body });
  const resign = (id: string) =>
    http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'removal',
        definition: 'removal.resignation',
        personId: 'p-khanh',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Xem xét từ chức',
        grounds: { letterReceivedOn: today, reason: 'Lý do sức khỏe' },
      });
  // Her record, where an ended period is written: not the whole store, where sagas keep writing.
  const eventCount = () => streamEventCount(t.db.pool, ['cadre-p-khanh']);

  beforeAll(async () => {
    t = await startTestApp('person_status_end');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        {
          id: 'p-khanh',
          posts: [{ positionId: 'pos-head', from: addDays(today, -900), termEnd: null }],
        },
        { id: 'p-lan' },
      ],
    });
    await http()
      .post('/cadres/p-khanh/statuses')
      .set(staff)
      .send({ status: 'under_investigation', from: since, note: 'Quyết định khởi tố' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an open investigation holds the resignation back; sending the period again with an end points to the route that ends it', async () => {
    expect((await resign('r-held').expect(422)).body).toMatchObject({
      rule: 'removal.resignation_not_allowed',
      field: 'personId',
    });
    const again = await http()
      .post('/cadres/p-khanh/statuses')
      .set(staff)
      .send({ status: 'under_investigation', from: since, until: yesterday, note: 'a' })
      .expect(422);
    expect(again.body.rule).toBe('status.overlaps');
    expect(again.body.message).toContain('POST /cadres/p-khanh/statuses/end');
  });

  it('refuses an end before the start, after today, of a period not on record, or by the cadre themself, and writes nothing', async () => {
    const before = await eventCount();
    const reversed = await end({ until: addDays(since, -1) }).expect(400);
    expect(reversed.body).toMatchObject({ rule: 'status.period_reversed', field: 'until' });
    const future = await end({ until: addDays(today, 1) }).expect(400);
    expect(future.body).toMatchObject({ rule: 'status.end_in_future', field: 'until' });
    const unknown = await end({ from: addDays(since, 1), until: yesterday }).expect(422);
    expect(unknown.body).toMatchObject({ rule: 'status.not_on_record', field: 'from' });
    const self = {
      Authorization: `Bearer ${t.token('u-khanh', ['organization_staff'], 'ou-town', 'p-khanh')}`,
    };
    expect((await end({ until: yesterday }, self).expect(403)).body.rule).toBe(
      'separation.subject',
    );
    expect(await eventCount()).toBe(before);
  });

  it('ends the period on the day given: the record shows it closed and the resignation goes ahead the next day', async () => {
    // Before: 404, no route closed a period.
    const ended = await end({ until: yesterday }).expect(201);
    expect(ended.body.statuses).toEqual([
      { status: 'under_investigation', from: since, until: yesterday, note: 'Quyết định khởi tố' },
    ]);
    const { rows } = await t.db.pool.query(
      "SELECT data FROM events WHERE stream_id = 'cadre-p-khanh' AND type = 'PersonStatusPeriodEnded.v1'",
    );
    expect(rows.map((r) => r.data)).toEqual([
      {
        personId: 'p-khanh',
        status: 'under_investigation',
        from: since,
        until: yesterday,
        note: 'Kết luận điều tra',
      },
    ]);
    // The same end again writes nothing; another end of the ended period is refused.
    const repeat = await end({ until: yesterday }).expect(201);
    expect(repeat.body.revision).toBe(ended.body.revision);
    const other = await end({ until: addDays(since, 5) }).expect(409);
    expect(other.body).toMatchObject({ rule: 'status.already_ended', field: 'until' });
    await resign('r-free').expect(201);
  });

  it('brings a planned end still to come forward to the day the period really ended; that end, once past, is final', async () => {
    const planned = addDays(today, 180);
    const lan = (path: string, body: Record<string, unknown>) =>
      http()
        .post(`/cadres/p-lan/statuses${path}`)
        .set(staff)
        .send({ status: 'abroad', from: since, ...body });
    await lan('', { until: planned, note: 'Đi học tập ở nước ngoài' }).expect(201);
    const beforeStart = await lan('/end', { until: addDays(since, -1), note: 'x' }).expect(400);
    expect(beforeStart.body).toMatchObject({ rule: 'status.period_reversed', field: 'until' });
    // Before: 409 status.already_ended, the planned end could never be brought forward.
    const back = await lan('/end', { until: yesterday, note: 'Về nước sớm' }).expect(201);
    expect(back.body.statuses).toEqual([
      { status: 'abroad', from: since, until: yesterday, note: 'Đi học tập ở nước ngoài' },
    ]);
    const again = await lan('/end', { until: addDays(since, 3), note: 'x' }).expect(409);
    expect(again.body).toMatchObject({ rule: 'status.already_ended', field: 'until' });
  });
});
