import { Fraction } from './fraction';
import { evaluateNomination, NominationTally } from './nomination-ballot';
import { BallotTally, tallyProblems } from './tally';
import { quorumProblem } from './attendance';

/**
 * A tally kept for reference (kết quả là một căn cứ): the key-officials nomination of an
 * appointment and the confidence ballot of a re-appointment are one basis for the collective's
 * later, decisive ballot. It is recorded and shown with its share; it passes or fails no one. The
 * conference still has to be valid (the quorum) and the counts have to add up.
 */
export type ReferenceOutcome =
  | {
      outcome: 'reference';
      reason: string;
      share: ReferenceShare;
      /** A case for a post with several nominees standing: each one's share, by person. */
      shares?: Record<string, ReferenceShare>;
    }
  | { outcome: 'no_quorum'; reason: string }
  | { outcome: 'invalid_tally'; reason: string; field: string };

/** Votes for the person against the base the step names, as counted and in per cent (1 decimal). */
export interface ReferenceShare {
  votes: number;
  base: number;
  baseName: 'members' | 'summoned';
  percent: number;
}

function share(votes: number, base: number, baseName: 'members' | 'summoned'): ReferenceShare {
  const percent = base ? Math.round((votes * 1000) / base) / 10 : 0;
  return { votes, base, baseName, percent };
}

const BASIS = 'recorded as one basis for the decision, not a pass mark';

/** A confidence ballot kept for reference: the share of `for` against the step's base. */
export function evaluateReferenceBallot(
  rule: { quorum: Fraction; base: 'members' | 'summoned' },
  tally: BallotTally,
): ReferenceOutcome {
  const problems = tallyProblems(tally);
  if (problems.length)
    return { outcome: 'invalid_tally', reason: problems[0].message, field: problems[0].field };
  const noQuorum = quorumProblem(tally, rule.quorum);
  if (noQuorum) return noQuorum;
  const counted = share(tally.for, tally[rule.base], rule.base);
  return {
    outcome: 'reference',
    reason: `reference: ${counted.votes} of ${counted.base} ${rule.base} for (${counted.percent} %), ${tally.against} against, ${tally.abstain} abstaining; ${BASIS}`,
    share: counted,
  };
}

/**
 * A nomination kept for reference: the counts are checked as a nomination's are, then the votes
 * of each person the case is about (its person; for a post, each nominee still standing) against
 * those summoned are recorded beside the most voted.
 */
export function evaluateReferenceNomination(
  rule: { quorum: Fraction; pass: Fraction; fallbackCount: number },
  tally: NominationTally,
  personIds: readonly string[],
): ReferenceOutcome {
  const checked = evaluateNomination(rule, tally);
  if (checked.outcome === 'invalid_tally' || checked.outcome === 'no_quorum') return checked;
  const counted = personIds.map((personId) => {
    const votes = tally.candidates.find((c) => c.personId === personId)?.votes ?? 0;
    return { personId, votes, share: share(votes, tally.summoned, 'summoned') };
  });
  const top = [...tally.candidates].sort((a, b) => b.votes - a.votes)[0];
  const most = top ? `; the most votes: ${top.personId} (${top.votes})` : '';
  const each = counted
    .map((c) => `${c.personId} ${c.votes} of ${tally.summoned} summoned (${c.share.percent} %)`)
    .join(', ');
  return {
    outcome: 'reference',
    reason: `reference: ${each}${most}; ${BASIS}`,
    share: counted[0]?.share ?? share(0, tally.summoned, 'summoned'),
    ...(counted.length > 1
      ? { shares: Object.fromEntries(counted.map((c) => [c.personId, c.share])) }
      : {}),
  };
}
