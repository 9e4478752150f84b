import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SEEDS = resolve(__dirname, '../../seeds/rule-sets');
/** The instrument the rule sets in force since 8 Oct 2025 take `appointment.termYears` from. */
const TERM_INSTRUMENT = join('instruments', 'qd-377-tw-2025.json');

/**
 * A copy of the seeded rule sets whose appointment term (`appointment.termYears`, Quy định
 * 377-QĐ/TW) is one year instead of five: a case opened by a records clerk as of a day just over
 * a year ago, decided that day, has a term that has already ended, so its term-end timer is due at
 * once. No seeded rule set is in force early enough for a five-year term to have ended (a step is
 * not dated before its case was opened, and the earliest set starts on 2022-08-18). Pass the
 * directory as RULE_SETS_DIR to every process of the suite; `remove` it after.
 */
export function oneYearTermRuleSets(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cadreflow-rule-sets-'));
  cpSync(SEEDS, dir, { recursive: true });
  const file = join(dir, TERM_INSTRUMENT);
  const instrument = JSON.parse(readFileSync(file, 'utf8'));
  const term = instrument.params['appointment.termYears'];
  term.value = 1;
  term.text = 'an appointment term is 1 year (a test setting: the instrument says 5)';
  writeFileSync(file, JSON.stringify(instrument, null, 2));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
