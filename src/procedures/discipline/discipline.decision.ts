import { DomainEvent } from '../../common/stream-decider';
import { statusPeriodCovers } from '../../cadres/person/status-period-covers';
import { PersonStatusPeriod } from '../../cadres/person/person.state';
import { RuleSet, ruleCitation } from '../../workflow/rule-sets/rule-set';
import {
  BegunStep,
  refuse,
  refuseEffectiveBeforeSigned,
  refuseTallyRecorder,
  signedDecision,
} from '../../workflow/step-engine';
import { complaintWindowEnd } from './complaint-window';
import { formEffects } from './decision-effects';
import { DisciplineContext } from './discipline.context';
import {
  refuseFormForStatus,
  trackDeferralStatuses,
  trackForms,
  valueOr,
} from './discipline.rules';
import { councilResolutionFor } from './electing-council';
import { judgeLimitation } from './discipline-limitation';
import { timeBarred } from './discipline-time-bar';
import { Body, Open } from './discipline.types';
import {
  effectCountedFrom,
  kindsShownByPartyDecision,
  refuseEffectiveBeforeAnnounced,
} from './party-decision-effect';
import { linkSameViolation } from './same-violation';
import { refuseLighterThanServed } from './repeat-violation';
import { refuseFormByService } from './left-service';
import { servedOnDay } from './served-on';
import { refuseViolationAlreadyHandled } from './violation-handled-once';

const activeOn = (day: string) => (s: { from: string; until: string | null }) =>
  statusPeriodCovers(s, day);

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
  // Two cases opened at once, or before the rule, on one violation: only one of them decides it.
  refuseViolationAlreadyHandled(state, context.otherDisciplineCases);
  const waived = refuseDeferred(context, body, state);
  refuseTallyRecorder(
    state.tallyRecorders,
    context,
    'whoever recorded the ballot tally of this case may not also issue its decision',
  );
  const differs = formDecided(state, body, context);
  refuseLighterThanServed(ruleSet, state, body.form, 'form', context);
  const councilResolution = councilResolutionFor(ruleSet, body, context.today);
  refuseEffectiveBeforeSigned(body);
  const servedOn = servedOnDay(body.heldOn, body.servedOn, context.today);
  refuseEffectiveBeforeAnnounced(ruleSet, body.effectiveFrom, servedOn);
  const judgement = judgedAtDecision(state, body, context);
  if (judgement?.expired)
    return timeBarred(begun, judgement, { number: body.number, signer: body.signer });
  const linked = body.sameViolationCaseId ? context.sameViolationCase : undefined;
  const countedFrom = effectCountedFrom(ruleSet, state, linked);
  const effectFrom = countedFrom?.on ?? body.effectiveFrom;
  const effects = formEffects(
    ruleSet,
    body.form,
    { effectiveFrom: effectFrom, servedOn },
    body.relievedFromPost,
  );
  return {
    type: 'DisciplineDecided',
    data: {
      ...signedDecision(begun, body),
      form: body.form,
      effectiveFrom: body.effectiveFrom,
      ...effects,
      ...(countedFrom ? { effectCountedFrom: countedFrom } : {}),
      ...(body.relievedFromPost ? { relievedFromPost: true } : {}),
      servedOn,
      complaintWindowEndsOn: complaintWindowEnd(ruleSet, context.calendar, servedOn),
      withinTimeLimit: state.decideBy ? body.heldOn <= state.decideBy : null,
      ...(differs ? { differsFromRecommendation: differs } : {}),
      ...(councilResolution ? { councilResolution } : {}),
      ...(judgement ? { limitation: judgement } : {}),
      ...(body.personRequest && waived.length
        ? { personRequest: { ...body.personRequest, waived } }
        : {}),
      ...(body.sameViolationCaseId
        ? linkSameViolation(state, body.sameViolationCaseId, context.sameViolationCase, effects)
        : {}),
    },
  };
}

/**
 * The form decided. Party: the one the ballot chose. Where the council only recommends (civil
 * service), the authority may decide another form of the track, with a reason; without a council
 * (a cadre, a skip path) any form of the track the person's status allows.
 */
function formDecided(
  state: Open,
  body: Body<'decision'>,
  context: DisciplineContext,
): { recommended: string | null; reason: string } | null {
  const { ruleSet, definition } = context;
  const ballotForm = state.ballot?.form ?? null;
  if (!definition.discipline?.councilRecommends) {
    if (body.form !== ballotForm)
      refuse(
        'discipline.form_differs_from_ballot',
        `form: the ballot chose ${ballotForm} (${state.ballot?.reason}); the decision applies that form, not ${body.form}`,
        'unprocessable',
        'form',
      );
    return null;
  }
  refuseFormByService(ruleSet, body.form, state, 'form');
  const forms = trackForms(ruleSet, state.track, state.leftService);
  if (!forms.includes(body.form))
    refuse(
      'discipline.unknown_form',
      `form: "${body.form}" is not a ${state.track} form under ${ruleSet.id} (${forms.join(', ')})`,
      'invalid',
      'form',
    );
  refuseFormForStatus(ruleSet, body.form, state, 'form', context.postsHeld);
  if (ballotForm === null || body.form === ballotForm) return null;
  const reason = body.reasonForDifferentForm?.trim();
  if (!reason)
    refuse(
      'discipline.different_form_needs_reason',
      `reasonForDifferentForm: the council recommended ${ballotForm}; deciding ${body.form} instead needs the reason (the council recommends, the authority decides)`,
      'invalid',
      'reasonForDifferentForm',
    );
  return { recommended: ballotForm, reason };
}

/**
 * Where the council only recommends, the limitation is judged on the form decided; a Party
 * expulsion named as the same violation makes it a kind without limitation where the set says so.
 */
function judgedAtDecision(state: Open, body: Body<'decision'>, context: DisciplineContext) {
  if (state.limitation !== null || !context.definition.discipline?.councilRecommends) return null;
  const linked = body.sameViolationCaseId ? context.sameViolationCase : undefined;
  const kinds = kindsShownByPartyDecision(state, linked);
  return judgeLimitation(context.ruleSet, state.violation, body.form, body.heldOn, kinds);
}

/**
 * Serious illness, maternity, detention … defer the decision (the statuses are the rule set's);
 * the person's written request to be disciplined ends the deferrals the rule set names
 * (`discipline.deferralWaivedByWrittenRequest`). Returns the statuses the request waived.
 */
function refuseDeferred(
  { ruleSet, personStatuses, today, gender }: DisciplineContext,
  body: Body<'decision'>,
  state: Open,
): string[] {
  const deferralStatuses = trackDeferralStatuses(ruleSet, state.track);
  const waivable = body.personRequest
    ? valueOr<string[]>(ruleSet, 'discipline.deferralWaivedByWrittenRequest', [])
    : [];
  if (body.personRequest && body.personRequest.receivedOn > body.heldOn)
    refuse(
      'field.out_of_range',
      `personRequest.receivedOn: ${body.personRequest.receivedOn} is after the decision date ${body.heldOn}`,
      'invalid',
      'personRequest.receivedOn',
    );
  const active = personStatuses
    .filter((s) => deferralStatuses.includes(s.status))
    .filter(activeOn(today))
    .filter((s) => defersForGender(ruleSet, s, gender));
  const waived = active.filter((s) => waivable.includes(s.status)).map((s) => s.status);
  const deferring = active.filter((s) => !waivable.includes(s.status));
  if (deferring.length) {
    refuse(
      'discipline.deferred',
      `the decision is deferred while the person is ${deferring.map((s) => `${s.status.replace(/_/g, ' ')} (from ${s.from}${s.until ? ` until ${s.until}` : ''})`).join(', ')} (${ruleCitation(ruleSet, 'discipline.deferralStatuses')})`,
      'unprocessable',
    );
  }
  return waived;
}

const FATHERS = 'discipline.childDeferralForFathers';

/**
 * A child under 12 months defers a woman's discipline; a man's only on a ground the rule set names
 * (`discipline.childDeferralForFathers`, Nghị định 172/2025: his wife died or cannot raise the
 * child), stated on his period as fatherCareGround. Sets without the grounds (null, or no parameter:
 * those pinned before Dec 2026) defer any parent.
 */
function defersForGender(
  ruleSet: RuleSet,
  period: PersonStatusPeriod,
  gender: 'male' | 'female' | undefined,
): boolean {
  if (period.status !== 'child_under_12_months' || gender !== 'male') return true;
  const grounds = valueOr<string[] | null>(ruleSet, FATHERS, null);
  if (grounds === null) return true;
  return period.fatherCareGround !== undefined && grounds.includes(period.fatherCareGround);
}
