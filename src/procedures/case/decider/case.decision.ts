import { itemsBlockingDecision } from './items-blocking-decision';
import { termRatingSettledByRecord } from './term-rating-settled';
import { DomainEvent } from '../../../common/stream-decider';
import { addCalendarDays } from '../../../workflow/calendar/working-day-calendar';
import { ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { addMonths } from '../../../workflow/rules/retirement';
import {
  BegunStep,
  refuse,
  refuseEffectiveBeforeSigned,
  refuseTallyRecorder,
  signedDecision,
} from '../../../workflow/step-engine';
import { CaseContext, DecisionTerm } from './case.context';
import { ruleSetTermYears } from './rule-set-term';
import { Body, Open } from './case.types';
import { heldTermEnd, movesThePerson } from './decision-posts';
import { termRunsToRetirement } from './term-to-retirement';
import { refuseBlockingStatus } from './blocking-status';
import { openDisciplineCasesOf, refuseOpenDisciplineCase } from './open-discipline-case';
import { refuseSeatsFullOnEffectiveDay } from './decision-seats';
import {
  appointmentAtRetirement,
  refuseEffectiveFromRetirement,
} from './effective-before-retirement';
import { pendingPostAtDecision, pendingPostOtherThan } from './pending-post';
import { renewalsDecidedBeside } from './renewal-decided-beside';
import { refuseAppointeeNotAskedFor } from './prerequisite-person';
import { refuseHolderRetiredByEffectiveDay } from './holder-retired-by-effective-day';
import { termCutAtRetirement } from './term-cut-at-retirement';

/** The flags holding the decision back; a term_rating flag whose missing years are rated by now does not. */
const blockingNow = (state: Open, context: CaseContext) =>
  itemsBlockingDecision(state.vetting).filter(
    (entry) =>
      !termRatingSettledByRecord(entry, context.personFacts, context.ruleSet, context.today),
  );

/** The decision (quyết định): no flagged vetting item open, the term and the re-appointment notice. */
export function decision(
  state: Open,
  begun: BegunStep,
  body: Body<'decision'>,
  context: CaseContext,
): DomainEvent {
  const blocking = blockingNow(state, context);
  if (blocking.length) {
    refuse(
      'vetting.flagged_item_blocks_decision',
      `flagged vetting items block the decision: ${blocking.map((b) => `${b.item} (${b.note})`).join('; ')}; resolve them or reject the case`,
      'unprocessable',
      undefined,
      { flaggedItems: blocking.map((b) => b.item) },
    );
  }
  refuseTallyRecorder(
    state.tallyRecorders,
    context,
    'whoever recorded a ballot tally of this case may not also issue its decision',
  );
  refuseEffectiveBeforeSigned(body);
  // A status recorded since the vetting (an investigation opened), or a discipline case opened
  // since, holds the decision back too.
  if (state.procedure === 'appointment') {
    const appointee = state.appointee ?? state.personId;
    refuseAppointeeNotAskedFor(appointee, context.prerequisitePeople);
    const on = { ruleSet: context.ruleSet, day: context.today };
    refuseBlockingStatus(appointee, context.personFacts?.statuses, on, { step: 'the decision' });
    const facts = context.personFacts;
    refuseOpenDisciplineCase(appointee, facts && openDisciplineCasesOf(facts), context.ruleSet, {
      step: 'the decision',
    });
    refuseEffectiveFromRetirement(
      facts,
      context.ruleSet,
      body.effectiveFrom,
      appointmentAtRetirement(appointee),
    );
  }
  refusePostAlreadyHeld(state, context);
  refusePendingPost(state, body, context);
  const term = decidedTerm(state, body, context);
  // The seats are weighed over the whole term the post is held on, which the term gives.
  refuseSeatsFullOnEffectiveDay(state, body, context, heldTermEnd(state.procedure, term));
  return {
    type: 'DecisionIssued',
    data: {
      ...signedDecision(begun, body),
      effectiveFrom: body.effectiveFrom,
      ...term,
      ...reappointmentNotice(context, term),
    },
  };
}

/**
 * Two cases may be open for one person and post under different procedures (an appointment and a
 * transfer): once one has put the person into the post, the other's decision would assign it a
 * second time over the first. It is refused, naming the post held and since when.
 */
function refusePostAlreadyHeld(state: Open, context: CaseContext): void {
  if (!movesThePerson(state.procedure)) return;
  const facts = context.personFacts;
  const held = facts?.posts.find(
    (post) => post.positionId === state.positionId && post.until === null,
  );
  // A decision effective on a later day has put them there already, from that day.
  const comes = facts?.postsStartingLater?.find((post) => post.positionId === state.positionId);
  if (held || comes)
    refuse(
      'decision.post_already_held',
      `${state.appointee ?? state.personId} already ${held ? `holds ${state.positionId} since ${held.from}` : `takes up ${state.positionId} on ${comes!.from}`} (another decision); this case cannot put them there again: withdraw it`,
      'conflict',
    );
}

/**
 * Another decision puts the person into a post from a later day than this one takes effect: this
 * decision would end that post before it began, and the person would hold the post it ends
 * beside the new one until then. Nobody has said the earlier decision no longer stands, so this
 * one is refused, naming it and what can be done; a re-appointment decided on the holding of a post
 * it ends, not yet on the record, as well (`renewalsDecidedBeside`). A decision that keeps the posts held (kiêm
 * nhiệm) ends none of them.
 */
function refusePendingPost(state: Open, body: Body<'decision'>, context: CaseContext): void {
  if (!movesThePerson(state.procedure) || body.keepsPreviousPost) return;
  const pending = pendingPostOtherThan(
    [
      ...(context.personFacts?.postsStartingLater ?? []),
      ...renewalsDecidedBeside(context.postsEndedHoldings, state.caseId, context.today),
    ],
    state.positionId,
    body.effectiveFrom,
  );
  if (pending)
    throw pendingPostAtDecision(state.appointee ?? state.personId, pending, body.effectiveFrom);
}

/**
 * The term the decision gives, ended on the holder's retirement day when it would run past it
 * (`termCutAtRetirement`), after the refusal of one retired by the effective day.
 */
function decidedTerm(state: Open, body: Body<'decision'>, context: CaseContext): DecisionTerm {
  const given = context.decisionTerm
    ? context.decisionTerm(state, body.effectiveFrom, body.termYears, body.heldOn)
    : ruleSetTerm(body, context);
  // After the term's own refusals: a re-appointment's names the term already run to retirement.
  refuseHolderRetiredByEffectiveDay(state, body, context);
  return termCutAtRetirement(state.procedure, given, context.personFacts, {
    ruleSet: context.ruleSet,
    effectiveFrom: body.effectiveFrom,
  });
}

function ruleSetTerm(body: Body<'decision'>, context: CaseContext): DecisionTerm {
  const years = ruleSetTermYears(context.ruleSet, body.termYears);
  return {
    termYears: years,
    termEnd: addMonths(body.effectiveFrom, years * 12),
    termRule: `${context.ruleSet.id}: ${ruleCitation(context.ruleSet, 'appointment.termYears')}`,
  };
}

/**
 * The end of the post's term a re-appointment notice runs before: a rotation's or transfer's
 * post term (a leadership post taken up through it), or the decision's term where the definition
 * says it gives a notice (appointment, re-appointment).
 */
function postTermEnd(context: CaseContext, term: DecisionTerm): string | undefined {
  if (term.postTerm) return term.postTerm.termEnd;
  return context.definition.decisionGivesReappointmentNotice ? term.termEnd : undefined;
}

/**
 * A post's term leads to a re-appointment notice before it ends; one that runs to the person's
 * retirement does not: nothing is re-appointed when the holder retires.
 */
function reappointmentNotice(
  context: CaseContext,
  term: DecisionTerm,
): { reappointmentNoticeOn?: string } {
  const termEnd = postTermEnd(context, term);
  if (termEnd === undefined || termRunsToRetirement(term)) return {};
  const lead = ruleValue<{ amount: number; unit: 'days' | 'working_days' }>(
    context.ruleSet,
    'reappointment.leadTime',
  );
  return {
    reappointmentNoticeOn:
      lead.unit === 'working_days'
        ? context.calendar.subtractWorkingDays(termEnd, lead.amount)
        : addCalendarDays(termEnd, -lead.amount),
  };
}
