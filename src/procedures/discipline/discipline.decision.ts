import { DomainEvent } from '../../common/stream-decider';
import { ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import {
  BegunStep,
  refuse,
  refuseEffectiveBeforeSigned,
  refuseTallyRecorder,
  signedDecision,
} from '../../workflow/step-engine';
import { complaintWindowEnd } from './complaint-window';
import { disciplineValidity, planningPoolEffect } from './decision-effects';
import { DisciplineContext } from './discipline.context';
import { disciplineBar, postEffect } from './discipline.rules';
import { Body, Open } from './discipline.types';
import { linkSameViolation } from './same-violation';

const activeOn = (day: string) => (s: { from: string; until: string | null }) =>
  s.from <= day && (s.until === null || s.until >= day);

/**
 * The discipline decision (quyết định kỷ luật): not while the person's circumstances defer it,
 * the form the ballot chose, its bar on higher posts and the complaint window from service.
 */
export function decision(
  state: Open,
  begun: BegunStep,
  body: Body<'decision'>,
  context: DisciplineContext,
): DomainEvent {
  const { ruleSet } = context;
  refuseDeferred(context);
  refuseTallyRecorder(
    state.tallyRecorders,
    context,
    'whoever recorded the ballot tally of this case may not also issue its decision',
  );
  const ballotForm = state.ballot?.form;
  if (body.form !== ballotForm) {
    refuse(
      'discipline.form_differs_from_ballot',
      `form: the ballot chose ${ballotForm} (${state.ballot?.reason}); the decision applies that form, not ${body.form}`,
      'unprocessable',
      'form',
    );
  }
  refuseEffectiveBeforeSigned(body);
  const servedOn = body.servedOn ?? body.heldOn;
  if (servedOn < body.heldOn)
    refuse(
      'decision.served_before_signed',
      `servedOn: ${servedOn} is before the decision date ${body.heldOn}`,
      'invalid',
      'servedOn',
    );
  const bar = disciplineBar(ruleSet, body.form, body.effectiveFrom, body.relievedFromPost);
  return {
    type: 'DisciplineDecided',
    data: {
      ...signedDecision(begun, body),
      form: body.form,
      effectiveFrom: body.effectiveFrom,
      ...bar,
      ...(body.relievedFromPost ? { relievedFromPost: true } : {}),
      ...postEffect(ruleSet, body.form),
      servedOn,
      complaintWindowEndsOn: complaintWindowEnd(ruleSet, context.calendar, servedOn),
      withinTimeLimit: state.decideBy ? body.heldOn <= state.decideBy : null,
      ...disciplineValidity(ruleSet, body.form, body.effectiveFrom),
      ...planningPoolEffect(ruleSet, body.form),
      ...(body.sameViolationCaseId
        ? linkSameViolation(state, body.sameViolationCaseId, context.sameViolationCase, bar)
        : {}),
    },
  };
}

/** Serious illness, maternity, detention … defer the decision (the statuses are the rule set's). */
function refuseDeferred({ ruleSet, personStatuses, today }: DisciplineContext): void {
  const deferralStatuses = ruleValue<string[]>(ruleSet, 'discipline.deferralStatuses');
  const deferring = personStatuses
    .filter((s) => deferralStatuses.includes(s.status))
    .filter(activeOn(today));
  if (deferring.length) {
    refuse(
      'discipline.deferred',
      `the decision is deferred while the person is ${deferring.map((s) => `${s.status.replace(/_/g, ' ')} (from ${s.from}${s.until ? ` until ${s.until}` : ''})`).join(', ')} (${ruleCitation(ruleSet, 'discipline.deferralStatuses')})`,
      'unprocessable',
    );
  }
}
