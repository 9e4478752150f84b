import { WorkingDayCalendar } from '../../workflow/calendar/working-day-calendar';
import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../common/tokens';
import { postHolders } from '../../cadres/post-holders';
import { seatsOf } from '../../cadres/post-seats';
import { claimsSeatDays } from './decider/decision-posts';
import { holdsPostOn, PostsOnRecord, postsStartingAfter } from '../../cadres/person/posts-held-on';
import { PendingPost } from './decider/pending-post';
import { CaseReads, PersonFactsFor } from './case-reads';
import { Clock, CLOCK } from '../../common/clock';
import { vietnamDay } from '../../common/vietnam-day';
import { RegistryService } from '../../cadres/registry.service';
import { PersonState } from '../../cadres/person/person.state';
import { Actor } from '../../identity/actor';
import { OrgScope } from '../../identity/org-scope';
import { CaseContext, PersonFactsForVetting } from './decider/case.context';
import { CaseState } from './decider/case.state';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { StepContext } from '../../workflow/step-engine';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { disciplineStandingFrom } from '../../cadres/discipline-standing';
import { disciplineCasesOutOfGrant } from '../../cadres/open-cases-in-grant';
import { refuseSupersededDefinition } from './superseded-definition';
import { pinnedByCase } from './pinned-by-case';

/** Gathers what a decision needs (definition, rule set, calendar, scope, the person's record): all I/O here. */
@Injectable()
export class CaseContextFactory {
  constructor(
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly registry: RegistryService,
    private readonly scope: OrgScope,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The working-day calendar deadlines are counted with (and views call provisional by). */
  get calendar(): WorkingDayCalendar {
    return this.catalog.calendar;
  }

  today(): string {
    return vietnamDay(this.clock.now());
  }

  /** For an existing case: the definition and rule set it pinned when it opened. */
  pinned(state: CaseState): { definition: ProcedureDefinition; ruleSet: RuleSet } {
    return pinnedByCase(this.catalog, state);
  }

  /**
   * For a new case: the definition asked for and the rule set in force on its opening day (today,
   * or the past day a case kept on paper began), on the definition's track.
   */
  forOpening(
    definitionRef: string,
    openedOn = this.today(),
  ): { definition: ProcedureDefinition; ruleSet: RuleSet } {
    const definition = this.catalog.resolveDefinitionOn(definitionRef, openedOn);
    if (!definition) {
      const exists = this.catalog.resolveDefinition(definitionRef);
      throw new DomainRuleViolation(
        exists ? 'definition.not_in_force' : 'definition.unknown',
        exists
          ? `definition: ${definitionRef} was not in force on ${openedOn} (from ${exists.inForceFrom})`
          : `definition: no procedure definition "${definitionRef}" (known: ${[...this.catalog.definitions.keys()].join(', ')})`,
        exists ? 'unprocessable' : 'invalid',
        'definition',
      );
    }
    refuseSupersededDefinition(this.catalog, definition, openedOn);
    const ruleSet = this.catalog.ruleSetFor(definition, openedOn);
    if (!ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `openedOn: no rule set of ${definition.id}'s track is in force on ${openedOn}`,
        'unprocessable',
        'openedOn',
      );
    return { definition, ruleSet };
  }

  async build(
    actor: Actor,
    pinned: { definition: ProcedureDefinition; ruleSet: RuleSet },
    caseUnit: string,
    personFactsFor?: PersonFactsFor,
    /** The day the decision counts as taken on: today, or the opening day of a case kept on paper. */
    today = this.today(),
  ): Promise<CaseContext> {
    return {
      ...(await this.stepContext(actor, pinned, caseUnit, today)),
      ...(personFactsFor
        ? {
            personFacts: await this.personFacts(
              personFactsFor.personId,
              personFactsFor.positionId,
              today,
              personFactsFor.readByCaller ? actor.orgUnit : caseUnit,
              personFactsFor.decidedCase,
            ),
          }
        : {}),
    };
  }

  /** What a step of an existing case reads besides the person's record (`CaseReads`). */
  async caseFacts(
    state: { positionId: string; procedure: string; orgUnitId: string },
    reads: CaseReads,
    actor: Actor,
  ): Promise<Pick<CaseContext, 'candidateFacts' | 'postHolders' | 'seatsFromEffectiveDay'>> {
    const seats =
      reads.postSeatsOn !== undefined && claimsSeatDays(state.procedure)
        ? await this.seatsFrom(state.positionId, reads.postSeatsOn)
        : undefined;
    return {
      ...(seats ? { seatsFromEffectiveDay: seats } : {}),
      ...(reads.candidates
        ? {
            candidateFacts: await this.candidateFacts(reads.candidates, {
              positionId: state.positionId,
              grantUnit: reads.candidatesReadByCaller ? actor.orgUnit : state.orgUnitId,
            }),
          }
        : {}),
      ...(reads.postHolders
        ? {
            postHolders: await postHolders(
              this.pool,
              (id) => this.registry.loadPerson(id),
              state.positionId,
              this.today(),
            ),
          }
        : {}),
    };
  }

  /**
   * A post with a seat limit, its seats, its holds not ended by `day` (from the records, fresh
   * seat claims too: the projection lags) and the seat stream's revision read before them;
   * undefined for a post without one.
   */
  private async seatsFrom(
    positionId: string,
    day: string,
  ): Promise<CaseContext['seatsFromEffectiveDay']> {
    const position = await this.registry.findPosition(positionId);
    const seats = position ? seatsOf(position) : null;
    if (!position || seats === null) return undefined;
    const { revision, holds } = await this.registry.postSeats.holdsToClaimFrom(positionId, day);
    return { position, seats, day, holds, seatStreamRevision: revision };
  }

  /**
   * Each candidate's record as vetting would read it, for the post the case fills, its open
   * discipline cases named as far as a grant for `grantUnit` reaches (`CaseReads`).
   */
  async candidateFacts(
    personIds: string[],
    { positionId, grantUnit }: { positionId: string; grantUnit: string },
  ): Promise<Record<string, PersonFactsForVetting | undefined>> {
    const today = this.today();
    const records = await this.registry.loadPeople(personIds);
    const entries = await Promise.all(
      personIds.map(async (id, index) => [
        id,
        await this.factsFrom(records[index].state, positionId, today, grantUnit),
      ]),
    );
    return Object.fromEntries(entries) as Record<string, PersonFactsForVetting | undefined>;
  }

  /**
   * What a step of any procedure is decided with (the case engine's and discipline's): the pins,
   * the calendar, who acts, the day and whether their grant reaches the case's unit.
   */
  async stepContext(
    actor: Actor,
    pinned: { definition: ProcedureDefinition; ruleSet: RuleSet },
    caseUnit: string,
    today = this.today(),
  ): Promise<StepContext> {
    return {
      ...pinned,
      calendar: this.catalog.calendar,
      actor,
      today,
      // The scope check's own answer (the unit's path, kept per process), not the grant's whole subtree.
      actorReachesCaseUnit: await this.scope.reaches(actor, caseUnit),
    };
  }

  /** The posts a decision gives the person from a day after `today`, each with its title. */
  private async postsComing(state: PostsOnRecord, today: string): Promise<PendingPost[]> {
    return Promise.all(
      postsStartingAfter(state, today).map(async ({ positionId, from, decisionRef }) => ({
        positionId,
        title: (await this.registry.findPosition(positionId))?.title ?? positionId,
        from,
        decisionRef,
      })),
    );
  }

  /** The posts among these that a council fills by election (a person holds few posts). */
  private async electedPosts(
    posts: { positionId: string }[],
  ): Promise<{ positionId: string; title: string }[]> {
    const positions = await Promise.all(
      posts.map((post) => this.registry.findPosition(post.positionId)),
    );
    return positions.flatMap((position) =>
      position?.filledBy === 'election' ? [{ positionId: position.id, title: position.title }] : [],
    );
  }

  /**
   * What vetting reads from the person's record: planning pool, posts with their ranks, discipline.
   * A discipline case out of a grant for `caseUnit` is counted apart, never named: the case's unit
   * where its notes are stored in the case, the caller's where only a refusal reads them.
   */
  async personFacts(
    personId: string,
    positionId: string,
    today: string,
    caseUnit?: string,
    decidedCase?: string,
  ): Promise<PersonFactsForVetting | undefined> {
    const { state } = await this.registry.loadPerson(personId);
    return this.factsFrom(state, positionId, today, caseUnit, decidedCase);
  }

  /** `personFacts` of a record already read. */
  private async factsFrom(
    state: PersonState,
    positionId: string,
    today: string,
    caseUnit?: string,
    decidedCase?: string,
  ): Promise<PersonFactsForVetting | undefined> {
    if (state.status !== 'registered') return undefined;
    // Decided, though noted closed on the record only after the decision's other writes.
    const openCases = state.openCases.filter((c) => c.caseId !== decidedCase);
    // The record as it stands today: a decision effective on a later day has not yet moved the
    // person (the post it ends is held until then, the one it gives not yet).
    const held = [
      ...state.posts.map((p) => ({ positionId: p.positionId, from: p.from, until: null })),
      ...state.pastPosts.map((p) => ({
        positionId: p.positionId,
        from: p.from,
        until: p.endedOn > today ? null : p.endedOn,
      })),
    ].filter((post) => post.from <= today);
    // Every post the record names and the target, in one statement rather than one per post.
    const ranks = await this.registry.ranksOf([
      positionId,
      ...state.planningPool.map((entry) => entry.positionId),
      ...held.map((post) => post.positionId),
    ]);
    const rankOf = (id: string) => ranks.get(id) ?? null;
    const planningPool = state.planningPool.map((entry) => ({
      ...entry,
      rank: rankOf(entry.positionId),
    }));
    const posts = held
      .map((post) => ({ ...post, rank: rankOf(post.positionId) }))
      .filter((post): post is typeof post & { rank: number } => post.rank !== null);
    const discipline = disciplineStandingFrom(
      state.discipline,
      openCases,
      today,
      caseUnit ? await disciplineCasesOutOfGrant(openCases, this.scope, caseUnit) : undefined,
      (id) => this.catalog.ruleSet(id),
    );
    return {
      dateOfBirth: state.profile.dateOfBirth,
      gender: state.profile.gender,
      target: { positionId, rank: rankOf(positionId) ?? 0 },
      planningPool,
      posts,
      disciplineBars: discipline.bars,
      openDisciplineCases: discipline.openCasesPastVerification,
      holdsTargetPost: holdsPostOn(state, positionId, today),
      postsStartingLater: await this.postsComing(state, today),
      electedPosts: await this.electedPosts(state.posts),
      pendingDisciplineCases: discipline.openCases,
      disciplineCasesElsewhere: discipline.elsewhere,
      statuses: state.statuses,
      termRecord: { posts: state.posts, pastPosts: state.pastPosts, ratings: state.ratings },
    };
  }
}
