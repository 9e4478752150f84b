/**
 * The live check of a council's election as the secretary types it: the engine's own rule
 * (src/workflow/vote-rules/council-election), with the numbers the form shows beside the fields.
 */
import {
  CouncilVote,
  evaluateCouncilElection,
} from '../../../src/workflow/vote-rules/council-election';
import { Fraction, leastExceeding, leastReaching } from './ballot-check';

export const VOTE_COUNTS = ['delegates', 'present', 'for', 'against', 'invalid'] as const;
export type VoteInput = Record<(typeof VOTE_COUNTS)[number], number | null>;

export interface ElectionCheck {
  verdict: 'incomplete' | 'invalid' | 'no_quorum' | 'elected' | 'not_elected';
  /** Least delegates present for the session to vote, when the delegates are known. */
  quorumNeeded: number | null;
  /** Least votes for that elect, when the delegates are known. */
  forNeeded: number | null;
}

const isCount = (value: number | null): value is number =>
  value !== null && Number.isInteger(value) && value >= 0;

export function checkElection(
  rule: { quorum: Fraction; pass: Fraction },
  vote: VoteInput,
): ElectionCheck {
  const delegates = isCount(vote.delegates) && vote.delegates > 0 ? vote.delegates : null;
  const quorumNeeded = delegates === null ? null : leastReaching(rule.quorum, delegates);
  const forNeeded = delegates === null ? null : leastExceeding(rule.pass, delegates);
  const numbers = { quorumNeeded, forNeeded };
  if (VOTE_COUNTS.some((field) => vote[field] === null))
    return { verdict: 'incomplete', ...numbers };
  if (!VOTE_COUNTS.every((field) => isCount(vote[field])) || delegates === null)
    return { verdict: 'invalid', ...numbers };
  const outcome = evaluateCouncilElection(rule, vote as CouncilVote).outcome;
  return { verdict: outcome === 'invalid_tally' ? 'invalid' : outcome, ...numbers };
}
