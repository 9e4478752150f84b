import {
  DISCIPLINE_FORM_NAMES,
  disciplineTrackNameVi,
} from '../procedures/discipline/discipline-names-vi';
import { VIOLATION_CATEGORY_NAMES } from '../procedures/discipline/violation-category-names';
import { RuleSet } from '../workflow/rule-sets/rule-set';
import { ruleSetNameVi } from '../workflow/rule-sets/rule-set-name-vi';
import { RegisterRecord } from './read-model.queries';

type Column = keyof RegisterRecord;

/**
 * The register's CSV columns as the screen heads them (web/src/i18n.ts `register`); the service
 * status has none: «Khối» names it (Cán bộ, Công chức), as the screen does.
 */
export const REGISTER_HEADERS_VI: Record<Exclude<Column, 'serviceStatus'>, string> = {
  caseId: 'Mã hồ sơ',
  personId: 'Mã cán bộ',
  personName: 'Cán bộ',
  personOrgUnitId: 'Mã đơn vị',
  personOrgUnitName: 'Đơn vị',
  orgUnitId: 'Mã đơn vị quyết định',
  orgUnitName: 'Đơn vị quyết định',
  track: 'Khối',
  form: 'Hình thức',
  violationCategory: 'Loại vi phạm',
  decidedOn: 'Ngày quyết định',
  effectiveFrom: 'Hiệu lực từ',
  inEffectUntil: 'Hết hiệu lực kỷ luật',
  barEndsOn: 'Hết hạn chế bổ nhiệm',
  annulledOn: 'Ngày bị hủy',
  status: 'Tình trạng',
  inEffect: 'Còn hiệu lực kỷ luật',
  barred: 'Đang bị hạn chế bổ nhiệm',
  decisionRef: 'Số quyết định',
  revisedByRef: 'Quyết định giải quyết khiếu nại',
  revisedOn: 'Ngày giải quyết khiếu nại',
  ruleSet: 'Bộ quy định',
  sameViolationCaseId: 'Cùng vi phạm (khối kia)',
};

const STATUS_NAMES: Record<RegisterRecord['status'], string> = {
  in_effect: 'Đang có hiệu lực',
  expired: 'Hết hiệu lực',
  annulled: 'Đã hủy',
};

const named = (names: Readonly<Record<string, string>>, code: string) => names[code] ?? code;

/** The rule sets a register names by id, for their Vietnamese names. */
export type RegisterRuleSets = readonly Pick<RuleSet, 'id' | 'title' | 'effectiveFrom'>[];

/**
 * A register cell as a Vietnamese reader reads it: a track (a civil-service one by whom the case
 * ran: «Cán bộ» or «Công chức»), form, category, status and rule set by name, yes/no as Có/Không;
 * ids, days and decision references as recorded (they are data): a reference's day
 * ("45/QĐ-UBND (2026-12-07)") stays yyyy-mm-dd like the day columns beside it, so one file writes
 * every day one way (the screen writes them all dd/mm/yyyy).
 */
export function registerCellVi(
  record: RegisterRecord,
  column: Column,
  ruleSets: RegisterRuleSets = [],
): unknown {
  const value = record[column];
  switch (column) {
    case 'ruleSet': {
      const set = ruleSets.find((s) => s.id === record.ruleSet);
      return set ? ruleSetNameVi(set) : record.ruleSet;
    }
    case 'track':
      return disciplineTrackNameVi(record.track, record.serviceStatus);
    case 'form':
      return named(DISCIPLINE_FORM_NAMES, record.form);
    case 'violationCategory':
      return named(VIOLATION_CATEGORY_NAMES, record.violationCategory);
    case 'status':
      return STATUS_NAMES[record.status] ?? record.status;
    case 'inEffect':
    case 'barred':
      return value ? 'Có' : 'Không';
    default:
      return value;
  }
}
