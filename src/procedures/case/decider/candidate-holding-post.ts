import { postsHeldOn } from '../../../cadres/person/posts-held-on';
import { ProcedureDefinition } from '../../../workflow/definitions/procedure-definition';
import { refuse } from '../../../workflow/step-engine/refuse';
import { PersonFactsForVetting } from './case.context';

/**
 * A nomination puts people forward for a post they do not hold: appointing its holder to it is no
 * appointment, and their term is renewed by the route the definition names for a post already
 * held (`postAlreadyHeld`: a re-appointment, bổ nhiệm lại), as the opening refuses a person named
 * there (elected-post.ts). Refused 422 on the candidate's field under the opening's rule, naming
 * the hold and its term's end. A definition naming no such route (a re-appointment, an extension:
 * for the holder) refuses nothing.
 */
export function refuseCandidateHoldingPost(
  personId: string,
  facts: PersonFactsForVetting | undefined,
  on: { definition: Pick<ProcedureDefinition, 'postAlreadyHeld'>; day: string },
  field: string,
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
    'appointment.already_holds_post',
    `${field}: ${personId} already holds ${positionId}${since}${term}: a nomination puts forward someone for a post they do not hold; to renew the term held, use ${route}`,
    'unprocessable',
    field,
    { personId, positionId, ...(hold ? { heldSince: hold.from, termEnd: hold.termEnd } : {}) },
  );
}
