import request from 'supertest';
import { buildRegistry, eventually } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { csv } from './spreadsheets';

/**
 * A post row whose term end differs from the record's is not the record's term (an outside
 * tester's finding: before, the row was counted `unchanged` whenever its post, start and decision
 * matched, and a term end the API refuses was answered valid and silently not applied). It is
 * judged and written as `POST /cadres/:id/posts` judges and writes the same change: refused with
 * `post.held_by_another` when another holds the seat from the record's term end, written when the
 * seat is free. And a file's scope refusal counts rows, not the cells naming what lies outside.
 */
describe('an imported post row with another term end than the record', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const upload = (file: Buffer, name: string, dryRun = false) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, name);
  const postRow = (positionId: string, termEnd: string) => ({
    'Mã cán bộ': 'p-nfd',
    'Mã chức vụ': positionId,
    'Từ ngày': '01/01/2022',
    'Hết nhiệm kỳ': termEnd,
    'Số quyết định': `${positionId}-1b`,
  });
  const record = (personId: string, positionId: string, from: string, termEnd: string | null) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(staff())
      .send({ positionId, from, termEnd, decisionRef: `${positionId}-1b` });
  const termOnRecord = async (positionId: string) => {
    const { body } = await http().get('/cadres/p-nfd').set(staff()).expect(200);
    return (body.posts as { positionId: string; termEnd: string | null }[]).find(
      (post) => post.positionId === positionId,
    )?.termEnd;
  };

  beforeAll(async () => {
    t = await startTestApp('import_post_term_change', { RUN_WORKERS: 'true' });
    await buildRegistry(t, staff(), {
      within: { id: 'ou-prov', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-n2', rank: 5, seats: 1 },
        { id: 'pos-n3', rank: 5, seats: 1 },
      ],
      people: [{ id: 'p-nfd' }, { id: 'p-w2' }],
    });
    await record('p-nfd', 'pos-n2', '2022-01-01', '2027-01-10').expect(201);
    await record('p-w2', 'pos-n2', '2027-01-10', null).expect(201);
    await record('p-nfd', 'pos-n3', '2022-01-01', '2027-01-10').expect(201);
    // Who holds a post is read from the registry's projection of posts too.
    await eventually(
      () => t.db.pool.query('SELECT 1 FROM person_posts'),
      ({ rowCount }) => rowCount === 3,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a later term end another holder’s seat does not leave room for, as the API does, writing nothing', async () => {
    const api = await record('p-nfd', 'pos-n2', '2022-01-01', '2028-01-10').expect(409);
    expect(api.body.rule).toBe('post.held_by_another');
    const file = csv('posts', [postRow('pos-n2', '10/01/2028')]);
    // Before: 200 with valid: true and posts {written: 0, unchanged: 1}, the term left as it was.
    const dry = await upload(file, 'n2.csv', true).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Chức vụ',
        line: 2,
        column: 'Mã chức vụ',
        rule: 'post.held_by_another',
      }),
    ]);
    expect(dry.body.counts.posts).toMatchObject({ rows: 1, unchanged: 0 });
    const refused = await upload(file, 'n2.csv').expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(await termOnRecord('pos-n2')).toBe('2027-01-10');
  });

  it('counts the row with the record’s own term end unchanged', async () => {
    const dry = await upload(csv('posts', [postRow('pos-n2', '10/01/2027')]), 'n2-same.csv', true);
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({
      valid: true,
      counts: { posts: { rows: 1, written: 0, unchanged: 1 } },
    });
  });

  it('writes a new term end of a post whose seat is free, as POST /cadres/:id/posts would', async () => {
    const file = csv('posts', [postRow('pos-n3', '10/01/2028')]);
    // Before: counted unchanged, and the record kept 2027-01-10.
    const dry = await upload(file, 'n3.csv', true).expect(200);
    expect(dry.body).toMatchObject({
      valid: true,
      counts: { posts: { rows: 1, written: 1, unchanged: 0 } },
    });
    await upload(file, 'n3.csv').expect(200);
    expect(await termOnRecord('pos-n3')).toBe('2028-01-10');
    // The same file again: the record now holds that term.
    const again = await upload(file, 'n3.csv', true).expect(200);
    expect(again.body.counts.posts).toMatchObject({ written: 0, unchanged: 1 });
  });

  it('counts a row naming two things outside the grant as one row refused', async () => {
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-prov')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-other', name: 'Huyện Khác', kind: 'district', parentId: 'ou-prov' })
      .expect(201);
    await http()
      .post('/positions')
      .set({ Authorization: `Bearer ${t.token('u-other', ['organization_staff'], 'ou-other')}` })
      .send({
        id: 'pos-other',
        title: 'Trưởng phòng huyện khác',
        orgUnitId: 'ou-other',
        appointingAuthority: 'ou-other',
        rank: 5,
      })
      .expect(201);
    // A person registered nowhere (and not in the file) and a post of another unit: two cells.
    const row = { ...postRow('pos-other', ''), 'Mã cán bộ': 'p-nowhere' };
    const refused = await upload(csv('posts', [row]), 'ngoai.csv', true).expect(403);
    expect(refused.body.rule).toBe('scope.out_of_scope');
    expect(refused.body.errors).toHaveLength(2);
    // Before: "file: 2 row(s) name a unit, post or person outside your grant".
    expect(refused.body.message).toMatch(/^file: 1 row\(s\) name a unit, post or person outside/);
  });
});
