import { canonicalJson } from '../../event-store/canonical-json';
import { Inject, Injectable } from '@nestjs/common';
import { loadStream } from '../../common/stream-command-runner';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { CaseCommandRunner } from './case-command-runner';
import { CASE_PROCEDURES, caseStream } from './case-stream';
import { CaseIdReservations } from './case-id-reservations';
import { OpenCaseInput } from './commands/case-commands';
import { CaseCommand, StepBody } from './decider/case.commands';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { OpenCaseSlots } from './open-case-slots';
import { openCaseSlotOf } from './open-case-slot';
import { DuplicateOpenCase } from './duplicate-open-case';
import { stepReads } from './case-reads';

/** What would happen to the opening (index -1) or to one step: written, already there, or refused. */
export type RehearsedOutcome =
  | { outcome: 'write' | 'unchanged' }
  | { outcome: 'refused'; refusal: DomainRuleViolation }
  /** Not judged: the opening or an earlier step of the case was refused. */
  | { outcome: 'not_reached' };

export interface CaseRehearsalResult {
  opening: RehearsedOutcome;
  steps: RehearsedOutcome[];
}

const CASE_ENGINE_PROCEDURES = CASE_PROCEDURES.filter((name) => name !== 'discipline');

/** The opening of a case kept on paper matches the case already recorded under its id. */
function sameOpening(state: Exclude<CaseState, { status: 'none' }>, input: OpenCaseInput) {
  return (
    state.personId === input.personId &&
    state.positionId === input.positionId &&
    state.orgUnitId === input.orgUnitId &&
    state.openedOn === input.fromPaper?.openedOn &&
    state.recordedFromPaper?.paperRecordRef === input.fromPaper?.paperRecordRef
  );
}

const performed = (state: CaseState, stepId: string): boolean =>
  state.status !== 'none' &&
  state.steps.some((event) => (event.data as { stepId?: string }).stepId === stepId);

/**
 * The field of an imported step that differs from the step the case already holds (its day, its
 * minutes or its tally), or null. A step recorded is corrected on the service, with its reason:
 * an import that meets it changed in the file says so instead of reporting it unchanged.
 */
function differingField(state: CaseState, step: { stepId: string; body: StepBody }): string | null {
  if (state.status === 'none') return null;
  const recorded = [...state.steps]
    .reverse()
    .map((event) => event.data as { stepId?: string; corrected?: { data?: unknown } })
    .map((data) => (data.corrected?.data ?? data) as Record<string, unknown>)
    .find((data) => data.stepId === step.stepId);
  if (!recorded) return null;
  const body = step.body as unknown as Record<string, unknown>;
  for (const field of ['heldOn', 'minutesRef', 'tally'])
    // Canonical JSON: a tally with its keys in another order is the same tally.
    if (field in body && canonicalJson(body[field]) !== canonicalJson(recorded[field]))
      return field;
  return null;
}

/**
 * Decides a case's opening and then its steps, one after another on the case as it would stand,
 * with the same preparation, contexts and decider as `CaseCommandRunner`, and appends nothing: an
 * import's dry run refuses exactly what the import would. A case already recorded under the id
 * (imported before) and steps it already holds come out `unchanged`.
 */
@Injectable()
export class CaseRehearsal {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: CaseCommandRunner,
    private readonly caseIds: CaseIdReservations,
    private readonly slots: OpenCaseSlots,
  ) {}

  async rehearse(
    input: OpenCaseInput,
    steps: { stepId: string; body: StepBody }[],
    actor: Actor,
  ): Promise<CaseRehearsalResult> {
    const opened = await this.open(input, actor).catch(refused);
    if ('refusal' in opened)
      return { opening: opened, steps: steps.map(() => ({ outcome: 'not_reached' })) };
    let state = opened.state;
    const outcomes: RehearsedOutcome[] = [];
    for (const step of steps) {
      if (outcomes.some((o) => o.outcome === 'refused' || o.outcome === 'not_reached')) {
        outcomes.push({ outcome: 'not_reached' });
        continue;
      }
      if (performed(state, step.stepId)) {
        const field = differingField(state, step);
        outcomes.push(
          field
            ? refused(
                new DomainRuleViolation(
                  'import.step_differs',
                  `${field}: step ${step.stepId} of case ${input.caseId} is already recorded with another ${field}; the import does not change a recorded step (correct it on the service, with its reason)`,
                  'conflict',
                  field,
                ),
              )
            : { outcome: 'unchanged' },
        );
        continue;
      }
      const result = await this.perform(opened.procedure, input.caseId, state, step, actor).catch(
        refused,
      );
      if ('state' in result) state = result.state;
      outcomes.push('state' in result ? { outcome: 'write' } : result);
    }
    return { opening: { outcome: opened.outcome }, steps: outcomes };
  }

  private async open(input: OpenCaseInput, actor: Actor) {
    const procedure = await this.caseIds.procedureOf(input.caseId, CASE_ENGINE_PROCEDURES);
    if (procedure) {
      const { state } = await loadStream(
        this.store,
        caseStream(procedure, input.caseId),
        caseDecider,
      );
      if (state.status === 'none' || !sameOpening(state, input))
        throw new DomainRuleViolation(
          'import.case_differs',
          `case ${input.caseId} is already recorded with another person, post, unit, opening day or paper reference; the import does not change a recorded case`,
          'conflict',
          'caseId',
        );
      return { procedure, state, outcome: 'unchanged' as const };
    }
    const { module, context, command } = await this.runner.prepareOpening(input, actor);
    const slot = openCaseSlotOf({
      ...input,
      procedure: module.procedure,
      definitionId: context.definition.id,
    });
    const holder = await this.slots.holderOf(slot);
    if (holder) throw new DuplicateOpenCase(slot, holder);
    const events = caseDecider.decide(caseDecider.initialState(), command, context);
    const state = events.reduce(caseDecider.evolve, caseDecider.initialState());
    return { procedure: module.procedure, state, outcome: 'write' as const };
  }

  private async perform(
    procedure: string,
    caseId: string,
    state: CaseState,
    step: { stepId: string; body: StepBody },
    actor: Actor,
  ) {
    const command: CaseCommand = { type: 'PerformStep', data: step };
    // What the step reads as its write would (the person's record, candidates, the post's holders).
    const contextFor = this.runner.decideContext(
      procedure,
      caseId,
      command,
      actor,
      stepReads(step.body),
    );
    const context = await contextFor(state);
    const events = caseDecider.decide(state, command, context);
    return { state: events.reduce(caseDecider.evolve, state) };
  }
}

function refused(error: unknown): { outcome: 'refused'; refusal: DomainRuleViolation } {
  if (error instanceof DomainRuleViolation) return { outcome: 'refused', refusal: error };
  throw error;
}
