import { csv } from '../imports/spreadsheets';

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
