import { VettingItem } from '../../../workflow/definitions/procedure-definition';
import { statusPeriodCovers } from '../../../cadres/person/status-period-covers';
import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { VettingEntry } from './case.events';
import {
  casesBarringAppointment,
  casesElsewhereNotYetBarringTold,
  casesElsewhereTold,
  DisciplineCaseBarsFrom,
} from '../../../cadres/discipline-standing';
import { barCoverage, barCoversPost } from '../../../cadres/discipline-bar-scope';
import { MIN_TERM_RATING, termRatingShortfall } from '../../reappointment/term-ratings';

/** From which stage an open discipline case holds back an appointment to a higher post. */
const BARS_FROM = 'appointment.disciplineCaseBarsFrom';
import { PersonFactsForVetting } from './case.context';
import { appointmentBlockingStatuses } from '../../../cadres/blocking-statuses';
import {
  highestRankHeld,
  planningPoolItem,
  yearsInPostItem,
  yearsToRetirementItem,
} from './vetting-posts';

/** The vetting items the person's record decides; the others are entered by vetting staff. */
const RECORD_ITEMS = [
  'planning_pool',
  'years_in_post',
  'years_to_retirement',
  'discipline_bar',
  'term_rating',
] as const satisfies readonly VettingItem[];
export const ITEMS_FROM_RECORD: VettingItem[] = [...RECORD_ITEMS];
type ItemFromRecord = (typeof RECORD_ITEMS)[number];

/** Clears or flags the conditions from the person's record under the case's rule set. */
export function vettingFromRecord(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  items: VettingItem[],
  /** An appointment's vetting: a status holding it back (`appointment.blockingStatuses`) flags too. */
  appointment = false,
): VettingEntry[] {
  const wanted = new Set(items);
  // Entries come in this fixed order, whatever the order the definition lists the items in.
  return RECORD_ITEMS.filter((item) => wanted.has(item)).map((item) =>
    FROM_RECORD[item](facts, ruleSet, today, appointment),
  );
}

type RecordCheck = (
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  appointment: boolean,
) => VettingEntry;

const FROM_RECORD: Record<ItemFromRecord, RecordCheck> = {
  planning_pool: (facts, _ruleSet, today) => planningPoolItem(facts, today),
  years_in_post: yearsInPostItem,
  years_to_retirement: yearsToRetirementItem,
  discipline_bar: disciplineBar,
  term_rating: termRating,
};

/**
 * A re-appointment's term rated below the rule set's least (`reappointment.minTermRating`), or
 * with a year over and not rated, read from the record at vetting, so staff see it before the last
 * step: flagged, it holds the decision back until resolved (the rating corrected or entered, or a
 * note saying where the year's rating is) or the case rejected; the decision reads the ratings
 * again. A year with no rating is never taken as rated "completed".
 */
function termRating(facts: PersonFactsForVetting, ruleSet: RuleSet, today: string): VettingEntry {
  const shortfall = facts.termRecord
    ? termRatingShortfall(facts.termRecord, facts.target.positionId, ruleSet, today)
    : null;
  if (shortfall)
    return { item: 'term_rating', result: 'flagged', note: shortfall.message, source: 'record' };
  return {
    item: 'term_rating',
    result: 'cleared',
    note: ruleSet.params[MIN_TERM_RATING]
      ? `no year of the term rated below ${ruleValue<string>(ruleSet, MIN_TERM_RATING).replace(/_/g, ' ')} (${ruleCitation(ruleSet, MIN_TERM_RATING)})`
      : 'the rule set asks no rating of the term',
    source: 'record',
  };
}

/**
 * A discipline still in effect, or a discipline case still open, bars a higher post; for an
 * appointment, so does a status the rule set names (under investigation), as eligibility says.
 */
function disciplineBar(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
  appointment: boolean,
): VettingEntry {
  if (facts.holdsTargetPost) return heldPostDiscipline(facts, ruleSet, today);
  const barsFrom = ruleValue<DisciplineCaseBarsFrom>(ruleSet, BARS_FROM);
  // A decided discipline bars a higher post; its recorded scope may bar an equivalent post or
  // any appointment too (Luật CBCC art. 82(3), Điều lệ Đảng art. 40(3)).
  const held = highestRankHeld(facts.posts);
  const bars = facts.disciplineBars.filter(
    (bar) =>
      (bar.endsOn === null || bar.endsOn > today) &&
      barCoversPost(bar, facts.target.rank, held, today),
  );
  const openCases = facts.pendingDisciplineCases ?? facts.openDisciplineCases;
  const barring = casesBarringAppointment(
    { openCasesPastVerification: facts.openDisciplineCases, openCases },
    barsFrom,
  );
  const reasons = [
    ...bars.map(
      (bar) =>
        `discipline (${bar.form}, ${bar.decisionRef}) bars ${barCoverage(bar, today)} ${until(bar)}${bar.rule ? ` (${bar.rule})` : ''}`,
    ),
    ...[
      ...barring.map((caseId) => `open discipline case ${caseId}`),
      // Told as opened by a unit above or by another unit (a sibling's), without the id.
      ...casesElsewhereTold(facts.disciplineCasesElsewhere, barsFrom),
    ].map(
      (named) =>
        `${named} ${barsFrom === 'opening' ? 'is pending' : 'is past verification'} (${ruleCitation(ruleSet, BARS_FROM)})`,
    ),
    ...(appointment ? appointmentBlockingStatuses(facts.statuses ?? [], ruleSet, today) : []).map(
      (blocking) => blocking.reason,
    ),
  ];
  if (reasons.length)
    return {
      item: 'discipline_bar',
      result: 'flagged',
      note: reasons.join('; '),
      source: 'record',
    };
  return {
    item: 'discipline_bar',
    result: 'cleared',
    note: clearedNote(facts, ruleSet, { held, today }, openCases, barring, barsFrom),
    source: 'record',
  };
}

/**
 * Cleared, saying what the record holds: a discipline in effect that bars a higher post only,
 * a case not yet at the stage that bars (before, the note read "no discipline in effect and no
 * open discipline case" beside a recall in effect on the record).
 */
function clearedNote(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  { held, today }: { held: number | null; today: string },
  openCases: string[],
  barring: string[],
  barsFrom: DisciplineCaseBarsFrom,
): string {
  const notYet = [
    ...openCases
      .filter((caseId) => !barring.includes(caseId))
      .map((caseId) => `open discipline case ${caseId}`),
    ...casesElsewhereNotYetBarringTold(facts.disciplineCasesElsewhere, barsFrom),
  ];
  if (!facts.disciplineBars.length && !notYet.length)
    return 'no discipline in effect and no open discipline case';
  const inEffect = facts.disciplineBars.length
    ? [
        ...facts.disciplineBars.map(
          (bar) => `discipline (${bar.form}, ${bar.decisionRef}) in effect ${until(bar)}`,
        ),
        facts.disciplineBars.some((bar) => bar.scope)
          ? `${facts.target.positionId} (rank ${facts.target.rank}) is outside what it bars (${facts.disciplineBars.map((bar) => `${bar.form}: ${barCoverage(bar, today)}`).join('; ')}), beside the post held (rank ${held})`
          : `it bars a higher post only: ${facts.target.positionId} (rank ${facts.target.rank}) is not higher than the post held (rank ${held})`,
      ]
    : ['no discipline in effect'];
  const cases = notYet.length
    ? notYet.map(
        (named) => `${named} is not yet past verification (${ruleCitation(ruleSet, BARS_FROM)})`,
      )
    : ['no open discipline case'];
  return [...inEffect, ...cases].join('; ');
}

const until = (bar: { endsOn: string | null }) =>
  bar.endsOn === null ? 'with no end date' : `until ${bar.endsOn}`;

/** What holds a re-appointment back (`reappointment.blockedWhile`): a pending discipline case, an investigation. */
interface HeldPostBlocks {
  statuses: string[];
  disciplineCasePending: boolean;
}

/**
 * The post the person already holds (re-appointment) is not a higher post: a decided reprimand or
 * warning does not bar it; a discipline case still pending or an investigation does.
 */
function heldPostDiscipline(
  facts: PersonFactsForVetting,
  ruleSet: RuleSet,
  today: string,
): VettingEntry {
  const name = 'reappointment.blockedWhile';
  const blocks: HeldPostBlocks = ruleSet.params[name]
    ? ruleValue<HeldPostBlocks>(ruleSet, name)
    : { statuses: [], disciplineCasePending: true };
  const citation = ruleSet.params[name] ? ` (${ruleCitation(ruleSet, name)})` : '';
  const reasons = [
    ...(blocks.disciplineCasePending
      ? [
          ...(facts.pendingDisciplineCases ?? []).map((caseId) => `discipline case ${caseId}`),
          ...casesElsewhereTold(facts.disciplineCasesElsewhere, 'opening'),
        ]
      : []
    ).map((named) => `${named} is pending`),
    ...(facts.statuses ?? [])
      .filter((s) => blocks.statuses.includes(s.status))
      .filter((s) => statusPeriodCovers(s, today))
      .map((s) => `${s.status.replace(/_/g, ' ')} since ${s.from}`),
  ];
  return {
    item: 'discipline_bar',
    result: reasons.length ? 'flagged' : 'cleared',
    note: reasons.length
      ? `${reasons.join('; ')}${citation}`
      : `the post already held: a decided discipline's bar on a higher post does not apply${heldBars(facts)}; no discipline case pending, no investigation${citation}`,
    source: 'record',
  };
}

/** The disciplines in effect a held post's vetting names though their bar does not apply. */
const heldBars = (facts: PersonFactsForVetting): string =>
  facts.disciplineBars.length
    ? `; ${facts.disciplineBars.map((bar) => `discipline (${bar.form}, ${bar.decisionRef}) in effect ${until(bar)}`).join('; ')}`
    : '';
