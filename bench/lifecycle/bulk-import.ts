import { Pool } from 'pg';
import { readCounters, waitForQuiet } from './database-counters';
import { round1 } from './timed-http';

export const UNIT = 'ou-ha-noi-organization-committee';
const HEADERS = [
  'Mã cán bộ',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Dân tộc',
  'Đảng viên',
  'Ngày vào Đảng',
  'Trình độ chuyên môn',
  'Lý luận chính trị',
  'Mã đơn vị',
];

/** The template's "Cán bộ" sheet as CSV: `count` people a unit adopting the service brings. */
export function peopleCsv(run: string, count: number): Buffer {
  const lines = [HEADERS.join(',')];
  for (let i = 0; i < count; i += 1) {
    const day = String((i % 28) + 1).padStart(2, '0');
    lines.push(
      [
        `p-import-${run}-${i}`,
        `Nguyễn Văn Nhập ${i}`,
        `${day}/04/1978`,
        i % 2 ? 'Nữ' : 'Nam',
        'Kinh',
        'Có',
        '19/05/2003',
        'Thạc sĩ',
        'Cao cấp',
        UNIT,
      ].join(','),
    );
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

export interface BulkImportResult {
  people: number;
  seconds: number;
  peoplePerSecond: number;
  eventsPerSecond: number;
  /** How long the dry run (every row checked, nothing written) of the same file took. */
  dryRunSeconds: number;
}

/**
 * `POST /imports` of one CSV of `count` new people, as the adoption screen sends it: first the dry
 * run, then the import. Events per second count every event the import appended (the people's
 * registrations and the import's own record), timed from the request to its answer.
 */
export async function bulkImport(
  base: string,
  adminToken: string,
  pool: Pool,
  count: number,
  run = String(Date.now()),
  csv = peopleCsv(run, count),
): Promise<BulkImportResult> {
  const post = async (dryRun: boolean) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'can-bo.csv');
    const started = performance.now();
    const response = await fetch(`${base}/imports${dryRun ? '?dryRun=true' : ''}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adminToken}` },
      body: form,
    });
    if (!response.ok)
      throw new Error(
        `import answered ${response.status}: ${(await response.text()).slice(0, 500)}`,
      );
    return (performance.now() - started) / 1000;
  };
  await waitForQuiet(pool);
  const dryRunSeconds = await post(true);
  const before = await readCounters(pool);
  const seconds = await post(false);
  const after = await readCounters(pool);
  return {
    people: count,
    seconds: round1(seconds),
    peoplePerSecond: round1(count / seconds),
    eventsPerSecond: round1((after.events - before.events) / seconds),
    dryRunSeconds: round1(dryRunSeconds),
  };
}
