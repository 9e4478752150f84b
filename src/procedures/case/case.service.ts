import { StepDefinition } from '../../workflow/definitions/procedure-definition';
import { Inject, Injectable } from '@nestjs/common';
import { loadStream } from '../../common/stream-command-runner';
import { WriteOptions } from '../../common/http/write-options';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { RecordOrigins } from '../../identity/record-origins';
import { caseDecider } from './decider/case.decider';
import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { CaseContextFactory } from './case-context.factory';
import { CaseIdReservations } from './case-id-reservations';
import { CASE_PROCEDURES, caseStream } from './case-stream';
import { caseView } from './case-view';
import { vettingAsRecordSaysNow } from './decider/term-rating-settled';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { PersonOfCase, peopleOfCase } from './decider/case-people';

export interface PaperOpening {
  openedOn: string;
  paperRecordRef: string;
}

/** What a write carries besides its command (built from the request by CommandWriter). */
export type CaseWriteOptions = WriteOptions;

/** The procedures of the case engine: discipline cases have their own engine and API (/discipline-cases). */
const CASE_ENGINE_PROCEDURES = CASE_PROCEDURES.filter((name) => name !== 'discipline');

/** Where a case is and what it looks like: the read side of the personnel-case engine. */
@Injectable()
export class CaseService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly contexts: CaseContextFactory,
    private readonly scope: OrgScope,
    private readonly caseIds: CaseIdReservations,
    private readonly origins: RecordOrigins,
  ) {}

  /** Finds which procedure's stream holds the case (its id reservation says, once). */
  async locate(caseId: string): Promise<string> {
    const procedure = await this.caseIds.procedureOf(caseId, CASE_ENGINE_PROCEDURES);
    if (procedure) return procedure;
    throw new DomainRuleViolation('case.not_found', `case ${caseId} does not exist`, 'not_found');
  }

  /** A case's state for the process managers (no caller, no scope). */
  async stateOf(caseId: string): Promise<CaseState> {
    const procedure = await this.locate(caseId);
    return (await loadStream(this.store, caseStream(procedure, caseId), caseDecider)).state;
  }

  async view(caseId: string, actor: Actor, asOf?: Date) {
    const procedure = await this.locate(caseId);
    const { state, revision } = await loadStream(
      this.store,
      caseStream(procedure, caseId),
      caseDecider,
      asOf,
    );
    if (state.status === 'none') {
      throw new DomainRuleViolation(
        'case.not_found',
        `case ${caseId} did not exist yet on ${asOf?.toISOString()}`,
        'not_found',
      );
    }
    await this.scope.assertReaches(actor, state.orgUnitId, `case ${caseId}`);
    const pinned = this.contexts.pinned(state);
    const now = asOf ? state : await this.vettingNow(state, pinned.ruleSet);
    return caseView(now, pinned, revision, actor, {
      calendar: this.contexts.calendar,
      today: this.contexts.today(),
      ...(asOf ? { people: await this.peopleNow(procedure, caseId), past: true } : {}),
    });
  }

  /**
   * An open case's vetting with a term_rating flag the record has settled since shown as the
   * record says now (`vettingAsRecordSaysNow`); the record is read only for such a flag.
   */
  private async vettingNow(state: CaseState, ruleSet: RuleSet): Promise<CaseState> {
    if (state.status !== 'open') return state;
    const flag = state.vetting.term_rating;
    if (flag?.result !== 'flagged' || flag.source !== 'record' || flag.resolved) return state;
    const today = this.contexts.today();
    const person = state.appointee ?? state.personId;
    const facts = await this.contexts.personFacts(person, state.positionId, today, state.orgUnitId);
    return { ...state, vetting: vettingAsRecordSaysNow(state.vetting, facts, ruleSet, today) };
  }

  /**
   * Whom the case names as it is now (its subject, nominees, candidates): a view of it as it
   * stood before withholds its ballots from the same readers as its current view and history.
   */
  private async peopleNow(procedure: string, caseId: string): Promise<PersonOfCase[]> {
    const { state } = await loadStream(this.store, caseStream(procedure, caseId), caseDecider);
    return state.status === 'none' ? [] : peopleOfCase(state);
  }

  /**
   * A step of the case's pinned definition (its kind picks the body's shape, its roles who may
   * send one). The pins are
   * the opening's (`CaseOpened`, the stream's first event, kept per process): the command that
   * follows reads the whole stream once, this does not read it again.
   */
  async stepOf(caseId: string, stepId: string): Promise<StepDefinition> {
    const procedure = await this.locate(caseId);
    const state = await this.origins.openingState(caseStream(procedure, caseId), caseDecider);
    const step = this.contexts.pinned(state).definition.steps.find((s) => s.id === stepId);
    if (!step)
      throw new DomainRuleViolation(
        'step.unknown',
        `case ${caseId} has no step "${stepId}"`,
        'not_found',
        'stepId',
      );
    return step;
  }
}
