/**
 * The fields a refusal names (`heldOn: …`), by what they mean on the form. A field not listed
 * keeps its API name: the sentence around it is still read, the name is what the form sent.
 */
const FIELD_NAMES: Record<string, string> = {
  heldOn: 'Ngày thực hiện',
  openedOn: 'Ngày mở hồ sơ',
  filedOn: 'Ngày nộp đơn khiếu nại',
  evaluatedOn: 'Ngày đánh giá',
  reviewedOn: 'Ngày rà soát quy hoạch',
  electedOn: 'Ngày được bầu',
  dateOfBirth: 'Ngày sinh',
  partyJoinedOn: 'Ngày vào Đảng',
  effectiveFrom: 'Ngày có hiệu lực',
  servedOn: 'Ngày giao quyết định',
  from: 'Ngày bắt đầu',
  until: 'Ngày kết thúc',
  councilTermFrom: 'Ngày bắt đầu nhiệm kỳ của Hội đồng nhân dân',
  'violation.committedOn': 'Ngày vi phạm',
  violationCommittedOn: 'Ngày vi phạm',
  'violation.detectedOn': 'Ngày phát hiện vi phạm',
  'violation.laterViolationsOn': 'Ngày vi phạm tiếp theo',
  'councilResolution.adoptedOn': 'Ngày thông qua nghị quyết của Hội đồng nhân dân',
  'personRequest.receivedOn': 'Ngày nhận đơn đề nghị của người bị xem xét kỷ luật',
  'grounds.letterReceivedOn': 'Ngày nhận đơn từ chức',
  minutesRef: 'Số, ký hiệu biên bản',
  number: 'Số quyết định',
  term: 'Giai đoạn quy hoạch',
  'added.term': 'Giai đoạn quy hoạch',
  termYears: 'Thời hạn (năm)',
  termEnd: 'Ngày hết nhiệm kỳ',
};

/** A field by its meaning (`violation.laterViolationsOn[1]` as the list it is in). */
export function fieldName(field: string): string {
  return FIELD_NAMES[field.replace(/\[\d+\]$/, '')] ?? field;
}
