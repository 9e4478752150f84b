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

/** The case as the repeat-violation rule reads it: whose, which track, the violation's day. */
export interface RepeatViolationCase {
  caseId: string;
  personId: string;
  track: DisciplineTrack;
  serviceStatus: ServiceStatus;
  electedCadre: boolean;
  violation: { committedOn: string };
}

/**
 * A violation committed while an earlier decision of the same track was still being served
 * (đang trong thời gian thi hành quyết định kỷ luật) takes a form at least one level heavier.
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
  const least = Math.min(level(served.form) + 1, levels.length - 1);
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
    leastForm: formsAllowed[0] ?? heavier[0],
    formsAllowed,
    citation: ruleCitation(ruleSet, PARAM),
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
  const { inEffect } = required;
  const { levels } = ruleValue<{ levels: string[][] }>(ruleSet, PARAM);
  const level = (name: string) => levels.findIndex((forms) => forms.includes(name));
  if (level(form) >= Math.min(level(inEffect.form) + 1, levels.length - 1)) return;
  refuse(
    REPEAT_VIOLATION_RULE,
    `${field}: the violation of ${subject.violation.committedOn} was committed while ${inEffect.form} (${inEffect.decisionRef}) was in effect${inEffect.inEffectUntil ? ` until ${inEffect.inEffectUntil}` : ''}; a form at least one level heavier applies: ${required.leastForm} or heavier, not ${form} (${required.citation})`,
    'unprocessable',
    field,
    { inEffect, leastForm: required.leastForm, formsAllowed: required.formsAllowed },
  );
}

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
