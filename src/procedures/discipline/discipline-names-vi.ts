/**
 * Discipline's tracks and forms by their Vietnamese names, as the web app's screens and the
 * import template name them (web/src/i18n.ts `register`, `forms`), for what the server writes in
 * Vietnamese itself: the register's CSV and the report's workbook.
 */
export const DISCIPLINE_TRACK_NAMES: Readonly<Record<string, string>> = {
  party: 'Đảng',
  civil_service: 'Công chức',
};

export const DISCIPLINE_FORM_NAMES: Readonly<Record<string, string>> = {
  reprimand: 'Khiển trách',
  warning: 'Cảnh cáo',
  demotion: 'Giáng chức',
  removal_from_post: 'Cách chức',
  dismissal: 'Buộc thôi việc',
  recall: 'Bãi nhiệm',
  expulsion: 'Khai trừ',
  removal_of_former_title: 'Xóa tư cách chức vụ đã đảm nhiệm',
};
