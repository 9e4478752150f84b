import { DomainEvent } from '../common/stream-decider';
import { addCalendarDays } from '../workflow/calendar/working-day-calendar';
import { complaintWindowCitation, complaintWindowEnd } from './complaint-window';
import { AppliedVoteRule } from '../workflow/case/case.events';
import { refuseSubject } from '../workflow/case/case.decider';
import { DomainRuleViolation } from '../workflow/case/domain-rule-violation';
import { StepDefinition } from '../workflow/definitions/procedure-definition';
import { RuleSet, ruleCitation, ruleValue } from '../workflow/rule-sets/rule-set';
import { addMonths } from '../workflow/rules/retirement';
import { Fraction } from '../workflow/vote-rules/fraction';
import { DisciplineCommand, DisciplineStepBody } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { DisciplineEvent, DisciplineStepRecord, DisciplineTrack } from './discipline.events';
import { DisciplineState, ExistingDiscipline, initialDisciplineState } from './discipline.state';
import { evaluateFormBallot } from './form-ballot';

type Data<T extends DisciplineEvent['type']> = Extract<DisciplineEvent, { type: T }>['data'];
type Open = Extract<DisciplineState, { status: 'open' }>;

function refuse(
  rule: string,
  message: string,
  category: DomainRuleViolation['category'],
  field?: string,
): never {
  throw new DomainRuleViolation(rule, message, category, field);
}

export function trackForms(ruleSet: RuleSet, track: DisciplineTrack): string[] {
  return ruleValue<Record<DisciplineTrack, string[]>>(ruleSet, 'discipline.forms')[track];
}

/** How long a form bars a higher post, by the case's rule set. */
export function disciplineBar(
  ruleSet: RuleSet,
  form: string,
  effectiveFrom: string,
): { barEndsOn: string | null; barRule: string } {
  const months = ruleValue<Record<string, number>>(ruleSet, 'discipline.barMonths')[form];
  if (months !== undefined) {
    return {
      barEndsOn: addMonths(effectiveFrom, months),
      barRule: `${form}: no higher post for ${months} months (${ruleSet.id}: ${ruleCitation(ruleSet, 'discipline.barMonths')})`,
    };
  }
  if (ruleValue<string[]>(ruleSet, 'discipline.formsWithoutEnd').includes(form)) {
    return {
      barEndsOn: null,
      barRule: `${form}: no end date (${ruleCitation(ruleSet, 'discipline.formsWithoutEnd')})`,
    };
  }
  return {
    barEndsOn: effectiveFrom,
    barRule: `${form}: the rule set ${ruleSet.id} sets no bar on higher posts for this form`,
  };
}

const dueOn = (step: StepDefinition | undefined, context: DisciplineContext): string | null => {
  if (!step?.deadline) return null;
  return step.deadline.workingDays
    ? context.calendar.addWorkingDays(context.today, step.deadline.workingDays)
    : context.calendar.periodEnd(addCalendarDays(context.today, step.deadline.days ?? 0));
};

function requireActor(step: StepDefinition, context: DisciplineContext): void {
  if (!context.actor.roles.some((role) => step.actors.roles.includes(role))) {
    refuse(
      'step.role_not_allowed',
      `step ${step.id} is performed by ${step.actors.roles.join(' or ')}; you act as ${context.actor.roles.join(', ') || 'no role'}`,
      'forbidden',
    );
  }
  if (step.actors.scope === 'case-unit' && !context.actorReachesCaseUnit) {
    refuse(
      'step.out_of_scope',
      `your grant for org unit ${context.actor.orgUnit} does not cover this case's org unit`,
      'forbidden',
    );
  }
}

const activeOn = (day: string) => (s: { from: string; until: string | null }) =>
  s.from <= day && (s.until === null || s.until >= day);

// ---------------------------------------------------------------------------------------------
// evolve

export function evolveDiscipline(state: DisciplineState, event: DomainEvent): DisciplineState {
  const e = event as DisciplineEvent;
  if (e.type === 'DisciplineCaseOpened') {
    const { firstStepId: _first, firstStepDueOn, procedure: _procedure, ...opened } = e.data;
    return {
      status: 'open',
      ...opened,
      currentStep: 0,
      currentStepDueOn: firstStepDueOn,
      steps: [],
      ballot: null,
      tallyRecorders: [],
      timeLimitExtended: false,
      missedDeadlines: [],
    };
  }
  if (state.status === 'none') return state;
  const moved = (data: DisciplineStepRecord) =>
    data.nextStepId !== data.stepId
      ? { currentStep: state.currentStep + 1, currentStepDueOn: data.nextStepDueOn }
      : {};
  switch (e.type) {
    case 'DisciplineStepRecorded':
      return { ...state, ...moved(e.data), steps: [...state.steps, e] };
    case 'DisciplineBallotTallied':
      return {
        ...state,
        ...moved(e.data),
        steps: [...state.steps, e],
        ballot: e.data,
        tallyRecorders: [...new Set([...state.tallyRecorders, e.data.recordedBy])],
      };
    case 'DisciplineDecided': {
      const { status: _status, ...facts } = state;
      return {
        ...facts,
        status: 'decided',
        currentStep: state.currentStep + 1,
        currentStepDueOn: null,
        steps: [...state.steps, e],
        decision: e.data,
        form: e.data.form,
        barEndsOn: e.data.barEndsOn,
        complaint: null,
        reviews: [],
      } as DisciplineState;
    }
    case 'DisciplineTimeLimitExtended':
      return { ...state, decideBy: e.data.to, timeLimitExtended: true };
    case 'DisciplineComplaintFiled':
      return state.status === 'decided'
        ? { ...state, status: 'under_review', complaint: e.data }
        : state;
    case 'DisciplineComplaintReviewed': {
      if (state.status !== 'under_review') return state;
      const reviews = [...state.reviews, e.data];
      if (e.data.outcome === 'annul') return { ...state, status: 'annulled', reviews };
      if (e.data.outcome === 'change')
        return {
          ...state,
          status: 'decided',
          form: e.data.form!,
          barEndsOn: e.data.barEndsOn,
          reviews,
        };
      return { ...state, status: 'decided', reviews };
    }
    case 'DisciplineCaseClosed': {
      const { status: _status, ...facts } = state;
      return {
        ...facts,
        status: 'closed',
        closure: e.data,
        currentStepDueOn: null,
      } as DisciplineState;
    }
    case 'DeadlineMissed':
      return { ...state, missedDeadlines: [...state.missedDeadlines, e.data.stepId] };
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// decide

export function decideDiscipline(
  state: DisciplineState,
  command: DisciplineCommand,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, ruleSet, actor, today } = context;
  refuseSubject(
    command.type === 'OpenDisciplineCase'
      ? command.data.personId
      : state.status === 'none'
        ? ''
        : state.personId,
    context,
  );
  const track = definition.discipline;
  if (!track)
    throw new Error(
      `definition ${definition.id}@${definition.version} is not a discipline procedure`,
    );
  if (command.type === 'OpenDisciplineCase') {
    if (state.status !== 'none')
      refuse('case.exists', `case ${command.data.caseId} already exists`, 'conflict');
    const first = definition.steps[0];
    requireActor(first, context);
    const { violation } = command.data;
    const forms = trackForms(ruleSet, track.track);
    if (!forms.includes(violation.severity)) {
      refuse(
        'discipline.unknown_form',
        `violation.severity: "${violation.severity}" is not a ${track.track} form under ${ruleSet.id} (${forms.join(', ')})`,
        'invalid',
        'violation.severity',
      );
    }
    if (violation.committedOn > today)
      refuse(
        'discipline.violation_in_future',
        `violation.committedOn: ${violation.committedOn} is after today (${today})`,
        'invalid',
        'violation.committedOn',
      );
    const years = ruleValue<Record<string, number | null>>(ruleSet, 'discipline.limitationYears')[
      violation.severity
    ];
    if (years === undefined)
      throw new Error(`rule set ${ruleSet.id} has no limitation period for ${violation.severity}`);
    const limitationEndsOn = years === null ? null : addMonths(violation.committedOn, years * 12);
    const citation = ruleCitation(ruleSet, 'discipline.limitationYears');
    if (limitationEndsOn !== null && limitationEndsOn < today) {
      refuse(
        'discipline.limitation_expired',
        `violation.committedOn: a ${violation.severity}-level violation of ${violation.committedOn} is past its limitation period of ${years} years, which ended on ${limitationEndsOn}; today is ${today} (${citation})`,
        'unprocessable',
        'violation.committedOn',
      );
    }
    // Only a track with a time limit has (and reads) one.
    const decideDays = track.timeLimit
      ? ruleValue<{ standard: number; extended: number }>(ruleSet, 'discipline.decideDays')
      : null;
    const opened: Data<'DisciplineCaseOpened'> = {
      caseId: command.data.caseId,
      procedure: 'discipline',
      definitionId: definition.id,
      definitionVersion: definition.version,
      ruleSetId: ruleSet.id,
      track: track.track,
      personId: command.data.personId,
      positionId: command.data.positionId,
      orgUnitId: command.data.orgUnitId,
      electedCadre: command.data.electedCadre,
      violation,
      limitation: { years, endsOn: limitationEndsOn, citation },
      openedOn: today,
      openedBy: actor.userId,
      summary: command.data.summary,
      decideBy: decideDays
        ? context.calendar.periodEnd(addCalendarDays(today, decideDays.standard))
        : null,
      firstStepId: first.id,
      firstStepDueOn: dueOn(first, context),
    };
    return [{ type: 'DisciplineCaseOpened', data: opened }];
  }
  if (state.status === 'none') refuse('case.not_found', 'the case does not exist', 'not_found');
  switch (command.type) {
    case 'PerformDisciplineStep':
      if (state.status !== 'open') {
        if (
          state.status !== 'closed' &&
          definition.steps.find((s) => s.id === command.data.stepId)?.kind === 'decision'
        ) {
          refuse(
            'decision.already_issued',
            `the decision was already issued (${state.decision.number} of ${state.decision.heldOn})`,
            'conflict',
          );
        }
        refuse(
          'case.closed',
          `the case is ${state.status}; no further step can be taken`,
          'conflict',
        );
      }
      return performStep(state, command.data.stepId, command.data.body, context);
    case 'ExtendTimeLimit': {
      if (state.status !== 'open')
        refuse(
          'case.closed',
          `the case is ${state.status}; the time limit no longer runs`,
          'conflict',
        );
      if (!track.timeLimit || !state.decideBy)
        refuse(
          'discipline.no_time_limit',
          `the ${track.track} track of ${definition.id} has no time limit to extend`,
          'unprocessable',
        );
      if (state.timeLimitExtended)
        refuse(
          'discipline.time_limit_already_extended',
          `the time limit was already extended once, to ${state.decideBy}`,
          'conflict',
        );
      requireActor(definition.steps[definition.steps.length - 1], context);
      const days = ruleValue<{ standard: number; extended: number }>(
        ruleSet,
        'discipline.decideDays',
      );
      return [
        {
          type: 'DisciplineTimeLimitExtended',
          data: {
            from: state.decideBy,
            to: context.calendar.periodEnd(addCalendarDays(state.openedOn, days.extended)),
            reason: command.data.reason,
            extendedBy: actor.userId,
            extendedOn: today,
            citation: ruleCitation(ruleSet, 'discipline.decideDays'),
          },
        },
      ];
    }
    case 'FileComplaint': {
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
      if (filedOn > state.decision.complaintWindowEndsOn) {
        refuse(
          'discipline.complaint_window_closed',
          `filedOn: the complaint window closed on ${state.decision.complaintWindowEndsOn} (${complaintWindowCitation(ruleSet)}); filed on ${filedOn}`,
          'unprocessable',
          'filedOn',
        );
      }
      return [
        {
          type: 'DisciplineComplaintFiled',
          data: { filedOn, grounds: command.data.grounds, recordedBy: actor.userId },
        },
      ];
    }
    case 'ReviewComplaint': {
      if (state.status !== 'under_review')
        refuse(
          'discipline.no_complaint',
          `the case is ${state.status}; there is no complaint to review`,
          'conflict',
        );
      requireActor(definition.steps[definition.steps.length - 1], context);
      const { outcome, heldOn } = command.data;
      if (heldOn > today)
        refuse(
          'step.in_the_future',
          `heldOn: ${heldOn} is after today (${today})`,
          'invalid',
          'heldOn',
        );
      let form: string | null = state.form;
      let bar: { barEndsOn: string | null; barRule: string | null } = {
        barEndsOn: state.barEndsOn,
        barRule: null,
      };
      if (outcome === 'change') {
        const forms = trackForms(ruleSet, track.track);
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
        if (command.data.form === 'recall' && !state.electedCadre)
          refuse(
            'discipline.recall_needs_elected_cadre',
            'form: recall (bãi nhiệm) applies only to elected cadres',
            'unprocessable',
            'form',
          );
        form = command.data.form;
        bar = disciplineBar(ruleSet, form, state.decision.effectiveFrom);
      }
      if (outcome === 'annul') {
        form = null;
        bar = { barEndsOn: null, barRule: null };
      }
      return [
        {
          type: 'DisciplineComplaintReviewed',
          data: {
            heldOn,
            number: command.data.number,
            outcome,
            form,
            barEndsOn: bar.barEndsOn,
            barRule: bar.barRule,
            reason: command.data.reason,
            reviewedBy: actor.userId,
          },
        },
      ];
    }
    case 'CloseDisciplineCase':
      if (state.status !== 'open')
        refuse('case.closed', `the case is ${state.status}; it cannot be closed again`, 'conflict');
      requireActor(definition.steps[0], context);
      return [
        {
          type: 'DisciplineCaseClosed',
          data: {
            rule: 'discipline.closed_by_staff',
            reason: command.data.reason,
            stepId: definition.steps[state.currentStep]?.id ?? null,
            closedBy: actor.userId,
            closedOn: today,
          },
        },
      ];
    case 'RecordTimeLimitMissed':
      if (
        state.status !== 'open' ||
        state.decideBy !== command.data.dueOn ||
        state.missedDeadlines.includes('time-limit')
      )
        return [];
      return [
        {
          type: 'DeadlineMissed',
          data: {
            caseId: state.caseId,
            stepId: 'time-limit',
            dueOn: command.data.dueOn,
            missedAt: command.data.missedAt,
          },
        },
      ];
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function appliedRule(step: StepDefinition, ruleSet: RuleSet): AppliedVoteRule {
  const rule = step.voteRule!;
  return {
    base: rule.base,
    quorum: ruleValue<Fraction>(ruleSet, rule.quorumParam),
    pass: ruleValue<Fraction>(ruleSet, rule.passParam),
    headBreaksTie: false,
    ruleSetId: ruleSet.id,
    citation: ruleCitation(ruleSet, rule.passParam),
  };
}

function performStep(
  state: Open,
  stepId: string,
  body: DisciplineStepBody,
  context: DisciplineContext,
): DomainEvent[] {
  const { definition, ruleSet, actor, today } = context;
  const step = definition.steps.find((s) => s.id === stepId);
  if (!step)
    refuse(
      'step.unknown',
      `${definition.id}@${definition.version} has no step "${stepId}"`,
      'not_found',
      'stepId',
    );
  const current = definition.steps[state.currentStep];
  if (step.id !== current.id) {
    const done = definition.steps.findIndex((s) => s.id === step.id) < state.currentStep;
    refuse(
      'step.out_of_order',
      done
        ? `step ${step.id} is already done; the current step is ${current.id}`
        : `step ${step.id} cannot be taken yet; the current step is ${current.id}`,
      'conflict',
      'stepId',
    );
  }
  if (body.kind !== step.kind)
    refuse(
      'step.wrong_kind',
      `step ${step.id} is a ${step.kind} step, not ${body.kind}`,
      'invalid',
      'kind',
    );
  requireActor(step, context);
  for (const field of step.requiredFields) {
    const value = (body as unknown as Record<string, unknown>)[field];
    if (value === undefined || value === null || value === '')
      refuse('field.required', `${field}: step ${step.id} requires it`, 'invalid', field);
  }
  if (body.heldOn > today)
    refuse(
      'step.in_the_future',
      `heldOn: ${body.heldOn} is after today (${today})`,
      'invalid',
      'heldOn',
    );
  const next = definition.steps[state.currentStep + 1];
  const record = (moves: boolean): DisciplineStepRecord => ({
    stepId: step.id,
    heldOn: body.heldOn,
    ...(body.minutesRef ? { minutesRef: body.minutesRef } : {}),
    ...(body.note ? { note: body.note } : {}),
    recordedBy: actor.userId,
    nextStepId: moves ? (next?.id ?? null) : step.id,
    nextStepDueOn: moves ? dueOn(next, context) : state.currentStepDueOn,
  });
  const close = (rule: string, reason: string): DomainEvent => ({
    type: 'DisciplineCaseClosed',
    data: { rule, reason, stepId: step.id, closedBy: actor.userId, closedOn: today },
  });

  switch (body.kind) {
    case 'meeting': {
      const isVerification = state.currentStep === 0;
      if (isVerification && typeof body.violationConfirmed !== 'boolean') {
        refuse(
          'field.required',
          `violationConfirmed: step ${step.id} must say whether the violation is confirmed (true or false)`,
          'invalid',
          'violationConfirmed',
        );
      }
      if (isVerification && body.violationConfirmed === false) {
        return [
          {
            type: 'DisciplineStepRecorded',
            data: { ...record(false), conclusion: body.conclusion, violationConfirmed: false },
          },
          close(
            'discipline.violation_not_confirmed',
            `verification did not confirm the violation: ${body.conclusion}`,
          ),
        ];
      }
      return [
        {
          type: 'DisciplineStepRecorded',
          data: {
            ...record(true),
            conclusion: body.conclusion,
            ...(isVerification ? { violationConfirmed: true } : {}),
          },
        },
      ];
    }
    case 'ballot': {
      const rule = appliedRule(step, ruleSet);
      const result = evaluateFormBallot(
        {
          forms: trackForms(ruleSet, state.track),
          quorum: rule.quorum,
          pass: rule.pass,
          accumulateFromHeaviest: definition.discipline!.accumulateFromHeaviest,
          // Only a track whose forms include expulsion has (and needs) the cell's proposal rule.
          expulsionProposal: trackForms(ruleSet, state.track).includes('expulsion')
            ? ruleValue<Fraction>(ruleSet, 'discipline.expulsionProposal')
            : undefined,
        },
        body.tally,
        body.expulsionProposal,
      );
      if (result.outcome === 'invalid_tally')
        refuse(
          'tally.inconsistent',
          `tally.${result.field}: ${result.reason}`,
          'invalid',
          `tally.${result.field}`,
        );
      if (result.outcome === 'no_quorum')
        refuse('ballot.no_quorum', result.reason, 'unprocessable');
      if (result.outcome === 'expulsion_not_proposed')
        refuse(
          'discipline.expulsion_not_proposed',
          `expulsionProposal: ${result.reason} (${ruleCitation(ruleSet, 'discipline.expulsionProposal')})`,
          'unprocessable',
          'expulsionProposal',
        );
      if (result.outcome === 'form_chosen' && result.form === 'recall' && !state.electedCadre) {
        refuse(
          'discipline.recall_needs_elected_cadre',
          'tally.votesByForm.recall: recall (bãi nhiệm) applies only to elected cadres',
          'unprocessable',
          'tally.votesByForm.recall',
        );
      }
      const chosen = result.outcome === 'form_chosen';
      const tallied: DomainEvent = {
        type: 'DisciplineBallotTallied',
        data: {
          ...record(chosen),
          tally: body.tally,
          ...(body.expulsionProposal ? { expulsionProposal: body.expulsionProposal } : {}),
          outcome: result.outcome,
          form: chosen ? result.form : null,
          accumulated: chosen ? result.accumulated : false,
          reason: result.reason,
          announced: step.voteRule!.announced,
          visibleTo: step.voteRule!.visibleTo,
          rule,
        },
      };
      return chosen
        ? [tallied]
        : [tallied, close('ballot.no_form_reached', `ballot: ${result.reason}`)];
    }
    case 'decision': {
      const deferralStatuses = ruleValue<string[]>(ruleSet, 'discipline.deferralStatuses');
      const deferring = context.personStatuses
        .filter((s) => deferralStatuses.includes(s.status))
        .filter(activeOn(today));
      if (deferring.length) {
        refuse(
          'discipline.deferred',
          `the decision is deferred while the person is ${deferring.map((s) => `${s.status.replace(/_/g, ' ')} (from ${s.from}${s.until ? ` until ${s.until}` : ''})`).join(', ')} (${ruleCitation(ruleSet, 'discipline.deferralStatuses')})`,
          'unprocessable',
        );
      }
      if (definition.separateTallyAndDecision && state.tallyRecorders.includes(actor.userId)) {
        refuse(
          'separation.tally_and_decision',
          'whoever recorded the ballot tally of this case may not also issue its decision',
          'forbidden',
        );
      }
      const ballotForm = state.ballot?.form;
      if (body.form !== ballotForm) {
        refuse(
          'discipline.form_differs_from_ballot',
          `form: the ballot chose ${ballotForm} (${state.ballot?.reason}); the decision applies that form, not ${body.form}`,
          'unprocessable',
          'form',
        );
      }
      if (body.effectiveFrom < body.heldOn)
        refuse(
          'decision.effective_before_signed',
          `effectiveFrom: ${body.effectiveFrom} is before the decision date ${body.heldOn}`,
          'invalid',
          'effectiveFrom',
        );
      const servedOn = body.servedOn ?? body.heldOn;
      if (servedOn < body.heldOn)
        refuse(
          'decision.served_before_signed',
          `servedOn: ${servedOn} is before the decision date ${body.heldOn}`,
          'invalid',
          'servedOn',
        );
      return [
        {
          type: 'DisciplineDecided',
          data: {
            ...record(true),
            number: body.number,
            signer: body.signer,
            form: body.form,
            effectiveFrom: body.effectiveFrom,
            ...disciplineBar(ruleSet, body.form, body.effectiveFrom),
            servedOn,
            complaintWindowEndsOn: complaintWindowEnd(ruleSet, context.calendar, servedOn),
            withinTimeLimit: state.decideBy ? body.heldOn <= state.decideBy : null,
          },
        },
      ];
    }
    default: {
      const unreachable: never = body;
      return unreachable;
    }
  }
}

export const disciplineDecider = {
  initialState: initialDisciplineState,
  evolve: evolveDiscipline,
  decide: decideDiscipline,
};

export type { ExistingDiscipline };
