import { DomainEvent } from '../../common/stream-decider';
import { ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { Fraction } from '../../workflow/vote-rules/fraction';
import type { BegunStep, StepKindTable } from '../../workflow/step-engine';
import {
  appliedRule,
  tallyEvent,
  performStepWith,
  refuse,
  refuseUnjudgedTally,
} from '../../workflow/step-engine';
import { DisciplineStepBody } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { decision } from './discipline.decision';
import { refuseFormForElectedOnly, trackForms } from './discipline.rules';
import { evaluateFormBallot } from './form-ballot';
import { Body, Open } from './discipline.types';

/** What each kind of step decides, after the engine's prologue. */
export const DISCIPLINE_STEP_KINDS: StepKindTable<Open, DisciplineStepBody, DisciplineContext> = {
  meeting: (state, begun, body) => meeting(state, begun, body),
  ballot: (state, begun, body, context) => ballot(state, begun, body, context),
  decision: (state, begun, body, context) => [decision(state, begun, body, context)],
};

/** A step of an open discipline case: the engine's prologue, then the step kind's own rules. */
export function performStep(
  state: Open,
  stepId: string,
  body: DisciplineStepBody,
  context: DisciplineContext,
): DomainEvent[] {
  return performStepWith(DISCIPLINE_STEP_KINDS, state, { stepId, body }, context);
}

/** A step whose result sends the case no further closes it (violation not confirmed, no form). */
const CLOSED = { by: 'closedBy', on: 'closedOn' };

/** Meetings; the first one is the verification (xác minh) that confirms the violation or not. */
function meeting(state: Open, begun: BegunStep, body: Body<'meeting'>): DomainEvent[] {
  const isVerification = state.currentStep === 0;
  if (isVerification && typeof body.violationConfirmed !== 'boolean') {
    refuse(
      'field.required',
      `violationConfirmed: step ${begun.step.id} must say whether the violation is confirmed (true or false)`,
      'invalid',
      'violationConfirmed',
    );
  }
  if (isVerification && body.violationConfirmed === false) {
    return [
      {
        type: 'DisciplineStepRecorded',
        data: { ...begun.record(false), conclusion: body.conclusion, violationConfirmed: false },
      },
      begun.ends(
        'DisciplineCaseClosed',
        CLOSED,
        'discipline.violation_not_confirmed',
        `verification did not confirm the violation: ${body.conclusion}`,
      ),
    ];
  }
  return [
    {
      type: 'DisciplineStepRecorded',
      data: {
        ...begun.record(true),
        conclusion: body.conclusion,
        ...(isVerification ? { violationConfirmed: true } : {}),
      },
    },
  ];
}

/** The form ballot: each form's votes, heaviest first; expulsion needs the cell's proposal. */
function ballot(
  state: Open,
  begun: BegunStep,
  body: Body<'ballot'>,
  context: DisciplineContext,
): DomainEvent[] {
  const { ruleSet, definition } = context;
  const rule = appliedRule(begun.step, ruleSet, false);
  const forms = trackForms(ruleSet, state.track);
  const result = evaluateFormBallot(
    {
      forms,
      quorum: rule.quorum,
      pass: rule.pass,
      accumulateFromHeaviest: definition.discipline!.accumulateFromHeaviest,
      cellProposal: cellProposal(ruleSet, forms),
    },
    body.tally,
    body.expulsionProposal,
  );
  refuseUnjudgedTally(result, { prefix: 'tally.' });
  refuseFormOutcome(result, state, ruleSet);
  const chosen = result.outcome === 'form_chosen';
  const tallied = tallyEvent(
    begun,
    'DisciplineBallotTallied',
    chosen,
    {
      tally: body.tally,
      ...(body.expulsionProposal ? { expulsionProposal: body.expulsionProposal } : {}),
      outcome: result.outcome,
      form: chosen ? result.form : null,
      accumulated: chosen ? result.accumulated : false,
      reason: result.reason,
    },
    rule,
  );
  if (chosen) return [tallied];
  const closing = begun.ends(
    'DisciplineCaseClosed',
    CLOSED,
    'ballot.no_form_reached',
    `ballot: ${result.reason}`,
  );
  return [tallied, closing];
}

/**
 * The forms of the track the cell must propose first, and the share that must propose; only a
 * track with such forms has (and reads) the share.
 */
function cellProposal(ruleSet: DisciplineContext['ruleSet'], forms: string[]) {
  const proposed = ruleValue<string[]>(ruleSet, 'discipline.cellProposalForms').filter((form) =>
    forms.includes(form),
  );
  if (proposed.length === 0) return undefined;
  return {
    forms: proposed,
    share: ruleValue<Fraction>(ruleSet, 'discipline.expulsionProposal'),
  };
}

/** A form the ballot may not apply: one without the cell's proposal, one for elected cadres only. */
function refuseFormOutcome(
  result: ReturnType<typeof evaluateFormBallot>,
  state: Open,
  ruleSet: DisciplineContext['ruleSet'],
): void {
  if (result.outcome === 'expulsion_not_proposed')
    refuse(
      'discipline.expulsion_not_proposed',
      `expulsionProposal: ${result.reason} (${ruleCitation(ruleSet, 'discipline.expulsionProposal')})`,
      'unprocessable',
      'expulsionProposal',
    );
  if (result.outcome === 'form_chosen')
    refuseFormForElectedOnly(ruleSet, result.form, state, `tally.votesByForm.${result.form}`);
}
