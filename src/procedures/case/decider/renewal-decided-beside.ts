import { PostHoldingRead } from '../post-holding-decisions';
import { placesAHolder } from './decision-posts';
import { PendingPost } from './pending-post';

/**
 * The new terms of the posts a move ends that another case has decided on their holdings' streams
 * (a re-appointment effective on a later day than `today`), as the record shows them once its
 * saga has written them (`PersonFactsForVetting.postsStartingLater`). A move decided beside such a
 * re-appointment is refused over them as once they are on the record (`decision.pending_post`).
 * Before, both were decided: the renewal of the post the move ended was issued, and the record
 * dropped it or kept it beside the new post, as its saga landed.
 */
export function renewalsDecidedBeside(
  holdings: readonly PostHoldingRead[] | undefined,
  caseId: string,
  today: string,
): PendingPost[] {
  return (holdings ?? []).flatMap((read) =>
    read.decisions
      .filter(
        (decision) =>
          decision.caseId !== caseId &&
          decision.effect === 'continues' &&
          placesAHolder(decision.procedure) &&
          decision.effectiveFrom > today,
      )
      .map(({ positionId, effectiveFrom, decisionRef }) => ({
        positionId,
        from: effectiveFrom,
        decisionRef,
      })),
  );
}
