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
] as const;

export const DISCIPLINE_FORMS_NOTE =
  'party: reprimand, warning, removal_from_post, expulsion; civil service: reprimand, warning, removal_from_post, dismissal, and demotion until vn-2025, recall (elected cadres) from vn-2025';
