import request from 'supertest';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { movableClock } from '../support/movable-clock';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from '../imports/spreadsheets';

/**
 * An earlier term of a post recorded after a later one (a clerk entering a person's history, an
 * import of past posts): the record keeps the later term as the one held and the earlier one as
 * past; the registry's projection of posts, which the report's leaders and the people search
 * read, must say the same. Before, it took the earlier term's start as the day the post was held
 * since, across the years between the terms: a person whose next term starts later was counted a
 * leader today.
 */
describe('person record: an earlier term of a post recorded after a later one', () => {
  let t: TestApp;
  const clock = movableClock();
  const today = vietnamToday();
  const laterFrom = addDays(today, 60);
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const record = (personId: string, body: Record<string, unknown>) =>
    http().post(`/cadres/${personId}/posts`).set(staff()).send(body).expect(201);
  const leadersToday = async () =>
    (await http().get('/reports/personnel?orgUnit=ou-town').set(staff()).expect(200)).body
      .nonLocalLeaders.leaders as number;

  /** Every event before this call has reached the projection: a marker post recorded after them shows. */
  async function untilPostsProjected(marker: string) {
    await record('p-marker', {
      positionId: marker,
      from: '2020-01-01',
      termEnd: null,
      decisionRef: marker,
    });
    const started = Date.now();
    for (;;) {
      const { rowCount } = await t.db.pool.query(
        'SELECT 1 FROM person_posts WHERE position_id = $1',
        [marker],
      );
      if (rowCount === 1) return;
      if (Date.now() - started > 60_000)
        throw new Error(`post ${marker} not projected in a minute`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  beforeAll(async () => {
    t = await startTestApp('earlier_post_term_later', { RUN_WORKERS: 'true' }, { clock });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
    for (const [id, isLeadership] of [
      ['pos-chair', true],
      ['pos-vice', true],
      ['pos-marker-1', false],
      ['pos-marker-2', false],
      ['pos-marker-3', false],
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
        })
        .expect(201);
    for (const id of ['p-returning', 'p-imported', 'p-marker'])
      await http()
        .post('/cadres')
        .set(staff())
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1975-05-05',
          gender: 'female',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Đại học',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: 'ou-town',
        })
        .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a person whose next term starts later is no leader today, though an earlier term was recorded after it', async () => {
    await record('p-returning', {
      positionId: 'pos-chair',
      from: laterFrom,
      termEnd: null,
      decisionRef: 'QĐ-later',
    });
    await record('p-returning', {
      positionId: 'pos-chair',
      from: '2015-01-01',
      termEnd: '2020-01-01',
      decisionRef: 'QĐ-earlier',
    });
    await untilPostsProjected('pos-marker-1');

    const { body } = await http().get('/cadres/p-returning').set(staff()).expect(200);
    expect(body.posts).toEqual([]);
    expect(body.upcomingPosts).toEqual([
      expect.objectContaining({ positionId: 'pos-chair', from: laterFrom, termEnd: null }),
    ]);
    expect(body.pastPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-chair',
        from: '2015-01-01',
        endedOn: '2020-01-01',
      }),
    ]);
    // Before: 1, held "since 2015" by the projection.
    expect(await leadersToday()).toBe(0);
  });

  it('from the later term’s start the person is a leader, and an earlier term adjoining it changes nothing', async () => {
    await record('p-returning', {
      positionId: 'pos-chair',
      from: '2020-01-01',
      termEnd: laterFrom,
      decisionRef: 'QĐ-between',
    });
    await untilPostsProjected('pos-marker-2');
    // The term from 2020 runs up to the later one: held today, on to the later term.
    expect(await leadersToday()).toBe(1);
    clock.setDay(addDays(laterFrom, 1));
    expect(await leadersToday()).toBe(1);
    clock.reset();
  });

  it('an earlier term imported after a later one recorded by hand counts no leader today either', async () => {
    await record('p-imported', {
      positionId: 'pos-vice',
      from: laterFrom,
      termEnd: null,
      decisionRef: 'QĐ-vice-later',
    });
    const file = await workbook({
      posts: [
        {
          'Mã cán bộ': 'p-imported',
          'Mã chức vụ': 'pos-vice',
          'Từ ngày': '2015-01-01',
          'Hết nhiệm kỳ': '2020-01-01',
          'Số quyết định': 'QĐ-vice-earlier',
        },
      ],
    });
    const imported = await http()
      .post('/imports')
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx')
      .expect(200);
    expect(imported.body).toMatchObject({ counts: { posts: { written: 1 } } });
    await untilPostsProjected('pos-marker-3');
    const { body } = await http().get('/cadres/p-imported').set(staff()).expect(200);
    expect(body.posts).toEqual([]);
    // p-returning, from the test before; before: 2, p-imported held "since 2015".
    expect(await leadersToday()).toBe(1);
  });
});
