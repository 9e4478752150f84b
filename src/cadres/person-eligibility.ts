import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { endOfVietnamDay, vietnamDay } from '../common/vietnam-day';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { Actor } from '../identity/actor';
import { OrgScope } from '../identity/org-scope';
import { appointmentEligibility } from './eligibility';
import { disciplineCasesOutOfGrant } from './open-cases-in-grant';
import { personStream } from './person-stream';
import { postsHeldOn } from './person/posts-held-on';
import { Position, RegistryService } from './registry.service';
import { rotationOpeningRefusals } from '../procedures/rotation/rotation-rules';
import { RETIREMENT_REACHED } from '../workflow/rules/retirement-reached';
import { rotationOpeningInput } from '../procedures/rotation/rotation-opening-input';
import { refuseMoveInto } from '../procedures/rotation/move-into-refusal';

/** The procedures eligibility answers for (`procedure`): appointment unless another is named. */
export const ELIGIBILITY_PROCEDURES = ['appointment', 'rotation'] as const;
export type EligibilityProcedure = (typeof ELIGIBILITY_PROCEDURES)[number];

/** Whether a person may be appointed to a post on a day: the record and the rule set of that day. */
@Injectable()
export class PersonEligibility {
  constructor(
    private readonly registry: RegistryService,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    private readonly scope: OrgScope,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The post asked about (`for`): without it there is nothing to check. */
  static positionIdFrom(query: string | undefined): string {
    if (!query)
      throw new DomainRuleViolation(
        'query.for',
        'for: the position id to check eligibility for',
        'invalid',
        'for',
      );
    return query;
  }

  /** The procedure asked about (`procedure`): appointment by default, or rotation. */
  static procedureFrom(query: string | undefined): EligibilityProcedure {
    if (query === undefined || query === 'appointment') return 'appointment';
    if (query === 'rotation') return 'rotation';
    throw new DomainRuleViolation(
      'query.procedure',
      `procedure: one of ${ELIGIBILITY_PROCEDURES.join(', ')}`,
      'invalid',
      'procedure',
    );
  }

  /** The post asked about, which must exist (a 422 naming `for` if not). */
  async targetPost(positionId: string): Promise<Position> {
    const target = await this.registry.findPosition(positionId);
    if (!target)
      throw new DomainRuleViolation(
        'position.not_found',
        `for: position ${positionId} does not exist`,
        'not_found',
        'for',
      );
    return target;
  }

  /** `reader`: who asks; an open discipline case their grant does not reach is not named. */
  async on(personId: string, target: Position, day: string, reader: Actor) {
    // Eligibility for a post is the appointment procedure's question: the State track's rules.
    const ruleSet = this.catalog.ruleSetOn(day, 'state');
    if (!ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `asOf: no rule set is in force on ${day}`,
        'unprocessable',
        'asOf',
      );
    // The record as it stood at the end of that day in Vietnam.
    const { state } = await this.registry.loadPerson(personId, endOfVietnamDay(day));
    if (state.status !== 'registered') throw await this.notRegisteredOn(personId, day);
    const ranks = new Map<string, number>();
    const everHeld = [...postsHeldOn(state, day), ...state.pastPosts];
    for (const positionId of new Set(
      [...state.planningPool, ...everHeld].map((e) => e.positionId),
    )) {
      const position = await this.registry.findPosition(positionId);
      if (position) ranks.set(position.id, position.rank);
    }
    return {
      personId,
      positionId: target.id,
      ...appointmentEligibility(
        state,
        { id: target.id, rank: target.rank },
        ranks,
        ruleSet,
        day,
        this.postAlreadyHeld(day),
        await disciplineCasesOutOfGrant(state.openCases, this.scope, reader.orgUnit),
      ),
    };
  }

  /**
   * What opening a rotation (luân chuyển) to the post would judge on the day: the checks its
   * definition in force then names (`openingChecks`), under its track's rule set, every refusal
   * (the opening refuses the first). Before, the open-case form asked the appointment's question,
   * whose rules differ, and showed nothing for a rotation until «Mở hồ sơ» was refused.
   */
  async rotationOn(personId: string, target: Position, day: string) {
    const definition = this.catalog.resolveDefinitionOn('rotation.standard', day);
    const ruleSet = definition && this.catalog.ruleSetFor(definition, day);
    if (!definition || !ruleSet)
      throw new DomainRuleViolation(
        'rule_set.none_in_force',
        `asOf: no rotation definition and rule set are in force on ${day}`,
        'unprocessable',
        'asOf',
      );
    const { state } = await this.registry.loadPerson(personId, endOfVietnamDay(day));
    if (state.status !== 'registered') throw await this.notRegisteredOn(personId, day);
    const input = await rotationOpeningInput(
      this.registry,
      state,
      target,
      definition,
      ruleSet,
      day,
    );
    // The post itself first, as the opening asks (its first refusal there), then the checks.
    const moveInto = await refuseMoveInto(
      target,
      state,
      { personId, definition, today: day },
      this.registry,
      (id, from) => this.registry.postSeats.holdsSince(id, from),
    ).then(
      () => [],
      (error: unknown) => {
        if (error instanceof DomainRuleViolation) return [error];
        throw error;
      },
    );
    // One who has retired by the day is told that first: the post held or still to come is
    // beside the point (before, «already holds …; use re-appointment» led). The opening asks
    // in the same order. Each reason as the opening's refusal words it (the screens read them).
    const checks = rotationOpeningRefusals(input);
    const retired = checks.filter((refusal) => refusal.rule === RETIREMENT_REACHED);
    const others = checks.filter((refusal) => refusal.rule !== RETIREMENT_REACHED);
    const reasons = [...retired, ...moveInto, ...others].map(({ rule, message }) => ({
      rule,
      reason: message,
    }));
    return {
      personId,
      positionId: target.id,
      eligible: reasons.length === 0,
      asOf: day,
      ruleSet: ruleSet.id,
      reasons,
    };
  }

  /**
   * A person registered after `day` exists, just not yet on that day: a 422 naming both days, so
   * it is not read as "no such person" (before: a bare 404). No registration at all stays a 404.
   */
  private async notRegisteredOn(personId: string, day: string): Promise<Error> {
    const [registration] = await this.store.readStream(personStream(personId), { limit: 1 });
    if (!registration) return new NotFoundException(`person ${personId} is not registered`);
    const registeredOn = vietnamDay(new Date(registration.recordedAt));
    return new DomainRuleViolation(
      'person.not_registered_on',
      `asOf: person ${personId} was not yet registered on ${day} (registered on ${registeredOn})`,
      'unprocessable',
      'asOf',
      { asOf: day, registeredOn },
    );
  }

  /** What the appointment definitions in force on the day say of a post the person already holds. */
  private postAlreadyHeld(day: string): { route: string } | undefined {
    const appointments = [...this.catalog.definitions.values()]
      .filter((definition) => definition.procedure === 'appointment')
      .map((definition) => definition.id);
    for (const id of [...new Set(appointments)].sort()) {
      const route = this.catalog.resolveDefinitionOn(id, day)?.postAlreadyHeld;
      if (route) return route;
    }
    return undefined;
  }
}
