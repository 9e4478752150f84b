/**
 * Discipline's tracks and forms by their Vietnamese names, as the web app's screens and the
 * import template name them (web/src/i18n.ts `register`, `forms`), for what the server writes in
 * Vietnamese itself: the register's CSV and the report's workbook.
 */
export const DISCIPLINE_TRACK_NAMES: Readonly<Record<string, string>> = {
  party: 'Đảng',
  civil_service: 'Công chức',
};

/**
 * The civil-service track by whom the case ran: a cadre's (cán bộ, an elected official's) and a
 * civil servant's discipline fall under the same law but are not the same; a record that does
 * not say is read as a civil servant's, as the track's name has it.
 */
const SERVICE_STATUS_NAMES: Readonly<Record<string, string>> = {
  cadre: 'Cán bộ',
  civil_servant: 'Công chức',
};

/** A discipline's «Khối» as the register names it: Đảng, Cán bộ or Công chức. */
export const disciplineTrackNameVi = (track: string, serviceStatus?: string | null): string =>
  (track === 'civil_service' && serviceStatus ? SERVICE_STATUS_NAMES[serviceStatus] : undefined) ??
  DISCIPLINE_TRACK_NAMES[track] ??
  track;

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
