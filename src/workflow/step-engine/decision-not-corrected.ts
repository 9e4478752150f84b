import { DomainEvent } from '../../common/stream-decider';

/** What an issued decision does to the post, in the tense of its effective day. */
const EFFECT_WORDS: Record<string, { takes: string; took: string }> = {
  ends_post: { takes: 'the post ends that day', took: 'the post ended that day' },
  suspends: {
    takes: 'the holder is suspended from that day, keeping the post',
    took: 'the holder was suspended from that day, keeping the post',
  },
  assigns: {
    takes: 'the post and its term are assigned from that day',
    took: 'the post and its term were assigned from that day',
  },
};

/**
 * Why an issued decision is not corrected, true of the decision: issued, and taking effect on its
 * day or having taken effect then, with what it does to the post (a removal ends it, a suspension
 * keeps it, a case's other decisions assign it; a discipline decision, none of these). Before, the
 * refusal said every decision had taken effect and assigned the post, even a dismissal effective
 * tomorrow.
 */
export function decisionNotCorrectedWords(
  stepId: string,
  event: DomainEvent,
  today: string,
): string {
  const data = (event.data ?? {}) as { effectiveFrom?: string; details?: { effect?: string } };
  const day = data.effectiveFrom;
  if (!day) return `the decision of step ${stepId} has been issued; it cannot be corrected here`;
  const tense = day > today ? 'takes' : 'took';
  const effect = data.details?.effect ?? (event.type === 'DecisionIssued' ? 'assigns' : undefined);
  const words = effect ? EFFECT_WORDS[effect]?.[tense] : undefined;
  return `the decision of step ${stepId} has been issued and ${tense} effect on ${day}${words ? ` (${words})` : ''}; it cannot be corrected here`;
}
