/**
 * Every discipline form a rule set names, on either track, lightest first. Which ones a case may
 * use depends on its track and the rule set it was opened under (demotion ended with vn-2025;
 * recall, bãi nhiệm, is for elected cadres only): the API documents this list, the rule set decides.
 */
export const DISCIPLINE_FORMS = [
  'reprimand',
  'warning',
  'demotion',
  'removal_from_post',
  'dismissal',
  'recall',
  'expulsion',
  /** Xóa tư cách chức vụ đã đảm nhiệm: for one who left the service or retired only. */
  'removal_of_former_title',
] as const;

export const DISCIPLINE_FORMS_NOTE =
  'party: reprimand, warning, removal_from_post, expulsion; civil service: reprimand, warning, removal_from_post, dismissal, and demotion until vn-2025, recall (elected cadres) from vn-2025; one who left the service or retired (a retired or left_service status on the record on the detection day), from 1 Jul 2025: reprimand, warning, removal_of_former_title only (Luật 80/2025 art. 43(3)(c))';
