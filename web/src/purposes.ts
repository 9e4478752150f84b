/**
 * Why the web app reads what the access log records (`X-Purpose` or `?purpose=`): the server
 * keeps the purpose as sent, so every purpose the app sends is one of these, each with its
 * label for the access log's «Mục đích» column (before, «discipline decision» and «discipline
 * case opening» had none and read in English). `purposes.spec.ts` checks that every purpose sent
 * from web/src is listed and labelled.
 */
export const PURPOSE = {
  audit: 'audit',
  auditExport: 'audit export',
  inspectionRegister: 'inspection register',
  openCase: 'open case',
  planningReview: 'planning review',
  personPage: 'person page',
  personnelReport: 'personnel report',
  vetting: 'vetting',
  disciplineDecision: 'discipline decision',
  disciplineCaseOpening: 'discipline case opening',
} as const;

export type Purpose = (typeof PURPOSE)[keyof typeof PURPOSE];

export const purposesVi: Record<Purpose, string> = {
  audit: 'Kiểm toán hồ sơ',
  'audit export': 'Xuất dữ liệu kiểm toán',
  'inspection register': 'Sổ theo dõi kỷ luật',
  'open case': 'Mở hồ sơ (xét điều kiện)',
  'planning review': 'Rà soát quy hoạch',
  'person page': 'Xem hồ sơ cán bộ',
  'personnel report': 'Báo cáo công tác cán bộ',
  vetting: 'Thẩm định',
  'discipline decision': 'Quyết định kỷ luật (đối chiếu cùng vi phạm)',
  'discipline case opening': 'Mở hồ sơ kỷ luật',
};

export const purposesEn: Record<Purpose, string> = {
  audit: 'Case audit',
  'audit export': 'Audit export',
  'inspection register': 'Discipline register',
  'open case': 'Opening a case (eligibility)',
  'planning review': 'Planning pool review',
  'person page': 'Person record',
  'personnel report': 'Personnel report',
  vetting: 'Vetting',
  'discipline decision': 'Discipline decision (the same violation)',
  'discipline case opening': 'Opening a discipline case',
};
