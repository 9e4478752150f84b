/** How a case's withdrawal and rejection read: the `closing` group of the translations. */
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
