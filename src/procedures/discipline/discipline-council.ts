import { ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { BegunStep, dueOn, refuse, withVisits } from '../../workflow/step-engine';
import { StepRecord } from '../../workflow/step-engine';
import { DisciplineContext } from './discipline.context';
import { SkippedSteps } from './discipline.events';
import { Body, Open } from './discipline.types';

/**
 * The discipline council (hội đồng kỷ luật) on the civil-service track: a council for the
 * statuses the rule set names (`discipline.councilStatuses`: civil servants; a cadre goes through
 * the body that elected or approved them), and none on a skip path
 * (`discipline.councilSkipGrounds`: a competent conclusion already proposing a form, a criminal
 * conviction, a Party decision on the same violation). The meeting before the council steps (the
 * definition's `discipline.councilSteps`) passes over them, saying why.
 */
export function councilSkip(
  state: Open,
  begun: BegunStep,
  body: Body<'meeting'>,
  context: DisciplineContext,
): SkippedSteps | null {
  const { definition, ruleSet } = context;
  const councilSteps = definition.discipline?.councilSteps ?? [];
  const next = definition.steps[state.currentStep + 1];
  const beforeCouncil = councilSteps.length > 0 && next?.id === councilSteps[0];
  if (!beforeCouncil) {
    if (body.councilSkip)
      refuse(
        'discipline.council_skip_not_here',
        `councilSkip: only the step before the discipline council (${councilSteps.length ? councilSteps[0] : 'none in ' + definition.id + '@' + definition.version}) may pass over it; this is ${begun.step.id}`,
        'unprocessable',
        'councilSkip',
      );
    return null;
  }
  const statuses = ruleValue<string[]>(ruleSet, 'discipline.councilStatuses');
  if (!statuses.includes(state.serviceStatus))
    return {
      stepIds: councilSteps,
      ground: `no_council_for_${state.serviceStatus}`,
      reference: null,
      rule: `a discipline council is held for ${statuses.join(', ')}, not for a ${state.serviceStatus} (${ruleCitation(ruleSet, 'discipline.councilStatuses')})`,
    };
  if (!body.councilSkip) return null;
  const grounds = ruleValue<string[]>(ruleSet, 'discipline.councilSkipGrounds');
  if (!grounds.includes(body.councilSkip.ground))
    refuse(
      'discipline.unknown_council_skip_ground',
      `councilSkip.ground: "${body.councilSkip.ground}" is not a ground to hold no council under ${ruleSet.id} (${grounds.join(', ')}; ${ruleCitation(ruleSet, 'discipline.councilSkipGrounds')})`,
      'invalid',
      'councilSkip.ground',
    );
  return {
    stepIds: councilSteps,
    ground: body.councilSkip.ground,
    reference: body.councilSkip.reference,
    rule: `no discipline council: ${body.councilSkip.ground.replace(/_/g, ' ')} (${ruleCitation(ruleSet, 'discipline.councilSkipGrounds')})`,
  };
}

/** The step record of a meeting that passes over the council: the case goes on to the step after. */
export function recordPastCouncil(
  state: Open,
  begun: BegunStep,
  skipped: SkippedSteps,
  context: DisciplineContext,
  heldOn: string,
): StepRecord {
  const after = context.definition.steps[state.currentStep + 1 + skipped.stepIds.length];
  return withVisits(state, {
    ...begun.record(true),
    nextStepId: after?.id ?? null,
    nextStepDueOn: dueOn(after, { ...context, today: heldOn }),
  });
}
