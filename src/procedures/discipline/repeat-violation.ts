import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { DisciplineOnRecord, PersonState } from '../../cadres/person/person.state';
import { postsHeldOn } from '../../cadres/person/posts-held-on';
import { inEffectUntil } from '../../cadres/discipline-standing';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { refuse } from '../../workflow/step-engine';
import { DisciplineTrack, ServiceStatus } from './discipline.events';
import { refuseFormForStatus, trackForms } from './discipline.rules';
import { DisciplineState } from './discipline.state';

const PARAM = 'discipline.repeatViolationHeavierForm';
export const REPEAT_VIOLATION_RULE = 'discipline.repeat_violation_needs_heavier_form';

/**
 * The case as the repeat-violation rule reads it: whose, which track, the violation's day and
 * the form the new violation warrants on its own (`severity`, typed at opening; absent: unknown).
 */
export interface RepeatViolationCase {
  caseId: string;
  personId: string;
  track: DisciplineTrack;
  serviceStatus: ServiceStatus;
  electedCadre: boolean;
  violation: { committedOn: string; severity?: string };
}

/**
 * What the least form is one level above: the form served (point a: the new violation warrants
 * a lighter or equal form, or its form is not on record), the new violation's own form (point b:
 * it warrants a heavier one), or neither where that form is already the heaviest (no level above).
 */
export type HeavierFormBasis = 'served' | 'new_violation' | 'heaviest';

/**
 * A violation committed while an earlier decision of the same track was still being served
 * (đang trong thời gian thi hành quyết định kỷ luật) takes a form one level heavier than the
 * heavier of the form served and the form the new violation warrants on its own.
 */
export interface HeavierFormRequired {
  rule: typeof REPEAT_VIOLATION_RULE;
  /**
   * The heaviest earlier discipline in effect on the violation's day, by its decision (not its
   * case: the reader's grant may not reach the case that decided it).
   */
  inEffect: {
    form: string;
    decisionRef: string;
    effectiveFrom: string;
    inEffectUntil: string | null;
  };
  /** The form the new violation warrants on its own, as the case records it (null: not recorded). */
  newViolationForm: string | null;
  basis: HeavierFormBasis;
  /** The lightest form the decision may apply; the forms it may apply, lightest first. */
  leastForm: string;
  formsAllowed: string[];
  citation: string;
}

/**
 * What the rule set requires of this case's form, from the person's record; null where the rule
 * set has no such rule (null or absent: the sets in force before Nghị định 172/2025, whole sets
 * pinned before Dec 2026) or nothing of the track was in effect on the violation's day. An annulled decision counts for nothing.
 */
export function heavierFormRequired(
  ruleSet: RuleSet,
  subject: RepeatViolationCase,
  records: readonly DisciplineOnRecord[] | undefined,
  postsHeld?: readonly string[],
): HeavierFormRequired | null {
  const rule = ruleSet.params[PARAM]?.value as { levels: string[][] } | null | undefined;
  if (!records || !rule) return null;
  const { levels } = rule;
  const level = (form: string) => levels.findIndex((forms) => forms.includes(form));
  const day = subject.violation.committedOn;
  const served = records
    .filter((r) => r.caseId !== subject.caseId && r.track === subject.track && !r.annulled)
    .filter((r) => r.effectiveFrom <= day && inEffectOn(r, day) && level(r.form) >= 0)
    .sort((a, b) => level(b.form) - level(a.form))[0];
  if (!served) return null;
  const own = subject.violation.severity;
  const newViolationForm = own !== undefined && level(own) >= 0 ? own : null;
  const { least, basis } = leastLevel(
    levels,
    level(served.form),
    newViolationForm ? level(newViolationForm) : -1,
  );
  const heavier = trackForms(ruleSet, subject.track).filter((form) => level(form) >= least);
  const formsAllowed = heavier.filter((form) => appliesTo(ruleSet, form, subject, postsHeld));
  return {
    rule: REPEAT_VIOLATION_RULE,
    inEffect: {
      form: served.form,
      decisionRef: served.decisionRef,
      effectiveFrom: served.effectiveFrom,
      inEffectUntil: inEffectUntil(served),
    },
    newViolationForm,
    basis,
    leastForm: formsAllowed[0] ?? heavier[0],
    formsAllowed,
    citation: ruleCitation(ruleSet, PARAM),
  };
}

/**
 * Art. 2(3): one level above the form served where the new violation warrants a lighter or equal
 * form (point a), one level above the new violation's own form where it warrants a heavier one
 * (point b); the heaviest level has none above it, so the heaviest form itself.
 */
export function leastLevel(
  levels: readonly string[][],
  servedLevel: number,
  newViolationLevel: number,
): { least: number; basis: HeavierFormBasis } {
  const heavierOfTwo = Math.max(servedLevel, newViolationLevel);
  const top = levels.length - 1;
  if (heavierOfTwo >= top) return { least: top, basis: 'heaviest' };
  return {
    least: heavierOfTwo + 1,
    basis: newViolationLevel > servedLevel ? 'new_violation' : 'served',
  };
}

/** Refuses a form below the least one a repeat violation allows, naming the decision served. */
export function refuseLighterThanServed(
  ruleSet: RuleSet,
  subject: RepeatViolationCase,
  form: string,
  field: string,
  context: { disciplineOnRecord?: readonly DisciplineOnRecord[]; postsHeld?: readonly string[] },
): void {
  const required = heavierFormRequired(
    ruleSet,
    subject,
    context.disciplineOnRecord,
    context.postsHeld,
  );
  if (!required) return;
  const { inEffect, newViolationForm, basis, leastForm } = required;
  const { levels } = ruleValue<{ levels: string[][] }>(ruleSet, PARAM);
  const level = (name: string) => levels.findIndex((forms) => forms.includes(name));
  const ownLevel = newViolationForm ? level(newViolationForm) : -1;
  if (level(form) >= leastLevel(levels, level(inEffect.form), ownLevel).least) return;
  const warrants = newViolationForm
    ? `, the new violation warrants ${newViolationForm} on its own`
    : ' (the form the new violation warrants on its own is not on record)';
  refuse(
    REPEAT_VIOLATION_RULE,
    `${field}: the violation of ${subject.violation.committedOn} was committed while ${inEffect.form} (${inEffect.decisionRef}) was in effect${inEffect.inEffectUntil ? ` until ${inEffect.inEffectUntil}` : ''}; served ${inEffect.form}${warrants}, needs at least ${leastForm} (${BASIS_WORDS[basis]}), not ${form} (${required.citation})`,
    'unprocessable',
    field,
    {
      inEffect,
      newViolationForm,
      basis,
      leastForm,
      formsAllowed: required.formsAllowed,
    },
  );
}

/** Why the least form is what it is, in the refusal's words. */
const BASIS_WORDS: Record<HeavierFormBasis, string> = {
  served: 'one level above the form served',
  new_violation: "one level above the new violation's own form",
  heaviest: 'the heaviest form: there is no level above it',
};

/** In effect on the day by its own validity (hiệu lực), not by the bar on higher posts. */
function inEffectOn(record: DisciplineOnRecord, day: string): boolean {
  const until = inEffectUntil(record);
  return until === null || day < until;
}

/** Whether the person's status and posts allow the form (removal needs a post, …). */
function appliesTo(
  ruleSet: RuleSet,
  form: string,
  subject: RepeatViolationCase,
  postsHeld?: readonly string[],
): boolean {
  try {
    refuseFormForStatus(ruleSet, form, subject, 'form', postsHeld);
    return true;
  } catch (error) {
    if (error instanceof DomainRuleViolation) return false;
    throw error;
  }
}

/**
 * What an open case's view shows where the form is chosen: the requirement, from the person's
 * record as it stands today (absent when nothing is required).
 */
export function heavierFormView(
  state: DisciplineState,
  ruleSet: RuleSet,
  person: PersonState,
  today: string,
): { heavierFormRequired?: HeavierFormRequired } {
  if (state.status !== 'open' || person.status !== 'registered') return {};
  const postsHeld = postsHeldOn(person, today).map((post) => post.positionId);
  const required = heavierFormRequired(ruleSet, state, person.discipline, postsHeld);
  return required ? { heavierFormRequired: required } : {};
}
