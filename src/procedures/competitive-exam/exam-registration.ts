import { DomainEvent } from '../../common/stream-decider';
import { ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { BegunStep, refuse } from '../../workflow/step-engine';
import { CaseContext } from '../case/decider/case.context';
import { Body } from '../case/decider/case.types';
import {
  EXAM_REGISTRATION,
  refuseCandidateHoldingPost,
} from '../case/decider/candidate-holding-post';
import { refuseRetirementReached } from '../case/decider/retirement-reached-refusal';
import { ITEMS_FROM_RECORD, vettingFromRecord } from '../case/decider/vetting-from-record';
import { RegisteredCandidate } from './exam.types';

const MIN_CANDIDATES = 'exam.minCandidates';

/**
 * Registration for the examination (đăng ký dự thi): every candidate's record is checked against
 * the post's standards the record decides (the step's `vettingItems`); one who falls short is
 * refused with the standard and the rule, and nothing is written, as is one who holds the post
 * already (their term is renewed by another route), or who has reached the retirement age. Those
 * admitted stand for the first part.
 */
export function registerCandidates(
  begun: BegunStep,
  body: Body<'registration'>,
  context: CaseContext,
): DomainEvent[] {
  refuseListedTwice(body);
  const least = ruleValue<number>(context.ruleSet, MIN_CANDIDATES);
  if (body.candidates.length < least)
    refuse(
      'exam.too_few_candidates',
      `candidates: ${body.candidates.length} registered; the examination is held with at least ${least} (${ruleCitation(context.ruleSet, MIN_CANDIDATES)})`,
      'unprocessable',
      'candidates',
      { registered: body.candidates.length, least },
    );
  const standards = (begun.step.vettingItems ?? []).filter((item) =>
    ITEMS_FROM_RECORD.includes(item),
  );
  const candidates = body.candidates.map(({ personId }, index): RegisteredCandidate => ({
    personId,
    eligibility: eligibilityOf(personId, `candidates[${index}].personId`, standards, context),
  }));
  return [{ type: 'CandidatesRegistered', data: { ...begun.record(true), candidates } }];
}

function refuseListedTwice(body: Body<'registration'>): void {
  const ids = body.candidates.map((c) => c.personId);
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index)
      refuse(
        'exam.candidate_listed_twice',
        `candidates[${index}].personId: ${id} is listed twice`,
        'invalid',
        `candidates[${index}].personId`,
      );
  });
}

/** The standards one candidate's record clears; the first one it does not clear refuses the step. */
function eligibilityOf(
  personId: string,
  field: string,
  standards: Parameters<typeof vettingFromRecord>[3],
  context: CaseContext,
) {
  const facts = context.candidateFacts?.[personId];
  if (!facts)
    refuse(
      'exam.candidate_record_unavailable',
      `${field}: ${personId} has no record in the registry`,
      'unprocessable',
      field,
    );
  const on = { definition: context.definition, day: context.today };
  refuseCandidateHoldingPost(personId, facts, on, field, EXAM_REGISTRATION);
  // The winner is appointed to a leadership post: one who has reached the retirement age is
  // refused as an appointment's opening and nominee are (age.retirement_reached on the field),
  // whatever the step's standards (before: exam.candidate_ineligible, under years_to_retirement).
  refuseRetirementReached(personId, facts, { ruleSet: context.ruleSet, day: context.today }, field);
  // The examination appoints its winner: a status holding an appointment back counts too.
  const entries = vettingFromRecord(facts, context.ruleSet, context.today, standards, true);
  const unmet = entries.filter((entry) => entry.result === 'flagged');
  if (unmet.length)
    refuse(
      'exam.candidate_ineligible',
      `${field}: ${personId} does not meet the post's standards: ${unmet.map((e) => `${e.item}: ${e.note}`).join('; ')}`,
      'unprocessable',
      field,
      { personId, standards: unmet.map((e) => e.item) },
    );
  return entries;
}
