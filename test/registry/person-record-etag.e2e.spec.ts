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

  it('answers 304 to a reader revalidating the record it holds', async () => {
    const read = await http().get('/cadres/p-nga').set(staff).expect(200);
    await http()
      .get('/cadres/p-nga')
      .set(staff)
      .set('If-None-Match', read.headers.etag as string)
      .expect(304);
  });
});
