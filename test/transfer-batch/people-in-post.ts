import request from 'supertest';
import { csv } from '../imports/spreadsheets';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/** Imports one person per id into ou-town, each holding `positionId` since 2023, as two CSV files. */
export async function importPeopleInPost(
  upload: (file: Buffer, name: string) => Promise<unknown>,
  personIds: string[],
  positionId: string,
): Promise<void> {
  const people = personIds.map((id, i) => ({
    'Mã cán bộ': id,
    'Họ và tên': `Người ${i}`,
    'Ngày sinh': '12/04/1980',
    'Giới tính': i % 2 ? 'Nữ' : 'Nam',
    'Dân tộc': 'Kinh',
    'Đảng viên': 'Có',
    'Ngày vào Đảng': '19/05/2003',
    'Trình độ chuyên môn': 'Thạc sĩ',
    'Lý luận chính trị': 'Cao cấp',
    'Mã đơn vị': 'ou-town',
  }));
  await upload(csv('people', people), 'can-bo.csv');
  const posts = personIds.map((id, i) => ({
    'Mã cán bộ': id,
    'Mã chức vụ': positionId,
    'Từ ngày': '01/03/2023',
    'Hết nhiệm kỳ': '01/03/2028',
    'Số quyết định': `${i + 1}-QĐ/TU`,
  }));
  await upload(csv('posts', posts), 'chuc-vu.csv');
}

/**
 * A test app with posts pos-old (rank 3) and pos-new (rank 4) and `personIds` holding pos-old, and
 * the headers of a staff member of ou-town.
 */
export async function appWithPeopleInPost(
  suite: string,
  env: Record<string, string>,
  personIds: string[],
): Promise<{ t: TestApp; staff: Record<string, string> }> {
  const t = await startTestApp(suite, env);
  const staff = {
    Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}`,
  };
  await buildRegistry(t, staff, {
    positions: [
      { id: 'pos-old', rank: 3 },
      { id: 'pos-new', rank: 4 },
    ],
    people: [],
  });
  const upload = (file: Buffer, name: string) =>
    request(t.server as never)
      .post('/imports')
      .set(staff)
      .attach('file', file, name)
      .expect(200);
  await importPeopleInPost(upload, personIds, 'pos-old');
  return { t, staff };
}
