import { exceeds, Fraction, reaches, show } from '../../workflow/vote-rules/fraction';
import { attendanceProblem } from '../../workflow/vote-rules/attendance';

/** A discipline ballot: each member marks one form, or no discipline. Only the counts are kept. */
export interface FormBallotTally {
  members: number;
  summoned: number;
  present: number;
  invalid: number;
  noDiscipline: number;
  /** Votes per form of the track, e.g. { warning: 7, reprimand: 4 }. */
  votesByForm: Record<string, number>;
}

/** The cell's vote to propose expulsion (taken before the committee's ballot). */
export interface ExpulsionProposal {
  cellMembers: number;
  for: number;
}

export interface FormBallotRule {
  /** The track's forms, lightest first (from the rule set). */
  forms: string[];
  quorum: Fraction;
  /** A form needs more than this share of all members. */
  pass: Fraction;
  /** Party rule: when no form passes alone, votes add up from the heaviest form down. */
  accumulateFromHeaviest: boolean;
  /**
   * The forms the member's Party cell must propose first (expulsion, `discipline.cellProposalForms`)
   * and the share of the cell that must vote for the proposal (`discipline.expulsionProposal`).
   */
  cellProposal?: { forms: string[]; share: Fraction };
}

export type FormBallotOutcome =
  | { outcome: 'form_chosen'; form: string; accumulated: boolean; reason: string }
  | { outcome: 'no_discipline'; reason: string }
  | { outcome: 'invalid_tally'; field: string; reason: string }
  | { outcome: 'no_quorum'; reason: string }
  | { outcome: 'expulsion_not_proposed'; reason: string };

const isCount = (value: unknown): value is number =>
  Number.isInteger(value) && (value as number) >= 0;

/** Checks the counts, then applies quorum, the > half-of-members threshold and the accumulation rule. */
export function evaluateFormBallot(
  rule: FormBallotRule,
  tally: FormBallotTally,
  proposal?: ExpulsionProposal,
): FormBallotOutcome {
  const invalid = tallyProblem(rule, tally);
  if (invalid) return invalid;
  const attendance = attendanceProblem(tally, rule.quorum);
  if (attendance) return attendance;
  const needs = `more than ${show(rule.pass, tally.members)} of ${tally.members} members`;
  const chosen = chooseForm(rule, tally, needs);
  if (!chosen) {
    const votes = (form: string) => tally.votesByForm[form] ?? 0;
    const heaviestFirst = [...rule.forms].reverse();
    const best = heaviestFirst.reduce((a, b) => (votes(b) > votes(a) ? b : a), heaviestFirst[0]);
    return {
      outcome: 'no_discipline',
      reason: `no form reached ${needs}${rule.accumulateFromHeaviest ? ', even added from the heaviest down' : ''} (most: ${best} ${votes(best)}; no discipline ${tally.noDiscipline})`,
    };
  }
  return checkCellProposal(rule, chosen, proposal);
}

/** The first count that is not a whole number, names a form outside the track, or does not add up. */
function tallyProblem(
  rule: FormBallotRule,
  tally: FormBallotTally,
): Extract<FormBallotOutcome, { outcome: 'invalid_tally' }> | undefined {
  for (const field of ['members', 'summoned', 'present', 'invalid', 'noDiscipline'] as const) {
    if (!isCount(tally[field]))
      return {
        outcome: 'invalid_tally',
        field,
        reason: `${field} must be a whole number ≥ 0 (got ${tally[field]})`,
      };
  }
  for (const [form, votes] of Object.entries(tally.votesByForm)) {
    if (!rule.forms.includes(form))
      return {
        outcome: 'invalid_tally',
        field: `votesByForm.${form}`,
        reason: `"${form}" is not a form of this track (${rule.forms.join(', ')})`,
      };
    if (!isCount(votes))
      return {
        outcome: 'invalid_tally',
        field: `votesByForm.${form}`,
        reason: `votes must be a whole number ≥ 0 (got ${votes})`,
      };
  }
  const cast =
    Object.values(tally.votesByForm).reduce((sum, v) => sum + v, 0) +
    tally.noDiscipline +
    tally.invalid;
  if (cast !== tally.present)
    return {
      outcome: 'invalid_tally',
      field: 'present',
      reason: `votes for forms + noDiscipline + invalid = ${cast}, but ${tally.present} present`,
    };
  return undefined;
}

/**
 * The heaviest form that passes alone; failing that, when the rule accumulates, the form at which
 * the votes added from the heaviest down first pass. `needs` is the threshold in words.
 */
function chooseForm(rule: FormBallotRule, tally: FormBallotTally, needs: string): Chosen | null {
  const heaviestFirst = [...rule.forms].reverse();
  const votes = (form: string) => tally.votesByForm[form] ?? 0;
  const alone = heaviestFirst.find((form) => exceeds(votes(form), rule.pass, tally.members));
  if (alone)
    return { form: alone, accumulated: false, reason: `${alone}: ${votes(alone)} votes, ${needs}` };
  if (!rule.accumulateFromHeaviest) return null;
  let sum = 0;
  const added: string[] = [];
  for (const form of heaviestFirst) {
    sum += votes(form);
    added.push(`${form} ${votes(form)}`);
    if (exceeds(sum, rule.pass, tally.members))
      return {
        form,
        accumulated: true,
        reason: `no form had ${needs} alone; adding from the heaviest: ${added.join(' + ')} = ${sum}, so ${form}`,
      };
  }
  return null;
}

type Chosen = { form: string; accumulated: boolean; reason: string };

/** A chosen form the cell must propose stands only with the cell's proposal at the rule's share. */
function checkCellProposal(
  rule: FormBallotRule,
  chosen: Chosen,
  proposal: ExpulsionProposal | undefined,
): FormBallotOutcome {
  if (!rule.cellProposal?.forms.includes(chosen.form)) return { outcome: 'form_chosen', ...chosen };
  if (
    !proposal ||
    !isCount(proposal.cellMembers) ||
    !isCount(proposal.for) ||
    proposal.for > proposal.cellMembers
  ) {
    return {
      outcome: 'expulsion_not_proposed',
      reason: `the ballot chose ${chosen.form}, which needs the cell's proposal (expulsionProposal: cellMembers and for)`,
    };
  }
  const needed = rule.cellProposal.share;
  if (!reaches(proposal.for, needed, proposal.cellMembers)) {
    return {
      outcome: 'expulsion_not_proposed',
      reason: `${chosen.form} needs at least ${show(needed, proposal.cellMembers)} of the cell's ${proposal.cellMembers} members to propose it; ${proposal.for} did`,
    };
  }
  return {
    outcome: 'form_chosen',
    ...chosen,
    reason: `${chosen.reason}; proposed by ${proposal.for} of ${proposal.cellMembers} cell members`,
  };
}
