import { exceeds, fewestReaching, Fraction, reaches, show, showShare } from './fraction';

/** A council's vote on the person introduced to it: counts only, never who voted how. */
export interface CouncilVote {
  /** Delegates the council has in total (tổng số đại biểu Hội đồng nhân dân). */
  delegates: number;
  /** Delegates present at the session. */
  present: number;
  for: number;
  against: number;
  /** Ballots not counted for or against (blank, spoiled). */
  invalid: number;
}

/** The election rule's numbers, from the case's rule set. */
export interface CouncilElectionRule {
  /** At least this share of all delegates present for the session to vote. */
  quorum: Fraction;
  /** `for` must exceed this share of all delegates (not of those present). */
  pass: Fraction;
}

export type CouncilElectionOutcome =
  | { outcome: 'elected' | 'not_elected'; reason: string }
  | { outcome: 'invalid_tally'; field: string; reason: string }
  | { outcome: 'no_quorum'; reason: string };

/** for + against + invalid = present ≤ delegates, then the quorum, then > pass × delegates. */
export function evaluateCouncilElection(
  rule: CouncilElectionRule,
  vote: CouncilVote,
): CouncilElectionOutcome {
  const counted = vote.for + vote.against + vote.invalid;
  if (counted !== vote.present)
    return {
      outcome: 'invalid_tally',
      field: 'present',
      reason: `for + against + invalid = ${counted}, but ${vote.present} present`,
    };
  if (vote.present > vote.delegates)
    return {
      outcome: 'invalid_tally',
      field: 'present',
      reason: `${vote.present} present, but the council has ${vote.delegates} delegates`,
    };
  if (!reaches(vote.present, rule.quorum, vote.delegates))
    return {
      outcome: 'no_quorum',
      reason: `no quorum: ${vote.present} of ${vote.delegates} delegates present, needs at least ${fewestReaching(rule.quorum, vote.delegates)} (${showShare(rule.quorum, vote.delegates)})`,
    };
  const needs = `needs more than ${show(rule.pass, vote.delegates)}`;
  const votes = `${vote.for} of ${vote.delegates} delegates for`;
  return exceeds(vote.for, rule.pass, vote.delegates)
    ? { outcome: 'elected', reason: `elected: ${votes}, ${needs}` }
    : { outcome: 'not_elected', reason: `not elected: ${votes}, ${needs}` };
}
