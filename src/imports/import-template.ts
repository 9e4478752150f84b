import { candidateVotes, count, vettingItems } from './case-cell-parsers';
import { DISCIPLINE_BLOCKS } from './discipline-block';
import { violationCategory } from './violation-category-cell';
import {
  birthDay,
  CellParser,
  choice,
  day,
  identifier,
  planningTerm,
  text,
  yesNo,
} from './cell-parsers';

/**
 * The import template: one sheet per kind of record, one line per column. A new field of the
 * registry becomes importable by adding its line here (the header users type, the field of the
 * registry command it fills, how the cell is read). Headers are Vietnamese, as clerks keep them.
 */
export interface ColumnSpec {
  header: string;
  /** English name of the column, for the API docs and the screen. */
  headerEn: string;
  field: string;
  required: boolean;
  parse: CellParser<unknown>;
  /** A value the downloadable template shows in its example row. */
  example: string;
}

export const SHEET_KINDS = [
  'people',
  'posts',
  'planning',
  'discipline',
  'cases',
  'caseSteps',
] as const;
export type SheetKind = (typeof SHEET_KINDS)[number];

export interface SheetSpec {
  kind: SheetKind;
  /** The sheet's name in the xlsx file (a CSV file holds one sheet, known by its headers). */
  name: string;
  columns: ColumnSpec[];
  /** The fields that identify a row: two rows with the same key are one record given twice. */
  key: string[];
}

const col = (
  header: string,
  headerEn: string,
  field: string,
  parse: CellParser<unknown>,
  example: string,
  required = true,
): ColumnSpec => ({ header, headerEn, field, parse, example, required });

const PERSON = col('Mã cán bộ', 'Person id', 'personId', identifier, 'p-nguyen-van-an');
const POSITION = col('Mã chức vụ', 'Post id', 'positionId', identifier, 'pos-son-tay-head');
const DECISION = col('Số quyết định', 'Decision number', 'decisionRef', text(1, 120), '125-QĐ/TU');

const FORMS: Record<string, string> = {
  'Khiển trách': 'reprimand',
  'Cảnh cáo': 'warning',
  'Giáng chức': 'demotion',
  'Cách chức': 'removal_from_post',
  'Buộc thôi việc': 'dismissal',
  'Bãi nhiệm': 'recall',
  'Khai trừ': 'expulsion',
  // For one who left the service or retired only (Luật 80/2025 art. 43(3)(c)): the row is judged
  // against the record's retired / left_service period, as a case's opening judges it.
  'Xóa tư cách chức vụ đã đảm nhiệm': 'removal_of_former_title',
};

/** The procedures a case under way on paper can be imported into (opened as POST /cases opens them). */
const PROCEDURES: Record<string, string> = {
  'Bổ nhiệm': 'appointment',
  'Bổ nhiệm lại': 'reappointment',
  'Luân chuyển': 'rotation',
  'Điều động': 'transfer',
};
const CASE = col('Mã hồ sơ', 'Case id', 'caseId', identifier, 'c-son-tay-2025-017');
const tallyCount = (header: string, headerEn: string, field: string, example: string) =>
  col(header, headerEn, field, count, example, false);

export const IMPORT_SHEETS: SheetSpec[] = [
  {
    kind: 'people',
    name: 'Cán bộ',
    key: ['personId'],
    columns: [
      PERSON,
      col('Họ và tên', 'Full name', 'fullName', text(2, 200), 'Nguyễn Văn An'),
      col('Ngày sinh', 'Date of birth', 'dateOfBirth', birthDay, '12/04/1978'),
      col('Giới tính', 'Gender', 'gender', choice({ Nam: 'male', Nữ: 'female' }), 'Nam'),
      col('Dân tộc', 'Ethnicity', 'ethnicity', text(1, 60), 'Kinh'),
      col('Đảng viên', 'Party member', 'partyMember', yesNo, 'Có'),
      col('Ngày vào Đảng', 'Joined the Party on', 'partyJoinedOn', day, '19/05/2003', false),
      col('Trình độ chuyên môn', 'Education', 'educationLevel', text(1, 120), 'Thạc sĩ'),
      col('Lý luận chính trị', 'Political theory', 'politicalTheoryLevel', text(1, 60), 'Cao cấp'),
      col('Mã đơn vị', 'Org unit id', 'orgUnitId', identifier, 'ou-phuong-son-tay'),
    ],
  },
  {
    kind: 'posts',
    name: 'Chức vụ',
    key: ['personId', 'positionId', 'from'],
    columns: [
      PERSON,
      POSITION,
      col('Từ ngày', 'From', 'from', day, '01/03/2023'),
      col('Hết nhiệm kỳ', 'Term ends', 'termEnd', day, '01/03/2028', false),
      DECISION,
      // A post filled by election (a commune chair) held on paper: the day the council elected the
      // person, as POST /cadres/:id/posts asks (electedOn); left empty for an appointed post.
      col('Ngày HĐND bầu', 'Elected by the council on', 'electedOn', day, '25/02/2023', false),
    ],
  },
  {
    kind: 'planning',
    name: 'Quy hoạch',
    key: ['personId', 'positionId', 'term'],
    columns: [
      PERSON,
      POSITION,
      col('Nhiệm kỳ quy hoạch', 'Planning term', 'term', planningTerm, '2025-2030'),
      DECISION,
    ],
  },
  {
    kind: 'discipline',
    name: 'Kỷ luật',
    key: ['personId', 'decisionRef'],
    columns: [
      PERSON,
      col('Khối', 'Track', 'track', choice(DISCIPLINE_BLOCKS), 'Đảng'),
      col('Hình thức', 'Form', 'form', choice(FORMS), 'Khiển trách'),
      col('Ngày quyết định', 'Decided on', 'decidedOn', day, '10/02/2024'),
      col('Hiệu lực từ', 'Effective from', 'effectiveFrom', day, '10/02/2024', false),
      DECISION,
      col(
        'Loại vi phạm',
        'Violation category',
        'violationCategory',
        violationCategory,
        'Tài chính, ngân sách',
      ),
      // The day of the violation: a violation is disciplined once per track (its category and
      // day tell it apart), so a row giving it is compared with the cases and the file's rows.
      col(
        'Ngày vi phạm',
        'Violation committed on',
        'violationCommittedOn',
        day,
        '15/01/2024',
        false,
      ),
      col('Mã đơn vị', 'Org unit id', 'orgUnitId', identifier, 'ou-phuong-son-tay', false),
      // A recall (bãi nhiệm) carries out the electing council's resolution, as a decided one does.
      col(
        'Số nghị quyết HĐND',
        'Council resolution number',
        'councilResolutionNumber',
        text(1, 120),
        '12/NQ-HĐND',
        false,
      ),
      col(
        'Ngày nghị quyết HĐND',
        'Council resolution adopted on',
        'councilResolutionAdoptedOn',
        day,
        '05/03/2024',
        false,
      ),
    ],
  },
  {
    kind: 'cases',
    name: 'Hồ sơ đang giải quyết',
    key: ['caseId'],
    columns: [
      CASE,
      col('Quy trình', 'Procedure', 'procedure', choice(PROCEDURES), 'Bổ nhiệm'),
      col('Mẫu quy trình', 'Definition', 'definition', text(3, 100), 'appointment.internal'),
      PERSON,
      POSITION,
      col('Mã đơn vị', 'Org unit id', 'orgUnitId', identifier, 'ou-phuong-son-tay'),
      col('Trích yếu', 'Summary', 'summary', text(1, 4000, 'lines'), 'Bổ nhiệm Trưởng phòng VH-XH'),
      col('Ngày bắt đầu', 'Opened on', 'openedOn', day, '15/06/2025'),
      col('Số hồ sơ giấy', 'Paper record ref', 'paperRecordRef', text(1, 200), 'HS-2025/017'),
    ],
  },
  {
    kind: 'caseSteps',
    name: 'Bước đã thực hiện',
    key: ['caseId', 'stepId'],
    columns: [
      CASE,
      col('Mã bước', 'Step id', 'stepId', identifier, 'leadership-round-1'),
      col('Ngày thực hiện', 'Held on', 'heldOn', day, '20/06/2025'),
      col('Số biên bản', 'Minutes ref', 'minutesRef', text(1, 200), 'BB-01/2025', false),
      col(
        'Nội dung',
        'Conclusion',
        'conclusion',
        text(1, 4000, 'lines'),
        'Thống nhất chủ trương',
        false,
      ),
      tallyCount('Tổng số thành viên', 'Members', 'members', '13'),
      tallyCount('Số triệu tập', 'Summoned', 'summoned', '13'),
      tallyCount('Số có mặt', 'Present', 'present', '12'),
      tallyCount('Tán thành', 'For', 'for', '9'),
      tallyCount('Không tán thành', 'Against', 'against', '2'),
      tallyCount('Không biểu quyết', 'Abstain', 'abstain', '1'),
      tallyCount('Phiếu không hợp lệ', 'Invalid', 'invalid', '0'),
      col('Giới thiệu', 'Candidates', 'candidates', candidateVotes, 'p-nguyen-van-an: 16', false),
      col('Thẩm định', 'Vetting', 'items', vettingItems, 'health: Đạt (giấy khám)', false),
      col('Số quyết định', 'Decision number', 'number', text(1, 120), '215-QĐ/TU', false),
      col('Người ký', 'Signer', 'signer', text(1, 200), 'Bí thư Thành ủy', false),
      col('Hiệu lực từ', 'Effective from', 'effectiveFrom', day, '01/08/2025', false),
      col('Thời hạn (năm)', 'Term (years)', 'termYears', count, '5', false),
      col('Ghi chú', 'Note', 'note', text(1, 4000, 'lines'), 'Theo biên bản lưu', false),
    ],
  },
];

export const sheetSpec = (kind: SheetKind): SheetSpec =>
  IMPORT_SHEETS.find((sheet) => sheet.kind === kind)!;

/** Largest file accepted by default, and most data rows read from one file (a zip can expand a lot). */
export const IMPORT_MAX_ROWS = 20_000;
