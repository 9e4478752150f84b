import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from '../imports/spreadsheets';

/**
 * Terms of one post on a person's record do not overlap (an outside tester's finding on the demo
 * seed: a zero-length term, a term from 2040 with no end, and a term from 2026 to 2099 of the
 * same post were all taken, 201, and the 2040 term then showed in none of posts, upcomingPosts,
 * pastPosts). A term ending the day it starts is 400 `person.dates_out_of_order` (termEnd); a term
 * sharing days with another of the post on record is 409 `post.term_overlaps` naming the field
 * and that term, by hand or by import, writing nothing; every term on record shows.
 */
describe('person record: overlapping terms of one post', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const record = (personId: string, body: Record<string, unknown>) =>
    http().post(`/cadres/${personId}/posts`).set(staff()).send(body);
  const term = (from: string, termEnd: string | null, decisionRef: string) => ({
    positionId: 'pos-o1',
    from,
    termEnd,
    decisionRef,
  });
  const eventCount = (personId: string) =>
    streamEventCount(t.db.pool, [`cadre-${personId}`, 'postseat-pos-o1', 'import-%'], {
      requestsOnly: true,
    });
  const recordOf = async (personId: string) => {
    const { body } = await http().get(`/cadres/${personId}`).set(staff()).expect(200);
    return body as Record<'posts' | 'upcomingPosts' | 'pastPosts', object[]>;
  };

  beforeAll(async () => {
    t = await startTestApp('overlapping_post_terms');
    await buildRegistry(t, staff(), {
      positions: [{ id: 'pos-o1', rank: 5 }],
      people: [{ id: 'p-hand' }, { id: 'p-file' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a zero-length term and a term running into one on record, writing nothing; the later term shows', async () => {
    const before = await eventCount('p-hand');
    // Before: 201, a term held no day.
    const zero = await record('p-hand', term('2026-01-01', '2026-01-01', 'QĐ-1')).expect(400);
    expect(zero.body).toMatchObject({ rule: 'person.dates_out_of_order', field: 'termEnd' });
    expect(await eventCount('p-hand')).toBe(before);

    await record('p-hand', term('2040-01-01', null, 'QĐ-2')).expect(201);
    const written = await eventCount('p-hand');
    // Before: 201, and the 2040 term vanished from the record's page.
    const over = await record('p-hand', term('2026-01-01', '2099-01-01', 'QĐ-3')).expect(409);
    expect(over.body).toMatchObject({ rule: 'post.term_overlaps', field: 'termEnd' });
    expect(over.body.detail).toContain('from 2040-01-01 to no end (QĐ-2)');
    expect(await eventCount('p-hand')).toBe(written);

    // A term ending the day the later one starts is an earlier term: both show, the 2040 one
    // as the term renewing the one held (a post held on, not one to take up).
    await record('p-hand', term('2026-01-01', '2040-01-01', 'QĐ-4')).expect(201);
    const shown = await recordOf('p-hand');
    expect(shown.posts).toEqual([
      expect.objectContaining({
        from: '2026-01-01',
        renewedBy: { from: '2040-01-01', termEnd: null, decisionRef: 'QĐ-2' },
      }),
    ]);
    expect([...shown.upcomingPosts, ...shown.pastPosts]).toEqual([]);
    // And a term starting inside one on record is refused, naming from.
    const inside = await record('p-hand', term('2030-01-01', '2035-01-01', 'QĐ-5')).expect(409);
    expect(inside.body).toMatchObject({ rule: 'post.term_overlaps', field: 'from' });
  });

  it('refuses an imported post row overlapping a term on record, at its cell, writing nothing', async () => {
    await record('p-file', term('2040-01-01', null, 'QĐ-2')).expect(201);
    const before = await eventCount('p-file');
    const file = await workbook({
      posts: [
        {
          'Mã cán bộ': 'p-file',
          'Mã chức vụ': 'pos-o1',
          'Từ ngày': '2026-01-01',
          'Hết nhiệm kỳ': '2099-01-01',
          'Số quyết định': 'QĐ-3',
        },
      ],
    });
    const dry = await http()
      .post('/imports?dryRun=true')
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx')
      .expect(200);
    // Before: valid, the row counted written.
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Chức vụ',
        line: 2,
        column: 'Hết nhiệm kỳ',
        rule: 'post.term_overlaps',
      }),
    ]);
    await http().post('/imports').set(staff()).attach('file', file, 'so-theo-doi.xlsx').expect(422);
    expect(await eventCount('p-file')).toBe(before);
  });
});
