import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { VettingEntry } from './case.events';
import { PersonFactsForVetting } from './case.context';
import { planningPoolItem, yearsInPostItem, yearsToRetirementItem } from './vetting-posts';

/** The vetting items the person's record decides; the others are entered by vetting staff. */
const RECORD_ITEMS = [
  'planning_pool',
  'years_in_post',
  'years_to_retirement',
  'discipline_bar',
] as const satisfies readonly VettingItem[];
export const ITEMS_FROM_RECORD: VettingItem[] = [...RECORD_ITEMS];
type ItemFromRecord = (typeof RECORD_ITEMS)[number];

/** Clears or flags the conditions from the person's record under the case's rule set. */
export function vettingFromRecord(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  items: VettingItem[],
): VettingEntry[] {
  const wanted = new Set(items);
  // Entries come in this fixed order, whatever the order the definition lists the items in.
  return RECORD_ITEMS.filter((item) => wanted.has(item)).map((item) =>
    FROM_RECORD[item](facts, ruleSet, today),
  );
}

type RecordCheck = (facts: PersonFactsForVetting, ruleSet: RuleSet, today: string) => VettingEntry;

const FROM_RECORD: Record<ItemFromRecord, RecordCheck> = {
  planning_pool: (facts, _ruleSet, today) => planningPoolItem(facts, today),
  years_in_post: yearsInPostItem,
  years_to_retirement: yearsToRetirementItem,
  discipline_bar: disciplineBar,
};

/** A discipline still in effect, or a discipline case still open, bars a higher post. */
function disciplineBar(
  facts: PersonFactsForVetting,
  _ruleSet: RuleSet,
  today: string,
): VettingEntry {
  const bars = facts.disciplineBars.filter((bar) => bar.endsOn === null || bar.endsOn > today);
  const reasons = [
    ...bars.map(
      (bar) =>
        `discipline (${bar.form}, ${bar.decisionRef}) bars a higher post ${bar.endsOn === null ? 'with no end date' : `until ${bar.endsOn}`}`,
    ),
    ...facts.openDisciplineCases.map(
      (caseId) => `open discipline case ${caseId} is past verification`,
    ),
  ];
  return {
    item: 'discipline_bar',
    result: reasons.length ? 'flagged' : 'cleared',
    note: reasons.length
      ? reasons.join('; ')
      : 'no discipline in effect and no open discipline case',
    source: 'record',
  };
}
