import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { workbook } from '../imports/spreadsheets';

/**
 * A post the record shows as ended stays ended (an outside tester's finding: before, recording it
 * again by hand, or importing its row, with another term end answered 201 / `written` and put the
 * post back among those held, as if the decision that ended it had not). Refused with
 * `post.ended`, naming the field and the day it ended, writing nothing; the very term on record is
 * a repeat that writes nothing; a new term from its own start is recorded as ever.
 */
describe('person record: a post the record shows ended', () => {
  let t: TestApp;
  const today = vietnamToday();
  const from = addDays(today, -400);
  const termEnd = addDays(today, 1400);
  const removedOn = addDays(today, -30);
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  });
  const record = (personId: string, body: Record<string, unknown>) =>
    http().post(`/cadres/${personId}/posts`).set(staff()).send(body);
  const termOf = (positionId: string) => ({ positionId, from, termEnd, decisionRef: 'QĐ-12' });
  const upload = (file: Buffer, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, 'so-theo-doi.xlsx');
  // What recording the post could write: the person's record and the post's seat stream (not the
  // notices the workers write as system), and an import's own event.
  const eventCount = (personId: string, positionId: string) =>
    streamEventCount(t.db.pool, [`cadre-${personId}`, `postseat-${positionId}`, 'import-%'], {
      requestsOnly: true,
    });
  const postsOf = async (personId: string) => {
    const { body } = await http().get(`/cadres/${personId}`).set(staff()).expect(200);
    return body as { posts: { positionId: string }[]; pastPosts: { positionId: string }[] };
  };

  beforeAll(async () => {
    t = await startTestApp('ended_post_record');
    await buildRegistry(t, staff(), {
      positions: [
        { id: 'pos-e1', rank: 5, seats: 1 },
        { id: 'pos-e2', rank: 5 },
      ],
      people: [{ id: 'p-hand' }, { id: 'p-file' }],
    });
    await record('p-hand', termOf('pos-e1')).expect(201);
    await record('p-file', termOf('pos-e2')).expect(201);
    // A removal from post (cách chức) on paper ends each one's post on its day, as a decided one does.
    const removal = (personId: string) => ({
      'Mã cán bộ': personId,
      Khối: 'Công chức',
      'Hình thức': 'Cách chức',
      'Ngày quyết định': removedOn,
      'Số quyết định': `QĐ-KL-${personId}`,
      'Loại vi phạm': 'land_management',
    });
    const file = await workbook({ discipline: [removal('p-hand'), removal('p-file')] });
    await upload(file, false).expect(200);
    for (const personId of ['p-hand', 'p-file'])
      expect(await postsOf(personId)).toMatchObject({
        posts: [],
        pastPosts: [expect.objectContaining({ endedOn: removedOn })],
      });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses recording the ended post by hand with another term end, 409 post.ended, writing nothing; the very term writes nothing; a new term is recorded', async () => {
    const before = await eventCount('p-hand', 'pos-e1');
    const later = addDays(termEnd, 365);
    // Before: 201, and the post was held again until the new term end.
    const refused = await record('p-hand', { ...termOf('pos-e1'), termEnd: later }).expect(409);
    expect(refused.body).toMatchObject({ rule: 'post.ended', field: 'termEnd' });
    expect(refused.body.detail).toContain(`ended on ${removedOn} by QĐ-KL-p-hand`);
    expect(refused.body.detail).toContain('complaint review');
    const otherDecision = await record('p-hand', { ...termOf('pos-e1'), decisionRef: 'QĐ-13' });
    expect(otherDecision.status).toBe(409);
    expect(otherDecision.body).toMatchObject({ rule: 'post.ended', field: 'decisionRef' });
    // The very term on record: nothing to write (before, it was written and reopened the post).
    await record('p-hand', termOf('pos-e1')).expect(201);
    expect(await eventCount('p-hand', 'pos-e1')).toBe(before);
    expect((await postsOf('p-hand')).posts).toEqual([]);
    // A new term from its own start is another appointment, recorded as ever.
    const again = await record('p-hand', {
      positionId: 'pos-e1',
      from: addDays(today, -5),
      termEnd: later,
      decisionRef: 'QĐ-20',
    }).expect(201);
    expect(again.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-e1', from: addDays(today, -5) }),
    ]);
  });

  it('refuses an imported row of the ended post with another term end, at its sheet, line and column, writing nothing', async () => {
    const row = (end: string) => ({
      'Mã cán bộ': 'p-file',
      'Mã chức vụ': 'pos-e2',
      'Từ ngày': from,
      'Hết nhiệm kỳ': end,
      'Số quyết định': 'QĐ-12',
    });
    const file = await workbook({ posts: [row(addDays(termEnd, 365))] });
    const before = await eventCount('p-file', 'pos-e2');
    // Before: valid, the row counted written, and the import put the post back on the record.
    const dry = await upload(file, true).expect(200);
    expect(dry.body.valid).toBe(false);
    expect(dry.body.errors).toEqual([
      expect.objectContaining({
        sheet: 'Chức vụ',
        line: 2,
        column: 'Hết nhiệm kỳ',
        rule: 'post.ended',
        message: expect.stringContaining(`ended on ${removedOn}`),
      }),
    ]);
    const refused = await upload(file, false).expect(422);
    expect(refused.body.rule).toBe('import.invalid_rows');
    expect(await eventCount('p-file', 'pos-e2')).toBe(before);
    expect((await postsOf('p-file')).posts).toEqual([]);
    // The row of the very term on record is unchanged, as it was.
    const same = await upload(await workbook({ posts: [row(termEnd)] }), true).expect(200);
    expect(same.body).toMatchObject({
      valid: true,
      counts: { posts: { written: 0, unchanged: 1 } },
    });
  });
});
