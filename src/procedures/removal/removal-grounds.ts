import { consecutiveYearsNotCompleted } from '../../cadres/person/consecutive-ratings';
import { statusPeriodCovers } from '../../cadres/person/status-period-covers';
import { resignationDecisionDueBy } from './resignation-talk';
import { QualityRating } from '../../cadres/person/person-profile.events';
import { PersonStatusPeriod, PostHeld } from '../../cadres/person/person.state';
import { isCalendarDate } from '../../common/input/calendar-date';
import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { suspensionOpening } from './suspension-period';

/** What the person's record says, read by the module before the pure checks. */
export interface RemovalRecord {
  /** The posts held today (one a decision effective later ends still is; one it gives, not yet). */
  posts: PostHeld[];
  statuses: PersonStatusPeriod[];
  ratings: { year: number; rating: QualityRating }[];
  /** Discipline decisions in effect today (form and reference). */
  disciplineInEffect: { form: string; decisionRef: string }[];
  /**
   * Every discipline decision on the record not annulled by today, however long ago, with the
   * other track's case on the same violation (one violation disciplined on both tracks).
   */
  disciplineDecided: DisciplineDecided[];
  /** Discipline cases about the person still open that the case's unit may be told of. */
  openDisciplineCases: string[];
  /** How many more are open out of the case's unit's reach (a unit above or another opened them). */
  openDisciplineCasesElsewhere?: number;
  /** How many of those a unit not above the case's unit opened (a sibling's). */
  openDisciplineCasesByAnotherUnit?: number;
  /** How those cases run the person, where their notes say (cadre, civil servant). */
  openDisciplineCasesAs: ('cadre' | 'civil_servant')[];
}

export interface DisciplineDecided {
  caseId: string;
  form: string;
  decidedOn: string;
  decisionRef: string;
  sameViolationCaseId?: string;
}

export interface RemovalOpeningInput {
  definitionId: string;
  /** The kinds of ground the case's definition lists (relief), when it lists them. */
  groundKinds?: readonly string[];
  positionId: string;
  grounds: Record<string, unknown> | undefined;
  record: RemovalRecord;
  today: string;
  ruleSet: RuleSet;
  /** The talk's time limit (the definition's first step), counted from the letter of resignation. */
  talk?: { workingDays: number; calendar: WorkingDayCalendar };
}

type Facts = Record<string, unknown>;
type Share = { numerator: number; denominator: number };

function invalid(field: string, message: string): never {
  throw new DomainRuleViolation(
    'removal.grounds_invalid',
    `${field}: ${message}`,
    'invalid',
    field,
  );
}

function notMet(message: string): never {
  throw new DomainRuleViolation('removal.ground_not_met', message, 'unprocessable', 'grounds');
}

function text(grounds: Facts, field: string): string {
  const value = grounds[field];
  if (typeof value !== 'string' || value.trim() === '')
    invalid(`grounds.${field}`, 'is required (a non-empty text)');
  return value as string;
}

/**
 * The ground's fields are exactly those its kind takes: a field the request adds would be
 * dropped unseen (`reference` misspelt, a tally on a ground that takes none), as the body's
 * other unknown fields are refused.
 */
function onlyFields(grounds: Facts, allowed: readonly string[]): void {
  const unknown = Object.keys(grounds).find((key) => !allowed.includes(key));
  if (unknown !== undefined)
    invalid(`grounds.${unknown}`, `is not a field of this ground (it takes ${allowed.join(', ')})`);
}

function count(grounds: Facts, field: string): number {
  const value = grounds[field];
  if (!Number.isInteger(value) || (value as number) < 0)
    invalid(`grounds.${field}`, 'must be a whole number ≥ 0');
  return value as number;
}

/** The tally of a confidence vote (lấy phiếu tín nhiệm) and whether its low votes exceed the share. */
function lowConfidence(grounds: Facts, ruleSet: RuleSet, param: string): Facts {
  const low = count(grounds, 'lowConfidenceVotes');
  const total = count(grounds, 'totalVotes');
  if (total === 0 || low > total)
    invalid(
      'grounds.lowConfidenceVotes',
      `must lie between 0 and totalVotes (${total}), total > 0`,
    );
  const share = ruleValue<Share>(ruleSet, param);
  const citation = ruleCitation(ruleSet, param);
  if (low * share.denominator <= share.numerator * total)
    notMet(
      `${low} of ${total} low-confidence votes is not more than ${share.numerator}/${share.denominator} of the votes (${citation})`,
    );
  return { lowConfidenceVotes: low, totalVotes: total, rule: citation };
}

/** The latest consecutive years rated "did not complete duties", as many as the rule asks. */
function notCompletedDuties(record: RemovalRecord, today: string, ruleSet: RuleSet): Facts {
  const param = 'removal.dismissal.consecutiveYearsNotCompleted';
  const years = ruleValue<number>(ruleSet, param);
  const thisYear = Number(today.slice(0, 4));
  const rated = record.ratings.filter((r) => r.year <= thisYear).sort((a, b) => a.year - b.year);
  const latest = rated.at(-1)?.year ?? thisYear;
  const run = consecutiveYearsNotCompleted(rated, latest, years);
  if (!run) {
    const seen = rated.slice(-years).map((r) => `${r.year} ${r.rating}`);
    notMet(
      `the record does not show ${years} consecutive years rated not_completed (latest ratings: ${seen.join(', ') || 'none'}) (${ruleCitation(ruleSet, param)})`,
    );
  }
  return { years: run, rule: ruleCitation(ruleSet, param) };
}

/** A reprimand or warning in effect on the record (removal from post ends the post by itself). */
function disciplineDecision(record: RemovalRecord, ruleSet: RuleSet): Facts {
  const param = 'removal.dismissal.disciplineForms';
  const forms = ruleValue<string[]>(ruleSet, param);
  const found = record.disciplineInEffect.filter((d) => forms.includes(d.form));
  if (found.length === 0)
    notMet(
      `no discipline decision of a form among ${forms.join(', ')} is in effect on the record (${ruleCitation(ruleSet, param)})`,
    );
  return { decisions: found, rule: ruleCitation(ruleSet, param) };
}

/**
 * Reprimanded two times or more in one term of the post (khiển trách hai lần trở lên trong cùng
 * một nhiệm kỳ): the decisions of the named forms taken since the person took up the post, one
 * violation disciplined on both tracks counted once.
 */
function repeatedDiscipline(input: RemovalOpeningInput): Facts {
  const { record, ruleSet, today, positionId } = input;
  const param = 'removal.dismissal.repeatedDisciplineInTerm';
  const { forms, count } = ruleValue<{ forms: string[]; count: number }>(ruleSet, param);
  const post = record.posts.find((held) => held.positionId === positionId)!;
  const counted: DisciplineDecided[] = [];
  for (const decision of [...record.disciplineDecided].sort((a, b) =>
    a.decidedOn.localeCompare(b.decidedOn),
  )) {
    if (!forms.includes(decision.form)) continue;
    if (decision.decidedOn < post.from || decision.decidedOn > today) continue;
    const sameViolation = counted.some(
      (c) => c.caseId === decision.sameViolationCaseId || c.sameViolationCaseId === decision.caseId,
    );
    if (!sameViolation) counted.push(decision);
  }
  if (counted.length < count)
    notMet(
      `the record shows ${counted.length} decision(s) of ${forms.join(', ')} since the person took up post ${positionId} on ${post.from} (${counted.map((c) => `${c.decisionRef} of ${c.decidedOn}`).join(', ') || 'none'}); the ground needs ${count} in one term (${ruleCitation(ruleSet, param)})`,
    );
  return {
    decisions: counted.map(({ form, decisionRef, decidedOn }) => ({
      form,
      decisionRef,
      decidedOn,
    })),
    termFrom: post.from,
    rule: ruleCitation(ruleSet, param),
  };
}

const DISMISSAL_GROUNDS = [
  'low_confidence',
  'not_completed_duties',
  'discipline',
  'repeated_discipline',
  'conclusion',
];

/** Miễn nhiệm: the ground named, checked against its figures or the record. */
function dismissal(input: RemovalOpeningInput, grounds: Facts): Facts {
  const { record, ruleSet, today } = input;
  switch (grounds.kind) {
    case 'low_confidence':
      onlyFields(grounds, ['kind', 'lowConfidenceVotes', 'totalVotes']);
      return lowConfidence(grounds, ruleSet, 'removal.dismissal.lowConfidenceShare');
    case 'not_completed_duties':
      onlyFields(grounds, ['kind']);
      return notCompletedDuties(record, today, ruleSet);
    case 'discipline':
      onlyFields(grounds, ['kind']);
      return disciplineDecision(record, ruleSet);
    case 'repeated_discipline':
      onlyFields(grounds, ['kind']);
      return repeatedDiscipline(input);
    case 'conclusion':
      // A competent body's conclusion (e.g. on degradation, protecting internal politics).
      onlyFields(grounds, ['kind', 'reference']);
      return { reference: text(grounds, 'reference') };
    default:
      return invalid('grounds.kind', `must be one of ${DISMISSAL_GROUNDS.join(', ')}`);
  }
}

/**
 * The day the resignation letter arrived: not after today, and not before the person took up the
 * post it resigns from (which also rules out a day before their birth).
 */
function letterDay({ record, positionId, today }: RemovalOpeningInput, grounds: Facts): string {
  const letterReceivedOn = grounds.letterReceivedOn;
  if (!isCalendarDate(letterReceivedOn) || letterReceivedOn > today)
    invalid('grounds.letterReceivedOn', `must be a day YYYY-MM-DD not after today (${today})`);
  const post = record.posts.find((held) => held.positionId === positionId);
  if (post && letterReceivedOn < post.from)
    throw new DomainRuleViolation(
      'removal.letter_before_post',
      `grounds.letterReceivedOn: ${letterReceivedOn} is before the person took up post ${positionId} on ${post.from}; a letter resigning from it cannot come earlier`,
      'invalid',
      'grounds.letterReceivedOn',
    );
  return letterReceivedOn;
}

/** Từ chức: the letter, nobody under investigation, and a low-confidence tally if one is given. */
function resignation(input: RemovalOpeningInput, grounds: Facts): Facts {
  const { record, ruleSet, today } = input;
  onlyFields(grounds, ['letterReceivedOn', 'reason', 'lowConfidenceVotes', 'totalVotes']);
  const letterReceivedOn = letterDay(input, grounds);
  const reason = text(grounds, 'reason');
  const param = 'removal.resignation.blockingStatuses';
  const blocking = ruleValue<string[]>(ruleSet, param);
  const active = record.statuses.find(
    (s) => blocking.includes(s.status) && statusPeriodCovers(s, today),
  );
  if (active)
    throw new DomainRuleViolation(
      'removal.resignation_not_allowed',
      `the cadre is ${active.status.replace(/_/g, ' ')} since ${active.from} and may not resign while it lasts (${ruleCitation(ruleSet, param)})`,
      'unprocessable',
      'personId',
    );
  const tally =
    grounds.lowConfidenceVotes === undefined
      ? {}
      : lowConfidence(grounds, ruleSet, 'removal.resignation.lowConfidenceShare');
  // The talk is due so many working days after the letter arrived, whenever the case is opened.
  const talkDueBy = input.talk
    ? input.talk.calendar.addWorkingDays(letterReceivedOn, input.talk.workingDays)
    : undefined;
  // So is the decision, by the rule set's limit (before: 5 working days from the ballot, whenever).
  const decisionDueBy = input.talk
    ? resignationDecisionDueBy(letterReceivedOn, ruleSet, input.talk.calendar)
    : null;
  return {
    letterReceivedOn,
    reason,
    ...(talkDueBy ? { talkDueBy, openedAfterTalkDue: today > talkDueBy } : {}),
    ...(decisionDueBy ? { decisionDueBy } : {}),
    ...tally,
  };
}

/**
 * Whether a removal case may open and the facts it records: the person holds the post, and the
 * ground the request names is met (dismissal, resignation), stated (relief) or on the record
 * (suspension). A refusal names the rule with the figures.
 */
export function removalOpening(input: RemovalOpeningInput): Facts {
  if (!input.record.posts.some((post) => post.positionId === input.positionId))
    throw new DomainRuleViolation(
      'removal.post_not_held',
      `positionId: the person does not hold post ${input.positionId}`,
      'unprocessable',
      'positionId',
    );
  if (input.definitionId === 'removal.suspension')
    return suspensionOpening(input.record, input.ruleSet);
  const grounds = input.grounds;
  if (!grounds) return invalid('grounds', 'is required: the ground the case rests on');
  if (input.definitionId === 'removal.resignation') return resignation(input, grounds as Facts);
  const kind = text(grounds as Facts, 'kind');
  if (input.definitionId !== 'removal.dismissal')
    onlyFields(grounds as Facts, ['kind', 'reference']);
  // A relief rests on one of the cases its definition lists: any other word opened a case before.
  if (input.groundKinds && !input.groundKinds.includes(kind))
    invalid('grounds.kind', `must be one of ${input.groundKinds.join(', ')}`);
  const checked =
    input.definitionId === 'removal.dismissal'
      ? dismissal(input, grounds as Facts)
      : { reference: text(grounds as Facts, 'reference') };
  return { ground: kind, ...checked };
}
