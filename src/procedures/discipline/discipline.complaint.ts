import { DomainEvent } from '../../common/stream-decider';
import { refuse, requireActor } from '../../workflow/step-engine';
import { complaintDeadline } from './complaint-window';
import { complaintResolutionDue } from './complaint-resolution';
import { DisciplineContext } from './discipline.context';
import { Complainant } from './discipline.events';
import { formEffects } from './decision-effects';
import { refuseFormForStatus, trackForms } from './discipline.rules';
import { refuseFormByService } from './left-service';
import { servedOnDay } from './served-on';
import { Command, Decided, Existing, Track } from './discipline.types';

/** A complaint (khiếu nại) against the decision, within the track's complaint window. */
export function fileComplaint(
  state: Existing,
  command: Command<'FileComplaint'>,
  track: Track,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, actor, today } = context;
  if (state.status === 'under_review')
    refuse(
      'discipline.complaint_under_review',
      `a complaint filed on ${state.complaint?.filedOn} is still under review`,
      'conflict',
    );
  if (state.status !== 'decided')
    refuse(
      'discipline.nothing_to_complain_about',
      `the case is ${state.status}; a complaint needs a decision`,
      'conflict',
    );
  requireActor(definition.steps[0], context);
  refuseComplexOnPartyTrack(command.data.complex, track, context);
  const { filedOn } = command.data;
  if (filedOn > today)
    refuse(
      'step.in_the_future',
      `filedOn: ${filedOn} is after today (${today})`,
      'invalid',
      'filedOn',
    );
  if (filedOn < state.decision.heldOn)
    refuse(
      'discipline.complaint_before_decision',
      `filedOn: ${filedOn} is before the decision of ${state.decision.heldOn}`,
      'invalid',
      'filedOn',
    );
  refuseOutsideWindow(state, filedOn, context);
  // A complaint after a review is against the first complaint's resolution: the second round
  // (khiếu nại lần hai), with its own time to resolve (discipline.complaintResolution).
  const round = { second: state.reviews.length > 0, complex: command.data.complex ?? false };
  return [
    {
      type: 'DisciplineComplaintFiled',
      data: {
        filedOn,
        grounds: command.data.grounds,
        recordedBy: actor.userId,
        ...(actor.name ? { recordedByName: actor.name } : {}),
        complainant: complainantOf(state, command.data.complainantName),
        ...round,
        reviewDueOn:
          complaintResolutionDue(context.ruleSet, context.calendar, filedOn, round)?.dueOn ?? null,
      },
    },
  ];
}

/**
 * A complex case (vụ việc phức tạp) only lengthens the time to resolve a complaint on the State
 * track (Luật Khiếu nại 2011 art. 50); the Party track's rules set no period for it at all, so a
 * complaint marked complex there would be stored and change nothing. Refused rather than ignored.
 */
function refuseComplexOnPartyTrack(
  complex: boolean | undefined,
  track: Track,
  { ruleSet }: DisciplineContext,
): void {
  if (complex && track.track === 'party')
    refuse(
      'discipline.no_complex_period_on_party_track',
      `complex: the Party track's rules (${ruleSet.id}) set no period to resolve a complaint, and none longer for a complex case; leave complex out`,
      'unprocessable',
      'complex',
    );
}

/** The complainant: the person named, else the disciplined person (who may complain of it). */
export function complainantOf(
  state: { personId: string },
  complainantName: string | undefined,
): Complainant {
  const name = complainantName?.trim();
  return name ? { personId: null, name } : { personId: state.personId, name: null };
}

/** A complaint after the window, or after the last complaint the rule set allows, is refused. */
function refuseOutsideWindow(state: Decided, filedOn: string, context: DisciplineContext): void {
  const { ruleSet } = context;
  const deadline = complaintDeadline(
    ruleSet,
    context.calendar,
    state.decision,
    state.reviews,
    state.form,
  );
  if (!deadline)
    refuse(
      'discipline.no_further_complaint',
      `the complaint was reviewed (${state.reviews.at(-1)?.number}); the rule set ${ruleSet.id} allows no further complaint in this case`,
      'conflict',
    );
  if (filedOn > deadline.endsOn) {
    refuse(
      'discipline.complaint_window_closed',
      `filedOn: the ${deadline.second ? 'second ' : ''}complaint window closed on ${deadline.endsOn} (${deadline.citation}); filed on ${filedOn}`,
      'unprocessable',
      'filedOn',
    );
  }
}

/** The review of a complaint keeps the form, changes it (the new form with its own bar, validity and effects) or annuls it. */
export function reviewComplaint(
  state: Existing,
  command: Command<'ReviewComplaint'>,
  track: Track,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, actor, today } = context;
  if (state.status !== 'under_review')
    refuse(
      'discipline.no_complaint',
      `the case is ${state.status}; there is no complaint to review`,
      'conflict',
    );
  requireActor(definition.steps[definition.steps.length - 1], context);
  const { outcome, heldOn } = command.data;
  // A form names what the review changes the decision to: with "keep" or "annul" it would be
  // dropped, and the review recorded as if the clerk had not asked for a form at all.
  if (outcome !== 'change' && command.data.form !== undefined)
    refuse(
      'discipline.form_without_change',
      `form: a form goes only with outcome "change"; outcome "${outcome}" ${
        outcome === 'annul' ? 'annuls the decision and leaves no form' : 'keeps the decided form'
      } (send no form, or outcome "change")`,
      'invalid',
      'form',
    );
  if (heldOn > today)
    refuse(
      'step.in_the_future',
      `heldOn: ${heldOn} is after today (${today})`,
      'invalid',
      'heldOn',
    );
  const filedOn = state.complaint?.filedOn;
  if (filedOn && heldOn < filedOn)
    refuse(
      'discipline.review_before_complaint',
      `heldOn: ${heldOn} is before the complaint, filed on ${filedOn}`,
      'invalid',
      'heldOn',
    );
  // The decision on the complaint, announced on its own day (a Party form's months run from it).
  const servedOn = servedOnDay(command.data.heldOn, command.data.servedOn, today);
  return [
    {
      type: 'DisciplineComplaintReviewed',
      data: {
        heldOn,
        servedOn,
        number: command.data.number,
        outcome,
        ...formAfterReview(state, command, track, servedOn, context),
        reason: command.data.reason,
        reviewedBy: actor.userId,
      },
    },
  ];
}

/** The form after the review and what it does: kept, changed (with its own effects) or annulled. */
function formAfterReview(
  state: Decided,
  command: Command<'ReviewComplaint'>,
  track: Track,
  servedOn: string,
  context: DisciplineContext,
) {
  if (command.data.outcome === 'annul') return { form: null, barEndsOn: null, barRule: null };
  if (command.data.outcome === 'keep')
    return { form: state.form, barEndsOn: state.barEndsOn, barRule: null };
  const form = changedForm(state, command, track, context);
  // The changed form's bar runs from the day the decision took effect: the decision applies while
  // a complaint is reviewed (state `under_review`), and the review changes the form, not the day
  // the discipline began. A decision whose effect counts from the Party decision's day (Nghị định
  // 71/2023) keeps it. Its validity runs from the day the rule set names
  // (`discipline.effectMonthsFrom`): on the Party track the announcement, here the complaint
  // decision's, which Quy định 69-QĐ/TW art. 2(5) names beside the discipline decision's.
  // A kept form keeps the validity the decision recorded: whether art. 2(5) restarts it from an
  // upholding complaint decision too is not clear from the restated clause, so it is not done.
  const days = {
    effectiveFrom: state.decision.effectCountedFrom?.on ?? state.decision.effectiveFrom,
    servedOn,
    announced: 'the announcement of the decision on the complaint',
  };
  return { form, ...formEffects(context.ruleSet, form, days) };
}

function changedForm(
  state: Decided,
  command: Command<'ReviewComplaint'>,
  track: Track,
  { ruleSet, postsHeld }: DisciplineContext,
): string {
  if (command.data.form) refuseFormByService(ruleSet, command.data.form, state, 'form');
  const forms = trackForms(ruleSet, track.track, state.leftService);
  if (!command.data.form || !forms.includes(command.data.form))
    refuse(
      'discipline.unknown_form',
      `form: a change needs one of ${forms.join(', ')}`,
      'invalid',
      'form',
    );
  if (command.data.form === state.form)
    refuse(
      'discipline.change_to_same_form',
      `form: the decision already applies ${state.form}; use outcome "keep"`,
      'invalid',
      'form',
    );
  refuseFormForStatus(ruleSet, command.data.form, state, 'form', postsHeld);
  return command.data.form;
}
