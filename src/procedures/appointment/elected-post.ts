import { Position } from '../../cadres/registry.service';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { RegistryReads } from '../../cadres/prefetched-registry';

type Routes = Pick<
  ProcedureDefinition,
  'id' | 'procedure' | 'postsFilledOtherwise' | 'postAlreadyHeld'
>;

/**
 * A post the definition does not fill (`postsFilledOtherwise`): an elected post (a commune chair,
 * a deputy head of an inspection commission) is filled by its council's or congress's election,
 * after the Party committee introduces the candidate; nobody is appointed or re-appointed to it
 * (Luật Cán bộ, công chức 2025 art. 1: cadres are elected, approved or appointed [article not
 * checked here]). The refusal names the route that fills it.
 */
export function refuseElectedPost(position: Position, definition: Routes): void {
  const otherwise = definition.postsFilledOtherwise?.[position.filledBy];
  if (!otherwise) return;
  throw new DomainRuleViolation(
    'position.elected',
    // The definition's own name (a transfer runs as a rotation case, and is no rotation).
    `positionId: ${position.title} (${position.id}) is filled by ${otherwise.route}, not by ${definition.id.split('.')[0]}: ${otherwise.instead}`,
    'unprocessable',
    'positionId',
  );
}

/**
 * A post the person already holds is renewed by another route (`postAlreadyHeld`), not filled
 * again. One a decided decision gives them from a later day than `day` they do not hold yet: it
 * is refused as taken up on that day (`appointment.takes_up_post`, as the appointment's
 * eligibility words it), not as held with re-appointment for its route. Before, a transfer
 * effective 2027-01-05 made a rotation to the same post opened on 2026-12-31 say "already holds
 * …; use re-appointment", a post not held and with no term to renew.
 */
export function refusePostAlreadyHeld(
  person: { posts: { positionId: string; from: string; decisionRef: string }[] },
  personId: string,
  positionId: string,
  definition: Routes,
  day: string,
): void {
  const route = definition.postAlreadyHeld?.route;
  const post = route && person.posts.find((held) => held.positionId === positionId);
  if (!post) return;
  if (post.from > day)
    throw new DomainRuleViolation(
      'appointment.takes_up_post',
      `${personId} takes up ${positionId} on ${post.from} (${post.decisionRef}): a decided decision gives them the post from that day`,
      'unprocessable',
      'positionId',
      { takesUpOn: post.from },
    );
  throw new DomainRuleViolation(
    'appointment.already_holds_post',
    `${personId} already holds ${positionId}; use ${route}`,
    'unprocessable',
    'positionId',
  );
}

/**
 * The opening of a case that prepares an appointment (approval in principle, consultation): the
 * person is registered, the post exists and is one the definition fills.
 */
export async function refuseUnlessPersonAndFillablePost(
  registry: RegistryReads,
  opening: { personId: string; positionId: string; definition: Routes },
): Promise<void> {
  await registeredPerson(registry, opening.personId);
  refuseElectedPost(await existingPosition(registry, opening.positionId), opening.definition);
}
