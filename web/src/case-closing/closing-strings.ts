/**
 * Why a case stopped, for every closing rule the server writes (CaseRejected and
 * DisciplineCaseClosed `rule`), and how a withdrawal reads. Merged into the `rules` and `closing`
 * groups of the translations.
 */
export const closingRulesVi = {
  'case.rejected_by_staff': 'Cán bộ tổ chức không chấp thuận hồ sơ',
  'discipline.closed_by_staff': 'Cán bộ tổ chức đóng hồ sơ kỷ luật',
  'ballot.no_form_reached': 'Không hình thức kỷ luật nào đạt đủ số phiếu',
};

export const closingRulesEn = {
  'case.rejected_by_staff': 'Organization staff rejected the case',
  'discipline.closed_by_staff': 'Organization staff closed the discipline case',
  'ballot.no_form_reached': 'No discipline form reached the votes it needs',
};

export const closingVi = {
  withdrawal: 'Rút hồ sơ',
  withdrawnBy: 'Người rút',
  withdrawnOn: 'Ngày rút',
  reason: 'Lý do',
  rejectedBy: 'Người quyết định',
  rejectedOn: 'Ngày dừng',
  rule: 'Căn cứ',
};

export const closingEn = {
  withdrawal: 'Withdrawal',
  withdrawnBy: 'Withdrawn by',
  withdrawnOn: 'Withdrawn on',
  reason: 'Reason',
  rejectedBy: 'Decided by',
  rejectedOn: 'Stopped on',
  rule: 'Rule',
};
