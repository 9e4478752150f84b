import { PersonState } from '../../cadres/person/person.state';
import { postsStartingAfter } from '../../cadres/person/posts-held-on';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { PostHolder } from '../../cadres/post-holders';
import { Position } from '../../cadres/registry-records';
import { refuseElectedPost, refusePostAlreadyHeld } from '../appointment/elected-post';
import { refuseSeatsFullAtOpening } from '../appointment/post-seats-at-opening';
import { pendingPostAtOpening, pendingPostOtherThan } from '../case/decider/pending-post';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';

type Registered = Extract<PersonState, { status: 'registered' }>;

/**
 * A post nobody is moved into by a rotation or a transfer; throws the refusal. The opening and
 * the eligibility asked before it (GET /cadres/:id/eligibility?procedure=rotation) both ask it.
 */
export async function refuseMoveInto(
  target: Position,
  person: Registered,
  {
    personId,
    definition,
    today,
  }: { personId: string; definition: ProcedureDefinition; today: string },
  registry: RegistryReads,
  holdsSince: (positionId: string, from: string) => Promise<PostHolder[]>,
): Promise<void> {
  // An elected post (a commune chair) is filled by its council's election, not moved into.
  refuseElectedPost(target, definition);
  // Nobody is moved into the post they hold (before: every step ran, and the decision was
  // refused as decision.post_already_held); its term is renewed by re-appointment.
  refusePostAlreadyHeld(person, personId, target.id, definition, today);
  // Nor into a post whose seats others all hold (a head post someone holds, or will from a later day).
  await refuseSeatsFullAtOpening(holdsSince, target, personId, today);
  // Nor while a decided decision's post is still to come (before: every step ran, and the
  // decision was refused as decision.pending_post).
  const pending = pendingPostOtherThan(postsStartingAfter(person, today), target.id);
  if (pending)
    throw pendingPostAtOpening(personId, {
      ...pending,
      title: (await registry.findPosition(pending.positionId))?.title,
    });
}
