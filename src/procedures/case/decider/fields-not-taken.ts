import type { AppliedVoteRule, BegunStep } from '../../../workflow/step-engine';
import { refuse } from '../../../workflow/step-engine';
import { movesThePerson } from './decision-posts';
import { Body, Open } from './case.types';

/**
 * A field of a step's kind that this step does not take is refused (400 `step.field_not_taken`,
 * naming the field and why), as a field no step takes is (`body.invalid`), rather than kept out of
 * the record unseen. Before, a re-appointment's confidence ballot, whose rule gives the head no
 * tie to break, took `headDecision` and recorded the tally without it.
 */
const NOT_TAKEN = 'step.field_not_taken';

function notTaken(field: string, why: string): never {
  refuse(NOT_TAKEN, `${field}: ${why}`, 'invalid', field);
}

/** Why the step's ballot has no tie for the head to break, or none when it has one. */
function noTieToBreak(begun: BegunStep, rule: AppliedVoteRule): string | undefined {
  if (rule.headBreaksTie && !rule.reference) return undefined;
  const because = rule.reference
    ? 'its tally is kept for reference and passes or fails no one'
    : 'headBreaksTie: false, a tie fails the ballot';
  return `the ballot of step ${begun.step.id} does not let the head of the collective break a tie (${because})`;
}

/** A ballot's fields the step's rule and the case do not take: the head's tie-break, the nominees'. */
export function refuseBallotFieldsNotTaken(
  state: Open,
  begun: BegunStep,
  body: Body<'ballot'>,
  rule: AppliedVoteRule,
): void {
  const id = begun.step.id;
  if (!state.fillsPost) {
    if (body.tallies !== undefined)
      notTaken(
        'tallies',
        `step ${id} tallies the case's person (tally); a tally per nominee is for a case that fills a post`,
      );
    if (body.headChoice !== undefined)
      notTaken(
        'headChoice',
        `step ${id} tallies the case's person; the head chooses between nominees only in a case that fills a post`,
      );
  } else if (body.tallies !== undefined && body.headDecision !== undefined)
    notTaken(
      'headDecision',
      `with a tally per nominee, the head's decision on a tie goes with the nominee's tally (tallies[i].headDecision)`,
    );
  const why = noTieToBreak(begun, rule);
  if (!why) return;
  if (body.headDecision !== undefined) notTaken('headDecision', why);
  body.tallies?.forEach((t, i) => {
    if (t.headDecision !== undefined) notTaken(`tallies[${i}].headDecision`, why);
  });
}

/** A decision's `keepsPreviousPost` (kiêm nhiệm) is for a decision that moves the person. */
export function refuseDecisionFieldsNotTaken(state: Open, body: Body<'decision'>): void {
  if (body.keepsPreviousPost !== undefined && !movesThePerson(state.procedure))
    notTaken(
      'keepsPreviousPost',
      `a ${state.procedure} decision moves the person into no other post, so there are no posts held to keep beside it (appointment, rotation and transfer decisions take it)`,
    );
}
