import { Workbook, Worksheet } from 'exceljs';
import {
  DISCIPLINE_FORM_NAMES,
  disciplineTrackNameVi,
} from '../procedures/discipline/discipline-names-vi';
import { citationInVietnamese } from '../workflow/rule-sets/citation-in-vietnamese';
import { dayVi } from '../workflow/rule-sets/rule-set-name-vi';
import { PersonnelReport } from './personnel-report';

/** What the workbook names that the report gives by id: its unit, and its rule set (ruleSetNameVi). */
/**
 * The heading of a count of decisions: "Số quyết định" is a decision's number (45/QĐ-UBND) in the
 * register and on a case, so a count reads as one.
 */
const DECISION_COUNT = 'Số lượng quyết định';

export interface WorkbookNames {
  orgUnitName: string;
  ruleSetName: string;
}

const PROCEDURE_VI: Record<string, string> = {
  appointment: 'Bổ nhiệm',
  reappointment: 'Bổ nhiệm lại',
  rotation: 'Luân chuyển',
  transfer: 'Điều động',
  extension: 'Kéo dài thời hạn giữ chức vụ',
  approval: 'Xin chủ trương bổ nhiệm',
  consultation: 'Hiệp y bổ nhiệm',
  election: 'Giới thiệu ứng cử',
  exam: 'Thi tuyển',
  removal_dismissal: 'Miễn nhiệm',
  removal_resignation: 'Từ chức',
  removal_relief: 'Cho thôi giữ chức vụ',
  removal_suspension: 'Tạm đình chỉ công tác',
};
function sheet(
  book: Workbook,
  name: string,
  header: string[],
  rows: (string | number | null)[][],
): Worksheet {
  const ws = book.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((column, index) => {
    const widest = Math.max(...[header, ...rows].map((r) => String(r[index] ?? '').length));
    column.width = Math.min(Math.max(widest + 2, 10), 60);
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return ws;
}

// 66,7% with a decimal comma, as the screen writes it in Vietnamese.
const DECIMAL = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
export const percentVi = (value: number | null) =>
  value === null ? '' : `${DECIMAL.format(value)}%`;

/** The first sheet: every count of the report on one page. */
function summarySheet(book: Workbook, report: PersonnelReport, names: WorkbookNames): void {
  const pool = report.planningPool;
  sheet(
    book,
    'Tổng hợp',
    ['Chỉ tiêu', 'Số lượng', 'Ghi chú'],
    [
      ['Đơn vị', names.orgUnitName, ''],
      ['Từ ngày', dayVi(report.period.from), ''],
      ['Đến ngày', dayVi(report.period.to), ''],
      ...Object.entries(report.decisions.totals).map(([procedure, count]) => [
        `${PROCEDURE_VI[procedure] ?? procedure} (đã quyết định)`,
        count,
        '',
      ]),
      ['Cán bộ bị kỷ luật', report.discipline.people, 'mỗi người tính một lần'],
      [
        'Cán bộ lãnh đạo không phải người địa phương',
        report.nonLocalLeaders.nonLocal,
        `trên ${report.nonLocalLeaders.withOrigin} người có quê quán (${report.nonLocalLeaders.leaders} người giữ chức vụ lãnh đạo), ngày ${dayVi(report.asOf)}`,
      ],
      ['Người trong quy hoạch', pool.people, `ngày ${dayVi(report.asOf)}`],
      [
        'Nữ trong quy hoạch',
        pool.women.count,
        `${percentVi(pool.women.percent)} (chỉ tiêu ≥ ${pool.women.targetPercent}%)`,
      ],
      [
        'Trẻ (dưới ' + pool.young.underAge + ' tuổi) trong quy hoạch',
        pool.young.count,
        `${percentVi(pool.young.percent)} (chỉ tiêu ≥ ${pool.young.targetPercent}%)`,
      ],
      ['Căn cứ', names.ruleSetName, citationInVietnamese(pool.citation) ?? pool.citation],
    ],
  );
}

/** The report as an Excel workbook (xlsx), one sheet per section, Vietnamese headers. */
export async function reportWorkbook(
  report: PersonnelReport,
  names: WorkbookNames,
): Promise<Buffer> {
  const book = new Workbook();
  book.creator = 'cadreflow';
  summarySheet(book, report, names);
  sheet(
    book,
    'Quyết định',
    ['Mã đơn vị', 'Đơn vị', 'Thủ tục', DECISION_COUNT],
    report.decisions.rows.map((r) => [
      r.orgUnitId,
      r.orgUnitName,
      PROCEDURE_VI[r.procedure] ?? r.procedure,
      r.count,
    ]),
  );
  sheet(
    book,
    'Kỷ luật',
    ['Mã đơn vị', 'Đơn vị', 'Khối', 'Hình thức', 'Số người', DECISION_COUNT],
    report.discipline.rows.map((r) => [
      r.orgUnitId,
      r.orgUnitName,
      disciplineTrackNameVi(r.track, r.serviceStatus),
      DISCIPLINE_FORM_NAMES[r.form] ?? r.form,
      r.people,
      r.decisions,
    ]),
  );
  sheet(
    book,
    'Không phải người địa phương',
    ['Mã cán bộ', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Quê quán (tỉnh)', 'Tỉnh công tác'],
    report.nonLocalLeaders.people.map((r) => [
      r.personId,
      r.fullName,
      r.positionTitle,
      r.orgUnitName,
      r.originProvince,
      r.province,
    ]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
