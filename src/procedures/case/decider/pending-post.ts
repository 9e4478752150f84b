import { DomainRuleViolation } from './domain-rule-violation';

/** A post a decided decision gives the person from a day still to come (not yet in effect). */
export interface PendingPost {
  positionId: string;
  /** The post's title as staff know it; the id when the registry has none. */
  title?: string;
  from: string;
  decisionRef?: string;
}

/** `Phó Giám đốc Sở (pos-deputy-director) on 2027-06-15 by decision 12-QĐ/UBND (2026-12-01)`. */
function pendingPostWords(post: PendingPost): string {
  return `${post.title ?? post.positionId} (${post.positionId}) on ${post.from} by decision ${post.decisionRef ?? '(unknown)'}`;
}

/**
 * The first post a decided decision gives the person from a later day, other than `positionId`
 * (the post this case fills: giving it twice is decision.post_already_held), that a move
 * effective on `effectiveFrom` would end before it begins (from that day or later).
 */
export function pendingPostOtherThan(
  pending: readonly PendingPost[] | undefined,
  positionId: string,
  effectiveFrom?: string,
): PendingPost | undefined {
  return pending?.find(
    (post) =>
      post.positionId !== positionId && (effectiveFrom === undefined || post.from >= effectiveFrom),
  );
}

/**
 * The decision of a move (appointment, rotation, transfer) effective on or before the day another
 * decided decision gives the person a post would end that post before it began. Nothing in this
 * system withdraws or corrects a decided decision (withdrawal is case.closed, a correction of a
 * decision step.correction_of_decision), so the refusal says what can be done: a later effective
 * day, or kiêm nhiệm, which ends no post.
 */
export function pendingPostAtDecision(
  personId: string,
  pending: PendingPost,
  effectiveFrom: string,
): DomainRuleViolation {
  return new DomainRuleViolation(
    'decision.pending_post',
    `${personId} takes up ${pendingPostWords(pending)}, which has not taken effect; this decision, effective ${effectiveFrom}, would end that post before it begins. A decided decision is neither withdrawn nor corrected: give this decision an effective day after ${pending.from}, or keep the posts held (keepsPreviousPost)`,
    'conflict',
    'effectiveFrom',
    { pendingPost: pending },
  );
}

/**
 * A rotation or transfer opened while a decided decision's post is still to come: its decision
 * could only take effect after that day (or keep every post), and before it did every step ran
 * first and the decision alone was refused. The case opens once that decision has taken effect.
 */
export function pendingPostAtOpening(personId: string, pending: PendingPost): DomainRuleViolation {
  return new DomainRuleViolation(
    'decision.pending_post',
    `personId: ${personId} takes up ${pendingPostWords(pending)}, which has not taken effect; a move decided before then would end that post before it begins, and a decided decision is neither withdrawn nor corrected: open this case from ${pending.from}, when that decision takes effect`,
    'unprocessable',
    'personId',
    { pendingPost: pending },
  );
}
