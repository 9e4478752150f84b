import { BallotRuleInput, checkBallot, TallyInput } from './ballot-check';

/**
 * The nominees a final ballot of a post case leaves level: every one passed by the step's rule
 * and none has more votes for than they. More than one means the head of the collective chooses
 * (appointment.levelNomineesChosenBy; the engine refuses the tally without the choice, as
 * ballot.level_nominees_need_head). Empty until every count is typed. Pure.
 */
export function levelNominees(
  rule: BallotRuleInput,
  tallies: { personId: string; tally: TallyInput }[],
): string[] {
  const checked = tallies.map(({ personId, tally }) => ({
    personId,
    votesFor: tally.for,
    verdict: checkBallot(rule, tally).verdict,
  }));
  if (checked.some((c) => c.verdict === 'incomplete' || c.verdict === 'invalid')) return [];
  const passed = checked.filter((c) => c.verdict === 'passes');
  const top = Math.max(...passed.map((c) => c.votesFor ?? 0));
  const level = passed.filter((c) => c.votesFor === top);
  return level.length > 1 ? level.map((c) => c.personId) : [];
}
