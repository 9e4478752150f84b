import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { addCalendarDays } from '../../../workflow/calendar/working-day-calendar';
import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { PersonFactsForVetting } from './case.context';
import { VettingEntry } from './case.events';
import { vettingFromRecord } from './vetting-from-record';

/** The record items whose flag may end by time alone: a discipline's bar runs to a day. */
const ENDING_BY_TIME: readonly VettingItem[] = ['discipline_bar'];

/**
 * The day each flag the vetting read from the record stops being borne out by that record, where
 * only time ends it (a bar that runs to a day, a status period with an end): the first day after
 * `today` on which the item, judged again under the same rule set on the same record, is
 * cleared. None for a flag nothing on the record ends by a day (an open discipline case, a bar
 * with no end): staff or a workflow clear it. The case's `vetting-flag-end` timer reads the
 * record again on that day (before, the flag stayed until staff pressed «Kiểm tra lại theo hồ
 * sơ» or redid the vetting).
 */
export function flagsEndOn(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  entries: readonly VettingEntry[],
  appointment: boolean,
): Partial<Record<VettingItem, string>> {
  const ends: Partial<Record<VettingItem, string>> = {};
  for (const entry of entries) {
    if (entry.source !== 'record' || entry.result !== 'flagged') continue;
    if (!ENDING_BY_TIME.includes(entry.item)) continue;
    const day = candidateDays(facts, today).find(
      (candidate) =>
        vettingFromRecord(facts, ruleSet, candidate, [entry.item], appointment)[0]?.result ===
        'cleared',
    );
    if (day) ends[entry.item] = day;
  }
  return ends;
}

/**
 * When a discipline workflow's flag ends by time: as `flagsEndOn`, the discipline case whose
 * decision raised it (`causeRef`) taken as decided. The record notes that case closed after it
 * carries the decision (a later write of the same workflow), so read now it still counts the
 * case open, which has no end, and no flag raised so would ever end by time.
 */
export function workflowFlagEndsOn(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  flag: { item: VettingItem; note: string; causeRef: string },
  appointment: boolean,
): string | undefined {
  const decided = withCaseDecided(facts, flag.causeRef);
  const entry: VettingEntry = {
    item: flag.item,
    result: 'flagged',
    note: flag.note,
    source: 'record',
  };
  return flagsEndOn(decided, ruleSet, today, [entry], appointment)[flag.item];
}

/**
 * The record as it stands once the discipline case a workflow carries (`causeRef`) is noted
 * closed there: the workflow writes that note after it carries the decision.
 */
export function withCaseDecided(
  facts: PersonFactsForVetting,
  causeRef: string,
): PersonFactsForVetting {
  const open = (cases: string[] | undefined) => cases?.filter((id) => id !== causeRef);
  return {
    ...facts,
    openDisciplineCases: open(facts.openDisciplineCases) ?? [],
    pendingDisciplineCases: open(facts.pendingDisciplineCases),
  };
}

/**
 * The days after `today` on which something on the record stops, in order: a bar's end and its
 * wider scope's, and the day after a status period's last.
 */
function candidateDays(facts: PersonFactsForVetting, today: string): string[] {
  const days = [
    ...facts.disciplineBars.flatMap((bar) => [bar.endsOn, bar.scope?.until ?? null]),
    ...(facts.statuses ?? []).map((status) =>
      status.until === null ? null : addCalendarDays(status.until, 1),
    ),
  ].filter((day): day is string => day !== null && day > today);
  return [...new Set(days)].sort();
}
