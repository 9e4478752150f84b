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
import { SkippedSteps } from './discipline.events';
import { decision } from './discipline.decision';
import { refuseFormForStatus, trackForms } from './discipline.rules';
import { councilSkip, recordPastCouncil } from './discipline-council';
import { judgeLimitation } from './discipline-limitation';
import { timeBarred } from './discipline-time-bar';
import { evaluateFormBallot } from './form-ballot';
import { Body, Open } from './discipline.types';
import { refuseLighterThanServed } from './repeat-violation';

/** What each kind of step decides, after the engine's prologue. */
export const DISCIPLINE_STEP_KINDS: StepKindTable<Open, DisciplineStepBody, DisciplineContext> = {
  meeting: (state, begun, body, context) => meeting(state, begun, body, context),
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
  refusePassedOver(state, stepId, context);
  return performStepWith(DISCIPLINE_STEP_KINDS, state, { stepId, body }, context);
}

/**
 * A council step the case passed over (no council for a cadre, a skip path) is not taken in this
 * case: before, it was answered as "already done", which it never was. The refusal names the
 * meeting that passed over it and its rule, and the step the case is at.
 */
function refusePassedOver(state: Open, stepId: string, { definition }: DisciplineContext): void {
  for (const recorded of state.steps) {
    const skipped = (recorded.data as { skippedSteps?: SkippedSteps }).skippedSteps;
    if (!skipped?.stepIds.includes(stepId)) continue;
    const by = (recorded.data as { stepId: string }).stepId;
    const current = definition.steps[state.currentStep]?.id ?? null;
    refuse(
      'discipline.step_passed_over',
      `step ${stepId} is not taken in this case: ${by} passed over ${skipped.stepIds.join(' and ')} (${skipped.rule}); the current step is ${current}`,
      'conflict',
      'stepId',
      { currentStep: current, passedOverBy: by, ground: skipped.ground },
    );
  }
}

/** A step whose result sends the case no further closes it (violation not confirmed, no form). */
const CLOSED = { by: 'closedBy', on: 'closedOn' };

/** Meetings; the first one is the verification (xác minh) that confirms the violation or not. */
function meeting(
  state: Open,
  begun: BegunStep,
  body: Body<'meeting'>,
  context: DisciplineContext,
): DomainEvent[] {
  const isVerification = state.currentStep === 0;
  refuseLaterViolations(state, body, context.today);
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
  const skipped = councilSkip(state, begun, body, context);
  return [
    {
      type: 'DisciplineStepRecorded',
      data: {
        ...(skipped
          ? recordPastCouncil(state, begun, skipped, context, body.heldOn)
          : begun.record(true)),
        conclusion: body.conclusion,
        ...(isVerification ? { violationConfirmed: true } : {}),
        ...(body.laterViolationsOn?.length ? { laterViolationsOn: body.laterViolationsOn } : {}),
        ...(skipped ? { skippedSteps: skipped } : {}),
      },
    },
  ];
}

/** Later violations are after the one the case is about, and not after today. */
function refuseLaterViolations(state: Open, body: Body<'meeting'>, today: string): void {
  (body.laterViolationsOn ?? []).forEach((day, i) => {
    const field = `laterViolationsOn[${i}]`;
    if (day > today || day <= state.violation.committedOn)
      refuse(
        'field.out_of_range',
        `${field}: ${day} must be after the violation (${state.violation.committedOn}) and not after today (${today})`,
        'invalid',
        field,
      );
  });
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
  const forms = trackForms(ruleSet, state.track, state.leftService);
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
  refuseFormOutcome(result, state, context);
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
  if (chosen) return [tallied, ...timeBarAtBallot(state, begun, result.form, body.heldOn, context)];
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

/**
 * A form the ballot may not apply: one without the cell's proposal, one for elected cadres only,
 * one too light for a violation committed while an earlier discipline was in effect.
 */
function refuseFormOutcome(
  result: ReturnType<typeof evaluateFormBallot>,
  state: Open,
  context: DisciplineContext,
): void {
  const { ruleSet, postsHeld } = context;
  if (result.outcome === 'expulsion_not_proposed')
    refuse(
      'discipline.expulsion_not_proposed',
      `expulsionProposal: ${result.reason} (${ruleCitation(ruleSet, 'discipline.expulsionProposal')})`,
      'unprocessable',
      'expulsionProposal',
    );
  if (result.outcome !== 'form_chosen') return;
  const field = `tally.votesByForm.${result.form}`;
  refuseFormForStatus(ruleSet, result.form, state, field, postsHeld);
  // Where the ballot chooses the form the decision applies (no council that only recommends).
  if (!context.definition.discipline?.councilRecommends)
    refuseLighterThanServed(ruleSet, state, result.form, field, context);
}

/**
 * Party practice: the form is voted first, then its limitation applied; a form past it ends the
 * case as confirmed but time-barred. Where the council only recommends, the decision judges it;
 * a case that checked its limitation at opening (before Dec 2026) keeps that check.
 */
function timeBarAtBallot(
  state: Open,
  begun: BegunStep,
  form: string,
  heldOn: string,
  context: DisciplineContext,
): DomainEvent[] {
  if (state.limitation !== null || context.definition.discipline?.councilRecommends) return [];
  const judgement = judgeLimitation(context.ruleSet, state.violation, form, heldOn);
  if (!judgement.expired) return [];
  return [timeBarred(begun, judgement, {})];
}
