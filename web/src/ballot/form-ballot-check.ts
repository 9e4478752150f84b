/**
 * The live checks of a discipline form ballot (bỏ phiếu kín hình thức kỷ luật) as the secretary
 * types it: the same judgement the engine gives (src/procedures/discipline/form-ballot.ts), with the
 * quorum and threshold figures the appointment ballot form shows. Pure: no DOM, no I/O.
 */
import {
  evaluateFormBallot,
  FormBallotOutcome,
  FormBallotRule,
} from '../../../src/procedures/discipline/form-ballot';
import { Fraction, leastExceeding, leastReaching } from './ballot-check';

export type { FormBallotRule };

/** The counts as typed: null where the field is still empty. */
export interface FormTallyInput {
  members: number | null;
  summoned: number | null;
  present: number | null;
  invalid: number | null;
  noDiscipline: number | null;
  /** Votes per form; an empty field is no votes for that form. */
  votesByForm: Record<string, number | null>;
}

export interface FormBallotCheck {
  /** 'incomplete' until every count is typed; else the engine's outcome. */
  verdict: 'incomplete' | FormBallotOutcome['outcome'];
  outcome: FormBallotOutcome | null;
  /** Least number present for a quorum (of those summoned), when summoned is known. */
  quorumNeeded: number | null;
  /** A form needs more than this share of all members; shown with up to 2 decimals. */
  passThreshold: number | null;
  /** Least votes that choose a form, when members is known. */
  votesNeeded: number | null;
  /** votes for the forms + no discipline + invalid, when those are typed. */
  cast: number | null;
}

const COUNTS = ['members', 'summoned', 'present', 'invalid', 'noDiscipline'] as const;
const round2 = (value: number) => Math.round(value * 100) / 100;

/** Checks a (possibly half-typed) form ballot against the track's rule. */
export function checkFormBallot(rule: FormBallotRule, tally: FormTallyInput): FormBallotCheck {
  const members = tally.members;
  const summoned = tally.summoned;
  const quorumNeeded = summoned !== null ? leastReaching(rule.quorum, summoned) : null;
  const passThreshold = members !== null ? round2(share(rule.pass, members)) : null;
  const votesNeeded = members !== null ? leastExceeding(rule.pass, members) : null;
  const votesByForm = Object.fromEntries(
    Object.entries(tally.votesByForm).map(([form, votes]) => [form, votes ?? 0]),
  );
  const cast =
    tally.noDiscipline !== null && tally.invalid !== null
      ? Object.values(votesByForm).reduce((sum, v) => sum + v, 0) +
        tally.noDiscipline +
        tally.invalid
      : null;
  const figures = { quorumNeeded, passThreshold, votesNeeded, cast };
  if (COUNTS.some((field) => tally[field] === null))
    return { verdict: 'incomplete', outcome: null, ...figures };
  const counts = Object.fromEntries(COUNTS.map((field) => [field, tally[field]!]));
  // The cell's proposal for expulsion is the server's to check: the ballot alone is judged here.
  const outcome = evaluateFormBallot({ ...rule, cellProposal: undefined }, {
    ...counts,
    votesByForm,
  } as never);
  return { verdict: outcome.outcome, outcome, ...figures };
}

const share = (fraction: Fraction, base: number) =>
  (fraction.numerator * base) / fraction.denominator;
