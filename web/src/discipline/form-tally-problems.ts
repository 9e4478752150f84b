import { TFunction } from 'i18next';
import { attendanceFindings } from '../ballot/ballot-check';

/** The counts of a form ballot besides its votes per form, each required (FormBallotTallyDto). */
export const FORM_TALLY_COUNTS = [
  'members',
  'summoned',
  'present',
  'invalid',
  'noDiscipline',
] as const;

type Count = (typeof FORM_TALLY_COUNTS)[number];

/**
 * What keeps a form ballot's counts from being sent, by the form's field, in the reader's
 * language: an empty count, one not a whole number 0 or more (members at least 1, as the server
 * asks), a vote per form likewise where typed (empty is no votes), present ≤ summoned ≤
 * members, and the votes for the forms + no discipline + invalid adding up to those present. Before, the counts went out empty and the server's «tally.members phải lớn hơn hoặc
 * bằng 1» came back in the box under the form, not on the field.
 */
export function formTallyProblems(
  values: Record<string, string>,
  forms: string[],
  t: TFunction,
): Record<string, string> {
  const problems: Record<string, string> = {};
  const known: Partial<Record<Count, number>> = {};
  const wholeNumber = (name: string): number | null => {
    const text = (values[name] ?? '').trim();
    const value = Number(text);
    if (text === '' || Number.isInteger(value)) return text === '' ? null : value;
    problems[name] = t('ballot.count_invalid');
    return null;
  };
  for (const key of FORM_TALLY_COUNTS) {
    const value = wholeNumber(key);
    if (problems[key]) continue;
    if (value === null) problems[key] = t('discipline.form.required');
    else if (value < 0) problems[key] = t('ballot.count_invalid');
    else if (key === 'members' && value < 1) problems[key] = t('discipline.form.membersNone');
    else known[key] = value;
  }
  let votesForForms: number | null = 0;
  for (const form of forms) {
    const value = wholeNumber(`votes.${form}`);
    if (value !== null && value < 0) problems[`votes.${form}`] = t('ballot.count_invalid');
    if (problems[`votes.${form}`]) votesForForms = null;
    else if (votesForForms !== null) votesForForms += value ?? 0;
  }
  for (const finding of attendanceFindings({
    members: known.members ?? null,
    summoned: known.summoned ?? null,
    present: known.present ?? null,
  }))
    problems[finding.field] ??= t(`ballot.${finding.key}`, finding.values);
  // Every ballot of those present is counted once (the server's 400 tally.inconsistent, on
  // «present» as it names it): before, 3 + 5 votes of 7 present went out and came back refused.
  const { present, invalid, noDiscipline } = known;
  if (
    present !== undefined &&
    invalid !== undefined &&
    noDiscipline !== undefined &&
    votesForForms !== null
  ) {
    const cast = votesForForms + noDiscipline + invalid;
    if (cast !== present) problems.present ??= t('discipline.live.sumMismatch', { cast, present });
  }
  return problems;
}

/**
 * The form's field a server refusal names: `tally.members` is the «members» count,
 * `tally.votesByForm.warning` the votes for a warning; another field as named.
 */
export function formTallyField(field: string): string {
  return field
    .replace(/^tally\.votesByForm\.(.+)$/, 'votes.$1')
    .replace(/^tally\.([A-Za-z]+)$/, '$1');
}
