import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from '../imports/spreadsheets';

/**
 * A post's later term recorded and already ended (here by a removal from post imported from the
 * discipline book), then an earlier term of it recorded (a clerk entering the person's history):
 * both terms are past, and the person holds the post today no more than when the two terms are
 * recorded in the order of their starts. Before, the earlier term, recorded last, was taken for
 * the post held, with no end: the page listed it among the posts held and the report counted a
 * leader.
 */
describe('person record: an earlier term of a post recorded after a later one already ended', () => {
  let t: TestApp;
  const today = vietnamToday();
  // The removal decided a month ago (a day some rule set is in force on), in the later term.
  const removedOn = addDays(today, -30);
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const record = (personId: string, positionId: string, from: string, termEnd: string | null) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff())
      .send({ positionId, from, termEnd, decisionRef: `QĐ-${positionId}-${from}` });
  const leadersToday = async () =>
    (await http().get('/reports/personnel?orgUnit=ou-town').set(staff()).expect(200)).body
      .nonLocalLeaders.leaders as number;
  const removal = (personId: string) => ({
    'Mã cán bộ': personId,
    Khối: 'Công chức',
    'Hình thức': 'Cách chức',
    'Ngày quyết định': removedOn,
    'Số quyết định': `QĐ-KL-${personId}`,
    'Loại vi phạm': 'land_management',
  });

  /** Every event before this call has reached the projection: a marker post recorded after them shows. */
  async function untilPostsProjected() {
    await record('p-marker', 'pos-marker', '2020-01-01', null).expect(201);
    const started = Date.now();
    for (;;) {
      const { rowCount } = await t.db.pool.query(
        `SELECT 1 FROM person_posts WHERE position_id = 'pos-marker'`,
      );
      if (rowCount === 1) return;
      if (Date.now() - started > 60_000) throw new Error('marker post not projected in a minute');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp('earlier_term_after_ended', { RUN_WORKERS: 'true' });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
    for (const [id, isLeadership] of [
      ['pos-head', true],
      ['pos-deputy', true],
      ['pos-marker', false],
    ] as const)
      await http()
        .post('/positions')
        .set(staff())
        .send({
          id,
          title: id,
          orgUnitId: 'ou-town',
          appointingAuthority: 'ou-town',
          rank: 5,
          isLeadership,
          ...(isLeadership ? { seats: 1 } : {}),
        })
        .expect(201);
    for (const id of ['p-out-of-order', 'p-in-order', 'p-successor', 'p-marker'])
      await http()
        .post('/cadres')
        .set(staff())
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1970-05-05',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Đại học',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-town',
        })
        .expect(201);

    // The same two terms and removal, recorded in two orders.
    await record('p-out-of-order', 'pos-head', '2024-01-01', '2029-01-01').expect(201);
    await record('p-in-order', 'pos-deputy', '2019-01-01', '2024-01-01').expect(201);
    await record('p-in-order', 'pos-deputy', '2024-01-01', '2029-01-01').expect(201);
    const file = await workbook({
      discipline: [removal('p-out-of-order'), removal('p-in-order')],
    });
    const imported = await http()
      .post('/imports')
      .set(staff())
      .attach('file', file, 'so-ky-luat.xlsx')
      .expect(200);
    expect(imported.body).toMatchObject({ counts: { discipline: { written: 2 } } });
    await record('p-out-of-order', 'pos-head', '2019-01-01', '2024-01-01').expect(201);
    await untilPostsProjected();
  });
  afterAll(async () => {
    await t?.close();
  });

  /** The terms on a person's page, as held, to come and past, without which post they are. */
  const terms = async (personId: string) => {
    const { body } = await http().get(`/cadres/${personId}`).set(staff()).expect(200);
    const term = (post: { from: string; endedOn?: string }) => [post.from, post.endedOn ?? null];
    return {
      posts: body.posts.map(term),
      upcomingPosts: body.upcomingPosts.map(term),
      pastPosts: body.pastPosts.map(term).sort(),
    };
  };

  it('the person page lists both terms as past, as when recorded in order', async () => {
    const outOfOrder = await terms('p-out-of-order');
    // Before: posts held [['2019-01-01', null]].
    expect(outOfOrder).toEqual({
      posts: [],
      upcomingPosts: [],
      pastPosts: [
        ['2019-01-01', '2024-01-01'],
        ['2024-01-01', removedOn],
      ],
    });
    expect(outOfOrder).toEqual(await terms('p-in-order'));
  });

  it('the report counts no leader today', async () => {
    // Before: 1, the post held "since 2019" with no end.
    expect(await leadersToday()).toBe(0);
  });

  it('the post’s one seat is free: another person is recorded in it from today', async () => {
    // The seat check reads the earlier term's own end: free before the fix too, and still.
    await record('p-successor', 'pos-head', today, null).expect(201);
    await record('p-successor', 'pos-deputy', today, null).expect(201);
  });
});
