import { DomainEvent } from '../../common/stream-decider';
import { addCalendarDays } from '../calendar/working-day-calendar';
import {
  ProcedureDefinition,
  StepDefinition,
  VettingItem,
} from '../definitions/procedure-definition';
import { RuleSet, ruleCitation, ruleValue } from '../rule-sets/rule-set';
import { addMonths } from '../rules/retirement';
import { Fraction } from '../vote-rules/fraction';
import { evaluateMajorityBallot } from '../vote-rules/majority-ballot';
import { evaluateNomination } from '../vote-rules/nomination-ballot';
import { CaseCommand, StepBody } from './case.commands';
import { CaseContext } from './case.context';
import { AppliedVoteRule, CaseEvent, StepRecord, VettingEntry } from './case.events';
import { CaseFacts, CaseState, ExistingCase, initialCaseState } from './case.state';
import { DomainRuleViolation } from './domain-rule-violation';
import { ITEMS_FROM_RECORD, vettingFromRecord } from './vetting-from-record';

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

function refuse(
  rule: string,
  message: string,
  category: DomainRuleViolation['category'],
  field?: string,
  details?: Record<string, unknown>,
): never {
  throw new DomainRuleViolation(rule, message, category, field, details);
}

/** When the step becomes current today, its deadline under the definition and the calendar. */
function dueOn(step: StepDefinition | undefined, context: CaseContext): string | null {
  if (!step?.deadline) return null;
  if (step.deadline.workingDays)
    return context.calendar.addWorkingDays(context.today, step.deadline.workingDays);
  return context.calendar.periodEnd(addCalendarDays(context.today, step.deadline.days ?? 0));
}

function appliedRule(step: StepDefinition, ruleSet: RuleSet): AppliedVoteRule {
  const rule = step.voteRule!;
  return {
    base: rule.base,
    quorum: ruleValue<Fraction>(ruleSet, rule.quorumParam),
    pass: ruleValue<Fraction>(ruleSet, rule.passParam),
    headBreaksTie: rule.headBreaksTie,
    ruleSetId: ruleSet.id,
    citation: ruleCitation(ruleSet, rule.passParam),
  };
}

// ---------------------------------------------------------------------------------------------
// evolve

export function evolveCase(state: CaseState, event: DomainEvent): CaseState {
  const e = event as CaseEvent;
  if (e.type === 'CaseOpened') {
    const facts: CaseFacts = {
      caseId: e.data.caseId,
      procedure: e.data.procedure,
      definitionId: e.data.definitionId,
      definitionVersion: e.data.definitionVersion,
      ruleSetId: e.data.ruleSetId,
      personId: e.data.personId,
      positionId: e.data.positionId,
      orgUnitId: e.data.orgUnitId,
      openedOn: e.data.openedOn,
      summary: e.data.summary,
      openFacts: e.data.facts ?? {},
      currentStep: 0,
      currentStepDueOn: e.data.firstStepDueOn,
      steps: [],
      vetting: {},
      nominees: null,
      tallyRecorders: [],
    };
    return { status: 'open', ...facts };
  }
  if (state.status === 'none') return state;
  const advance = (data: StepRecord, moved: boolean) =>
    moved ? { currentStep: state.currentStep + 1, currentStepDueOn: data.nextStepDueOn } : {};
  switch (e.type) {
    case 'ProposalRecorded':
    case 'MeetingRecorded':
      return { ...state, ...advance(e.data, true), steps: [...state.steps, e] };
    case 'NominationTallied':
      return {
        ...state,
        ...advance(e.data, true),
        steps: [...state.steps, e],
        nominees: e.data.selected,
        tallyRecorders: [...new Set([...state.tallyRecorders, e.data.recordedBy])],
      };
    case 'BallotTallied':
      return {
        ...state,
        ...advance(e.data, e.data.outcome === 'passed'),
        steps: [...state.steps, e],
        tallyRecorders: [...new Set([...state.tallyRecorders, e.data.recordedBy])],
      };
    case 'VettingItemsRecorded': {
      const vetting = { ...state.vetting };
      for (const entry of e.data.items) vetting[entry.item] = entry;
      return { ...state, ...advance(e.data, e.data.complete), steps: [...state.steps, e], vetting };
    }
    case 'VettingItemResolved': {
      const entry = state.vetting[e.data.item];
      if (!entry) return state;
      return {
        ...state,
        vetting: {
          ...state.vetting,
          [e.data.item]: {
            ...entry,
            resolved: {
              note: e.data.note,
              resolvedBy: e.data.resolvedBy,
              resolvedOn: e.data.resolvedOn,
            },
          },
        },
      };
    }
    case 'VettingItemFlaggedFromRecord':
      return {
        ...state,
        vetting: {
          ...state.vetting,
          [e.data.item]: {
            item: e.data.item,
            result: 'flagged',
            note: e.data.note,
            source: 'record',
          },
        },
      };
    case 'DecisionIssued': {
      const { status: _status, ...facts } = state as ExistingCase;
      return {
        ...(facts as CaseFacts),
        status: 'decided',
        decision: e.data,
        currentStep: state.currentStep + 1,
        currentStepDueOn: null,
        steps: [...state.steps, e],
      };
    }
    case 'CaseRejected': {
      const { status: _status, ...facts } = state as ExistingCase;
      return {
        ...(facts as CaseFacts),
        status: 'rejected',
        rejection: e.data,
        currentStepDueOn: null,
      };
    }
    case 'CaseWithdrawn': {
      const { status: _status, ...facts } = state as ExistingCase;
      return {
        ...(facts as CaseFacts),
        status: 'withdrawn',
        withdrawal: e.data,
        currentStepDueOn: null,
      };
    }
    case 'DeadlineMissed':
      // A missed time limit is recorded; it does not move or block the steps.
      return state;
    default: {
      const unknownType: never = e;
      void unknownType;
      return state;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// decide

/** Separation of duties: the person a case is about never acts on it. */
function refuseSubject(personId: string, context: { actor: { personId?: string } }): void {
  if (context.actor.personId && context.actor.personId === personId) {
    refuse(
      'separation.subject',
      `you are the subject of this case (${personId}) and may not act on it`,
      'forbidden',
    );
  }
}

export function decideCase(
  state: CaseState,
  command: CaseCommand,
  context: CaseContext,
): DomainEvent[] {
  const { definition, actor } = context;
  refuseSubject(
    command.type === 'OpenCase'
      ? command.data.personId
      : state.status === 'none'
        ? ''
        : state.personId,
    context,
  );
  if (command.type === 'OpenCase') {
    if (state.status !== 'none')
      refuse('case.exists', `case ${command.data.caseId} already exists`, 'conflict');
    const first = definition.steps[0];
    requireActor(first, context);
    const opened: Data<'CaseOpened'> = {
      caseId: command.data.caseId,
      procedure: command.data.procedure,
      definitionId: definition.id,
      definitionVersion: definition.version,
      ruleSetId: context.ruleSet.id,
      personId: command.data.personId,
      positionId: command.data.positionId,
      orgUnitId: command.data.orgUnitId,
      openedOn: context.today,
      summary: command.data.summary,
      openedBy: actor.userId,
      firstStepId: first.id,
      firstStepDueOn: dueOn(first, context),
      ...(command.data.facts ? { facts: command.data.facts } : {}),
    };
    return [{ type: 'CaseOpened', data: opened }];
  }
  if (state.status === 'none') refuse('case.not_found', 'the case does not exist', 'not_found');
  if (state.status !== 'open') {
    if (
      command.type === 'PerformStep' &&
      state.status === 'decided' &&
      stepById(definition, command.data.stepId)?.kind === 'decision'
    ) {
      refuse(
        'decision.already_issued',
        `the decision was already issued (${state.decision.number} of ${state.decision.heldOn})`,
        'conflict',
      );
    }
    refuse('case.closed', `the case is ${state.status}; no further step can be taken`, 'conflict');
  }
  switch (command.type) {
    case 'PerformStep':
      return performStep(state, command.data.stepId, command.data.body, context);
    case 'ResolveVettingItem': {
      const entry = state.vetting[command.data.item];
      if (!entry || entry.result !== 'flagged' || entry.resolved) {
        refuse(
          'vetting.nothing_to_resolve',
          `vetting item ${command.data.item} is not flagged`,
          'unprocessable',
          'item',
        );
      }
      if (command.data.item === 'discipline_bar') {
        refuse(
          'vetting.discipline_bar_unresolvable',
          `a running discipline bar cannot be waived: ${entry.note}`,
          'unprocessable',
          'item',
        );
      }
      const vettingStep = definition.steps.find((s) => s.kind === 'vetting')!;
      requireActor(vettingStep, context);
      return [
        {
          type: 'VettingItemResolved',
          data: {
            item: command.data.item,
            note: command.data.note,
            resolvedBy: actor.userId,
            resolvedOn: context.today,
          },
        },
      ];
    }
    case 'WithdrawCase':
      requireActor(definition.steps[0], context);
      return [
        {
          type: 'CaseWithdrawn',
          data: {
            reason: command.data.reason,
            withdrawnBy: actor.userId,
            withdrawnOn: context.today,
          },
        },
      ];
    case 'FlagVettingItemFromRecord': {
      const entry = state.vetting[command.data.item];
      if (
        entry &&
        entry.result === 'flagged' &&
        !entry.resolved &&
        entry.note === command.data.note
      )
        return [];
      return [
        {
          type: 'VettingItemFlaggedFromRecord',
          data: {
            item: command.data.item,
            note: command.data.note,
            flaggedOn: context.today,
            causeRef: command.data.causeRef,
          },
        },
      ];
    }
    case 'RejectCase':
      requireActor(definition.steps[0], context);
      return [
        {
          type: 'CaseRejected',
          data: {
            rule: 'case.rejected_by_staff',
            reason: command.data.reason,
            stepId: definition.steps[state.currentStep]?.id ?? null,
            rejectedBy: actor.userId,
            rejectedOn: context.today,
          },
        },
      ];
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function stepById(definition: ProcedureDefinition, stepId: string): StepDefinition | undefined {
  return definition.steps.find((step) => step.id === stepId);
}

function requireActor(step: StepDefinition, context: CaseContext): void {
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

function performStep(
  state: Extract<CaseState, { status: 'open' }>,
  stepId: string,
  body: StepBody,
  context: CaseContext,
): DomainEvent[] {
  const { definition } = context;
  const step = stepById(definition, stepId);
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
      { currentStep: current.id },
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
  if (body.heldOn > context.today)
    refuse(
      'step.in_the_future',
      `heldOn: ${body.heldOn} is after today (${context.today})`,
      'invalid',
      'heldOn',
    );
  const next = definition.steps[state.currentStep + 1];
  const record = (moved: boolean): StepRecord => ({
    stepId: step.id,
    heldOn: body.heldOn,
    ...(body.minutesRef ? { minutesRef: body.minutesRef } : {}),
    ...(body.note ? { note: body.note } : {}),
    recordedBy: context.actor.userId,
    nextStepId: moved ? (next?.id ?? null) : step.id,
    nextStepDueOn: moved ? dueOn(next, context) : state.currentStepDueOn,
  });
  const reject = (rule: string, reason: string): DomainEvent => ({
    type: 'CaseRejected',
    data: {
      rule,
      reason,
      stepId: step.id,
      rejectedBy: context.actor.userId,
      rejectedOn: context.today,
    } satisfies Data<'CaseRejected'>,
  });

  switch (body.kind) {
    case 'proposal':
      return [{ type: 'ProposalRecorded', data: { ...record(true), summary: body.summary } }];
    case 'meeting':
      return [
        {
          type: 'MeetingRecorded',
          data: {
            ...record(true),
            conclusion: body.conclusion,
            ...(body.personOpinion ? { personOpinion: body.personOpinion } : {}),
          },
        },
      ];
    case 'nomination': {
      const rule = appliedRule(step, context.ruleSet);
      const tally = {
        members: body.members,
        summoned: body.summoned,
        present: body.present,
        invalid: body.invalid,
        candidates: body.candidates,
      };
      const result = evaluateNomination(
        {
          quorum: rule.quorum,
          pass: rule.pass,
          fallbackCount: ruleValue<number>(context.ruleSet, 'nomination.fallbackCount'),
        },
        tally,
      );
      if (result.outcome === 'invalid_tally')
        refuse('tally.inconsistent', `${result.field}: ${result.reason}`, 'invalid', result.field);
      if (result.outcome === 'no_quorum')
        refuse('ballot.no_quorum', result.reason, 'unprocessable', 'present');
      const event: DomainEvent = {
        type: 'NominationTallied',
        data: {
          ...record(true),
          tally,
          outcome: result.outcome,
          selected: result.selected,
          reason: result.reason,
          announced: step.voteRule!.announced,
          visibleTo: step.voteRule!.visibleTo,
          rule,
        },
      };
      if (!result.selected.includes(state.personId)) {
        return [
          event,
          reject(
            'nomination.person_not_selected',
            `${state.personId} was not nominated: ${result.reason}`,
          ),
        ];
      }
      return [event];
    }
    case 'ballot': {
      const rule = appliedRule(step, context.ruleSet);
      const result = evaluateMajorityBallot(rule, body.tally, body.headDecision);
      if (result.outcome === 'invalid_tally')
        refuse(
          'tally.inconsistent',
          `tally.${result.field}: ${result.reason}`,
          'invalid',
          `tally.${result.field}`,
        );
      if (result.outcome === 'no_quorum')
        refuse('ballot.no_quorum', result.reason, 'unprocessable', 'tally.present');
      if (result.outcome === 'tie_needs_head')
        refuse(
          'ballot.tie_needs_head',
          `${result.reason}: send headDecision "for" or "against"`,
          'unprocessable',
          'headDecision',
        );
      const passed = result.outcome === 'passed';
      const event: DomainEvent = {
        type: 'BallotTallied',
        data: {
          ...record(passed),
          tally: body.tally,
          outcome: result.outcome,
          reason: result.reason,
          ...(result.decidedByHead ? { decidedByHead: result.decidedByHead } : {}),
          announced: step.voteRule!.announced,
          visibleTo: step.voteRule!.visibleTo,
          rule,
        },
      };
      return passed ? [event] : [event, reject('ballot.failed', `ballot ${result.reason}`)];
    }
    case 'vetting':
      return [vetting(state, step, body, context, record)];
    case 'decision':
      return [decision(state, step, body, context, record)];
    default: {
      const unreachable: never = body;
      return unreachable;
    }
  }
}

function vetting(
  state: Extract<CaseState, { status: 'open' }>,
  step: StepDefinition,
  body: Extract<StepBody, { kind: 'vetting' }>,
  context: CaseContext,
  record: (moved: boolean) => StepRecord,
): DomainEvent {
  const items = step.vettingItems ?? [];
  const entries: VettingEntry[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of body.items.entries()) {
    if (!items.includes(entry.item))
      refuse(
        'vetting.unknown_item',
        `items[${index}].item: ${entry.item} is not checked by step ${step.id}`,
        'invalid',
        `items[${index}].item`,
      );
    if (ITEMS_FROM_RECORD.includes(entry.item)) {
      refuse(
        'vetting.item_from_record',
        `items[${index}].item: ${entry.item} is decided from the person's record, not entered`,
        'invalid',
        `items[${index}].item`,
      );
    }
    if (seen.has(entry.item))
      refuse(
        'vetting.duplicate_item',
        `items[${index}].item: ${entry.item} is listed twice`,
        'invalid',
        `items[${index}].item`,
      );
    seen.add(entry.item);
    if (entry.result === 'flagged' && !entry.note)
      refuse(
        'field.required',
        `items[${index}].note: a flagged item needs a note saying why`,
        'invalid',
        `items[${index}].note`,
      );
    entries.push({
      item: entry.item,
      result: entry.result,
      note: entry.note ?? '',
      source: 'staff',
    });
  }
  const recordItems = items.filter(
    (item) => ITEMS_FROM_RECORD.includes(item) && !state.vetting[item],
  );
  if (recordItems.length) {
    if (!context.personFacts)
      refuse(
        'vetting.record_unavailable',
        `the person's record ${state.personId} could not be read for vetting`,
        'unprocessable',
      );
    entries.push(
      ...vettingFromRecord(context.personFacts, context.ruleSet, context.today, recordItems),
    );
  }
  const done = new Set<string>([...Object.keys(state.vetting), ...entries.map((e) => e.item)]);
  const complete = items.every((item: VettingItem) => done.has(item));
  return { type: 'VettingItemsRecorded', data: { ...record(complete), items: entries, complete } };
}

function decision(
  state: Extract<CaseState, { status: 'open' }>,
  step: StepDefinition,
  body: Extract<StepBody, { kind: 'decision' }>,
  context: CaseContext,
  record: (moved: boolean) => StepRecord,
): DomainEvent {
  const blocking = Object.values(state.vetting).filter(
    (entry) => entry.result === 'flagged' && !entry.resolved,
  );
  if (blocking.length) {
    refuse(
      'vetting.flagged_item_blocks_decision',
      `flagged vetting items block the decision: ${blocking.map((b) => `${b.item} (${b.note})`).join('; ')}; resolve them or reject the case`,
      'unprocessable',
      undefined,
      { flaggedItems: blocking.map((b) => b.item) },
    );
  }
  if (
    context.definition.separateTallyAndDecision &&
    state.tallyRecorders.includes(context.actor.userId)
  ) {
    refuse(
      'separation.tally_and_decision',
      'whoever recorded a ballot tally of this case may not also issue its decision',
      'forbidden',
    );
  }
  if (body.effectiveFrom < body.heldOn)
    refuse(
      'decision.effective_before_signed',
      `effectiveFrom: ${body.effectiveFrom} is before the decision date ${body.heldOn}`,
      'invalid',
      'effectiveFrom',
    );
  const term = context.decisionTerm
    ? context.decisionTerm(state, body.effectiveFrom, body.termYears)
    : (() => {
        const years = body.termYears ?? ruleValue<number>(context.ruleSet, 'appointment.termYears');
        return {
          termYears: years,
          termEnd: addMonths(body.effectiveFrom, years * 12),
          termRule: `${context.ruleSet.id}: ${ruleCitation(context.ruleSet, 'appointment.termYears')}`,
        };
      })();
  return {
    type: 'DecisionIssued',
    data: {
      ...record(true),
      number: body.number,
      signer: body.signer,
      effectiveFrom: body.effectiveFrom,
      ...term,
      ...reappointmentNotice(context, term.termEnd),
    },
  };
}

/** Appointment and re-appointment terms lead to a re-appointment notice before they end. */
function reappointmentNotice(
  context: CaseContext,
  termEnd: string,
): { reappointmentNoticeOn?: string } {
  if (
    context.definition.procedure !== 'appointment' &&
    context.definition.procedure !== 'reappointment'
  )
    return {};
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

export { refuseSubject };

export const caseDecider = {
  initialState: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};
