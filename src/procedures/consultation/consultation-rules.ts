import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';
import { PrerequisiteCase, refuseUntilGiven } from '../case/prerequisite-case';
import { PrerequisiteOpeningNames, prerequisiteOpening } from '../case/prerequisite-opening';

const WHEN = 'appointment.consultationWhen';

/** Which appointments need another body's agreement (hiệp y), and whose. */
export interface ConsultationWhen {
  /** Kinds of the post's appointing authority (peoples_committee: a department head). */
  appointingAuthorityKinds: string[];
  /** Posts of at least this rank. */
  minRank: number;
  /** The body whose agreement is asked, as the refusal names it. */
  consultedBody: string;
}

/** The post an appointment is for, with the kind of its appointing authority. */
export interface ConsultedPost {
  id: string;
  rank: number;
  appointingAuthority: string;
  appointingAuthorityKind: string | null;
}

/** Whether the appointment needs a consultation; a set without the parameter asks none. */
export function needsConsultation(ruleSet: RuleSet, post: ConsultedPost): boolean {
  if (!ruleSet.params[WHEN]) return false;
  const when = ruleValue<ConsultationWhen>(ruleSet, WHEN);
  return (
    post.rank >= when.minRank &&
    post.appointingAuthorityKind !== null &&
    when.appointingAuthorityKinds.includes(post.appointingAuthorityKind)
  );
}

/** How appointments and refusals name a consultation case; an agreement does not run out. */
export const CONSULTATION: PrerequisiteOpeningNames = {
  procedure: 'consultation',
  field: 'consultationCaseId',
  rule: 'appointment.consultation',
  what: 'the agreement (hiệp y)',
  kind: 'a consultation case',
  toOpen: 'a consultation case',
  asks: 'agreement',
  runsOut: false,
};

/**
 * At opening: an appointment that needs a consultation names its consultation case, which must
 * be one for the same post; the case's facts keep the name for the first step's check.
 */
export function consultationOpening(input: {
  ruleSet: RuleSet;
  post: ConsultedPost;
  named: string | undefined;
  consultationCase: PrerequisiteCase | null;
}): Record<string, unknown> {
  const { ruleSet, post } = input;
  return prerequisiteOpening(CONSULTATION, {
    postId: post.id,
    named: input.named,
    prerequisite: input.consultationCase,
    neededBecause: () => {
      if (!needsConsultation(ruleSet, post)) return null;
      const { consultedBody, minRank } = ruleValue<ConsultationWhen>(ruleSet, WHEN);
      return `an appointment to ${post.id} (rank ${post.rank} ≥ ${minRank}, appointed by the ${post.appointingAuthorityKind} ${post.appointingAuthority}) needs the agreement (hiệp y) of ${consultedBody} first (${ruleCitation(ruleSet, WHEN)})`;
    },
  });
}

/** Before the appointment's first step and its decision: the other body has agreed. */
export function refuseWithoutAgreement(consultationCase: PrerequisiteCase, today: string): void {
  refuseUntilGiven(consultationCase, today, CONSULTATION);
}

/** An agreement holds for the appointment it was asked for: it has no term of its own. */
export function agreementTerm(effectiveFrom: string): DecisionTerm {
  return {
    termYears: 0,
    termEnd: effectiveFrom,
    termRule: 'an agreement (hiệp y) has no term: it holds for the appointment it was asked for',
  };
}
