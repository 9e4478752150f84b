import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { PostgresEventStore } from '../../src/event-store/postgres/postgres-event-store';
import { StoredEventNames } from '../../src/event-store/stored-event-names';
import { startTestApp, TestApp } from '../support/test-app';
import { csv } from './spreadsheets';

const person = (id: string) => ({
  'Mã cán bộ': id,
  'Họ và tên': `Người ${id}`,
  'Ngày sinh': '12/04/1978',
  'Giới tính': 'Nam',
  'Dân tộc': 'Kinh',
  'Đảng viên': 'Không',
  'Trình độ chuyên môn': 'Thạc sĩ',
  'Lý luận chính trị': 'Cao cấp',
  'Mã đơn vị': 'ou-kept',
});

const post = (id: string, positionId: string) => ({
  'Mã cán bộ': id,
  'Mã chức vụ': positionId,
  'Từ ngày': '01/03/2023',
  'Hết nhiệm kỳ': '01/03/2028',
  'Số quyết định': '125-QĐ/TU',
});

/**
 * An import keeps the records it wrote, so that the next import on the same people checks their
 * heads only: a record another instance wrote to in between must still be judged as it is now.
 */
describe('an import after another instance wrote to the records the previous import kept', () => {
  let t: TestApp;
  let otherInstance: PostgresEventStore;
  const http = () => request(t.server as never);
  const staff = () => ({
    Authorization: `Bearer ${t.token('staff-k', ['organization_staff'], 'ou-kept')}`,
  });
  const upload = (file: Buffer, name: string, dryRun: boolean) =>
    http()
      .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
      .set(staff())
      .attach('file', file, name);

  beforeAll(async () => {
    t = await startTestApp('imp_kept');
    otherInstance = new PostgresEventStore(t.db.pool, new StoredEventNames());
    const admin = { Authorization: `Bearer ${t.token('admin', ['admin'], 'ou-kept')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-kept', name: 'Huyện', kind: 'district' })
      .expect(201);
    for (const id of ['pos-k-1', 'pos-k-2'])
      await http()
        .post('/positions')
        .set(admin)
        .send({ id, title: id, orgUnitId: 'ou-kept', appointingAuthority: 'ou-kept', rank: 3 })
        .expect(201);
  });
  afterAll(async () => {
    await otherInstance?.close();
    await t?.close();
  });

  it("counts a post the other instance recorded as already held, and writes only the other one's", async () => {
    const people = csv('people', [person('p-k-1'), person('p-k-2')]);
    expect((await upload(people, 'can-bo.csv', false).expect(200)).body.counts.people).toEqual({
      rows: 2,
      written: 2,
      unchanged: 0,
    });
    // Behind this service's back: the post the file is about to import, on p-k-1's record.
    await otherInstance.append(
      'cadre-p-k-1',
      [
        {
          id: randomUUID(),
          type: 'PostAssigned',
          data: {
            personId: 'p-k-1',
            positionId: 'pos-k-1',
            from: '2023-03-01',
            termEnd: '2028-03-01',
            decisionRef: '125-QĐ/TU',
          },
          metadata: {
            actorId: 'other-instance',
            correlationId: randomUUID(),
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 0 },
    );
    const posts = csv('posts', [post('p-k-1', 'pos-k-1'), post('p-k-2', 'pos-k-2')]);

    const dryRun = await upload(posts, 'chuc-vu.csv', true).expect(200);
    expect(dryRun.body.counts.posts).toEqual({ rows: 2, written: 1, unchanged: 1 });
    const imported = await upload(posts, 'chuc-vu.csv', false).expect(200);
    expect(imported.body.counts.posts).toEqual({ rows: 2, written: 1, unchanged: 1 });

    const record = await http().get('/cadres/p-k-1').set(staff()).expect(200);
    expect(record.body.posts.map((held: { positionId: string }) => held.positionId)).toEqual([
      'pos-k-1',
    ]);
    const stream = await otherInstance.readStream('cadre-p-k-1');
    expect(stream.map((event) => event.type)).toEqual(['PersonRegistered', 'PostAssigned']);
  });
});
