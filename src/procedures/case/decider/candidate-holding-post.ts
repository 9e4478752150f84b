import { postsHeldOn } from '../../../cadres/person/posts-held-on';
import { ProcedureDefinition } from '../../../workflow/definitions/procedure-definition';
import { refuse } from '../../../workflow/step-engine/refuse';
import { PersonFactsForVetting } from './case.context';

/** The step that puts candidates forward for the case's post: the rule refusing its holder, and why. */
export interface PuttingForward {
  rule: string;
  /** What the step is for, said of a post the candidate does not hold. */
  purpose: string;
}

/** A nomination (giới thiệu) of an appointment that fills the post. */
export const NOMINATION: PuttingForward = {
  rule: 'appointment.already_holds_post',
  purpose: 'a nomination puts forward someone for a post they do not hold',
};

/** The registration of a competitive examination (thi tuyển) for the post. */
export const EXAM_REGISTRATION: PuttingForward = {
  rule: 'exam.candidate_holds_post',
  purpose: 'an examination is held to fill a post the candidates do not hold',
};

/**
 * A nomination puts people forward for a post they do not hold, as an examination is sat for
 * one: appointing its holder to it is no appointment, and their term is renewed by the route the
 * definition names for a post already held (`postAlreadyHeld`: a re-appointment, bổ nhiệm lại),
 * as the opening refuses a person named there (elected-post.ts). Refused 422 on the candidate's
 * field under the step's rule, naming the hold and its term's end. A definition naming no such
 * route (a re-appointment, an extension: for the holder) refuses nothing.
 */
export function refuseCandidateHoldingPost(
  personId: string,
  facts: PersonFactsForVetting | undefined,
  on: { definition: Pick<ProcedureDefinition, 'postAlreadyHeld'>; day: string },
  field: string,
  step: PuttingForward = NOMINATION,
): void {
  const route = on.definition.postAlreadyHeld?.route;
  if (!route || !facts?.holdsTargetPost) return;
  const { positionId } = facts.target;
  const hold = facts.termRecord
    ? postsHeldOn(facts.termRecord, on.day).find((post) => post.positionId === positionId)
    : undefined;
  const since = hold ? ` since ${hold.from}` : '';
  const term = hold?.termEnd ? ` (term until ${hold.termEnd})` : '';
  refuse(
    step.rule,
    `${field}: ${personId} already holds ${positionId}${since}${term}: ${step.purpose}; to renew the term held, use ${route}`,
    'unprocessable',
    field,
    { personId, positionId, ...(hold ? { heldSince: hold.from, termEnd: hold.termEnd } : {}) },
  );
}
