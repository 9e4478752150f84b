import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A person's record answers the ETag its writes take back in If-Match, `"<revision>.<digest>"` as a
 * case does. Before, GET /cadres/:id carried Express's weak body hash (`W/"2d5-…"`), and sending
 * it back as If-Match was refused 400 header.if_match.
 */
describe('person record ETag and If-Match', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const origin = { province: 'Tỉnh Nghệ An', locality: 'Xã Nam Đàn' };

  beforeAll(async () => {
    t = await startTestApp('person_record_etag');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [{ id: 'p-nga' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('takes back the ETag the record was read with; a write answers the next one; a stale one is 409', async () => {
    const read = await http().get('/cadres/p-nga').set(staff).expect(200);
    const etag = read.headers.etag as string;
    expect(etag).toMatch(new RegExp(`^"${read.body.revision}\\.[\\w-]+"$`));
    const written = await http()
      .post('/cadres/p-nga/place-of-origin')
      .set(staff)
      .set('If-Match', etag)
      .send(origin)
      .expect(201);
    expect(written.body.revision).toBe(read.body.revision + 1);
    const next = written.headers.etag as string;
    expect(next).toMatch(new RegExp(`^"${written.body.revision}\\.[\\w-]+"$`));
    // The write's ETag is the next write's If-Match (the record's other writes take it too).
    await http()
      .post('/cadres/p-nga/statuses')
      .set(staff)
      .set('If-Match', next)
      .send({ status: 'under_investigation', from: '2026-01-05', until: null, note: 'x' })
      .expect(201);
    const stale = await http()
      .post('/cadres/p-nga/place-of-origin')
      .set(staff)
      .set('If-Match', etag)
      .send(origin)
      .expect(409);
    expect(stale.body).toMatchObject({ currentRevision: read.body.revision + 2 });
  });

  it("a status write answers the record's ETag, the next write takes it back, and a stale one is 409", async () => {
    const read = await http().get('/cadres/p-nga').set(staff).expect(200);
    const period = { status: 'abroad', from: '2026-02-02', note: 'Công tác nước ngoài' };
    const recorded = await http()
      .post('/cadres/p-nga/statuses')
      .set(staff)
      .set('If-Match', read.headers.etag as string)
      .send({ ...period, until: null })
      .expect(201);
    // Before: no ETag on a status write, as the profile writes answer one.
    const recordedTag = recorded.headers.etag as string;
    expect(recordedTag).toMatch(new RegExp(`^"${recorded.body.revision}\\.[\\w-]+"$`));
    const ended = await http()
      .post('/cadres/p-nga/statuses/end')
      .set(staff)
      .set('If-Match', recordedTag)
      .send({ status: period.status, from: period.from, until: '2026-03-01', note: 'Về nước' })
      .expect(201);
    expect(ended.headers.etag).toMatch(new RegExp(`^"${ended.body.revision}\\.[\\w-]+"$`));
    // The record moved on since: the status write's own tag is stale, for either status route.
    for (const [route, body] of [
      ['/cadres/p-nga/statuses', { ...period, from: '2026-04-01', until: null }],
      ['/cadres/p-nga/statuses/end', { ...period, until: '2026-03-02' }],
    ] as const) {
      const stale = await http()
        .post(route)
        .set(staff)
        .set('If-Match', recordedTag)
        .send(body)
        .expect(409);
      expect(stale.body).toMatchObject({ currentRevision: ended.body.revision });
    }
  });

  it('answers 304 to a reader revalidating the record it holds', async () => {
    const read = await http().get('/cadres/p-nga').set(staff).expect(200);
    await http()
      .get('/cadres/p-nga')
      .set(staff)
      .set('If-None-Match', read.headers.etag as string)
      .expect(304);
  });
});
