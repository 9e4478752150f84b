/**
 * The case page's part on complaints against the decision and their reviews (merged into the
 * discipline strings under `complaints`), and the outcome's current validity.
 */
export const complaintsVi = {
  title: 'Khiếu nại và giải quyết khiếu nại',
  none: 'Chưa có khiếu nại.',
  filed: 'Khiếu nại nộp ngày {{day}}: {{grounds}}',
  complainant: 'Người khiếu nại: {{name}}',
  recordedBy: 'Người ghi nhận: {{by}}',
  reviewed: 'Quyết định giải quyết khiếu nại số {{number}} ngày {{day}}: {{outcome}}',
  keep: 'giữ nguyên hình thức {{form}}',
  change: 'đổi hình thức sang {{form}}',
  annul: 'hủy quyết định kỷ luật',
  reason: 'Lý do: {{reason}}',
  underReview: 'Đang xem xét khiếu nại.',
  windowClosed: 'Không còn thời hạn khiếu nại.',
  noFurther: 'Không được khiếu nại tiếp (đã có quyết định giải quyết khiếu nại).',
  secondUntil: 'Khiếu nại lần hai đến hết ngày',
  inEffectUntil: 'Hết hiệu lực kỷ luật',
  noEnd: 'không có thời hạn',
  currentForm: 'Hình thức đang áp dụng',
  decidedForm: 'Hình thức theo quyết định',
  annulled: 'Quyết định kỷ luật đã bị hủy',
};

export const complaintsEn: typeof complaintsVi = {
  title: 'Complaints and their resolution',
  none: 'No complaint filed.',
  filed: 'Complaint filed on {{day}}: {{grounds}}',
  complainant: 'Complainant: {{name}}',
  recordedBy: 'Recorded by {{by}}',
  reviewed: 'Complaint decision {{number}} of {{day}}: {{outcome}}',
  keep: 'kept the form, {{form}}',
  change: 'changed the form to {{form}}',
  annul: 'annulled the disciplinary decision',
  reason: 'Reason: {{reason}}',
  underReview: 'The complaint is under review.',
  windowClosed: 'The time to complain is over.',
  noFurther: 'No further complaint (the complaint was decided).',
  secondUntil: 'Second complaint until',
  inEffectUntil: 'Discipline in effect until',
  noEnd: 'no end date',
  currentForm: 'Form in force',
  decidedForm: 'Form decided',
  annulled: 'The disciplinary decision was annulled',
};
