/**
 * The categories a violation is filed under (the register filters by them) and where a report
 * came from (VIOLATION_SOURCES of discipline.events.ts). The server takes any category written as
 * lower-case words joined by `_`; these are the ones the screen offers, each with its name.
 */
export const VIOLATION_CATEGORIES = [
  'land_management',
  'budget',
  'public_investment',
  'personnel_work',
  'asset_declaration',
  'ethics',
  'other',
];

export const VIOLATION_SOURCES = ['report', 'inspection', 'denunciation'] as const;
