import { Inject, Injectable } from '@nestjs/common';
import { canonicalize } from 'json-canonicalize';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { vietnamDay } from '../../common/vietnam-day';
import { PG_POOL } from '../../common/tokens';
import { displayNames, DisplayNames } from '../../read-models/display-names';
import { EventMetadata } from '../../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../../workflow/workflow-catalog';
import { RuleSet } from '../../workflow/rule-sets/rule-set';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { RegistryService } from '../registry.service';
import { PlanningPoolEntry } from '../person/person.state';
import {
  assertPlannableTerm,
  assertPlanningTermNotEnded,
  assertPlanningTermSpan,
} from './planning-term';
import { planningLimits } from './planning-pool-seats';
import { planningDisciplineRule, refusePlanningUnderDiscipline } from './planning-discipline';
import { assertReviewAdditionsHaveWorkingTime, PlannedPerson } from './planning-working-time';
import {
  assertReviewWithinLimits,
  PlanningPoolReviewed,
  planningReviewStream,
  PoolsBeforeReview,
} from './planning-review';

type Review = PlanningPoolReviewed['data'];
type ListedReview = Review & {
  orgUnitName: string;
  names: Pick<DisplayNames, 'people' | 'positions'>;
};

/**
 * Records a periodic review of the pools as one event (who was added, who removed and why), then
 * writes each change on the person's record with ids derived from the review, so a retried
 * request completes a review that was cut short and writes nothing twice.
 */
@Injectable()
export class PlanningReviews {
  constructor(
    private readonly registry: RegistryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
  ) {}

  async exists(reviewId: string): Promise<boolean> {
    return (await this.store.streamRevision(planningReviewStream(reviewId))) !== null;
  }

  async record(review: Review, metadata: EventMetadata): Promise<Review> {
    const streamId = planningReviewStream(review.reviewId);
    const [existing] = await this.store.readStream(streamId, { limit: 1 });
    if (existing) {
      if (canonicalize(existing.data) !== canonicalize(review))
        throw new RegistryRuleViolation(
          'planning_review.exists',
          `id: review ${review.reviewId} is already recorded with other content`,
          'conflict',
          'id',
        );
    } else {
      await this.check(review, metadata);
      await this.store.append(
        streamId,
        [{ id: randomUUID(), type: 'PlanningPoolReviewed', data: review, metadata }],
        { expectedRevision: 'no_stream' },
      );
    }
    await this.apply(review, metadata);
    return review;
  }

  private ruleSetOn(day: string): RuleSet {
    const ruleSet = this.catalog.ruleSetOn(day, 'state');
    if (!ruleSet)
      throw new RegistryRuleViolation(
        'rule_set.none_in_force',
        `no rule set is in force on ${day}`,
        'unprocessable',
      );
    return ruleSet;
  }

  /**
   * Every removal names an entry on record, every addition a registered person no discipline keeps
   * off the pool (refused at apply, the removals would stand written); limits hold after.
   */
  private async check(review: Review, metadata: EventMetadata): Promise<void> {
    const day = vietnamDay(new Date(metadata.occurredAt));
    refuseReviewOutOfReason(review, day);
    // Judged before any change is applied: an ended term refused at the first addition would
    // leave the review's removals written.
    assertPlanningTermNotEnded(review.term, day);
    const ruleSet = this.ruleSetOn(day);
    const discipline = planningDisciplineRule(ruleSet, day);
    const limits = planningLimits(ruleSet);
    const people: PlannedPerson[] = [];
    const before: PoolsBeforeReview = {
      plannedByPost: new Map(),
      entriesByPerson: new Map(),
      levelOf: {},
    };
    for (const [index, change] of [...review.removed, ...review.added].entries()) {
      const field =
        index < review.removed.length
          ? `removed[${index}]`
          : `added[${index - review.removed.length}]`;
      const { state } = await this.registry.loadPerson(change.personId);
      if (state.status !== 'registered')
        throw new RegistryRuleViolation(
          'person.not_found',
          `${field}.personId: person ${change.personId} is not registered`,
          'unprocessable',
          `${field}.personId`,
        );
      if (index < review.removed.length)
        refuseRemovalWithoutEntry(change, state.planningPool, field);
      else refusePlanningUnderDiscipline(change.personId, state.discipline, discipline, field);
      people.push({ ...state.profile, personId: change.personId });
      refuseAddingOneInPool(review, index - review.removed.length, state.planningPool);
      before.entriesByPerson.set(change.personId, state.planningPool);
    }
    for (const positionId of new Set(review.added.map((a) => a.positionId)))
      before.plannedByPost.set(
        positionId,
        await this.registry.planningSeats.plannedFor(positionId, review.term),
      );
    const ids = [
      ...new Set(
        [...before.entriesByPerson.values()]
          .flat()
          .map((e) => e.positionId)
          .concat(review.added.map((a) => a.positionId)),
      ),
    ];
    const { rows } = await this.pool.query<{ id: string; rank: number }>(
      'SELECT id, rank FROM positions WHERE id = ANY ($1::text[])',
      [ids],
    );
    before.levelOf = Object.fromEntries(rows.map((r) => [r.id, r.rank]));
    assertPlanningTermSpan(review.term, limits.termYears);
    // An addition for a term not open to planning would be refused at apply, its removals written.
    if (review.added.length > 0)
      assertPlannableTerm(review.term, limits.plannableTerms, limits.termYears.value, day);
    assertReviewAdditionsHaveWorkingTime(review, people.slice(review.removed.length), limits, day);
    assertReviewWithinLimits(review, before, limits);
  }

  private async apply(review: Review, metadata: EventMetadata): Promise<void> {
    for (const r of review.removed) {
      const { state } = await this.registry.loadPerson(r.personId);
      if (
        state.status === 'registered' &&
        !state.planningPool.some((e) => e.positionId === r.positionId)
      )
        continue;
      await this.registry.runPersonCommand(
        r.personId,
        {
          type: 'RemovePlanningPoolEntry',
          data: {
            personId: r.personId,
            positionId: r.positionId,
            decisionRef: review.decisionRef,
            reason: r.reason,
          },
        },
        metadata,
        { idSeed: `${review.reviewId}:remove:${r.personId}:${r.positionId}` },
      );
    }
    for (const a of review.added) {
      await this.registry.runPersonCommand(
        a.personId,
        {
          type: 'AddPlanningPoolEntry',
          data: {
            personId: a.personId,
            positionId: a.positionId,
            term: review.term,
            decisionRef: review.decisionRef,
          },
        },
        metadata,
        {
          idSeed: `${review.reviewId}:add:${a.personId}:${a.positionId}`,
          decidedOn: review.reviewedOn,
        },
      );
    }
  }

  async unitNames(ids: string[]): Promise<string[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      'SELECT name FROM org_units WHERE id = ANY ($1::text[]) ORDER BY array_position($1::text[], id)',
      [ids],
    );
    return rows.map((r) => r.name);
  }

  /** The names of the people and posts a review lists, for a screen that shows them. */
  async names(review: Review): Promise<Pick<DisplayNames, 'people' | 'positions'>> {
    const changes = [...review.added, ...review.removed];
    const { people, positions } = await displayNames(this.pool, {
      people: changes.map((c) => c.personId),
      positions: changes.map((c) => c.positionId),
    });
    return { people, positions };
  }

  /** Reviews of the units within a grant, newest first, each with its names. */
  async list(scopeUnit: string, limit: number): Promise<ListedReview[]> {
    const { rows } = await this.pool.query<Review & { orgUnitName: string }>(
      `SELECT r.review_id AS "reviewId", r.org_unit_id AS "orgUnitId", u.name AS "orgUnitName", r.term,
              r.reviewed_on::text AS "reviewedOn", r.decision_ref AS "decisionRef", r.added, r.removed
         FROM planning_reviews r JOIN org_units u ON u.id = r.org_unit_id
        WHERE u.path @> ARRAY[$1::text] ORDER BY r.reviewed_on DESC, r.review_id LIMIT $2`,
      [scopeUnit, limit],
    );
    return Promise.all(rows.map(async (row) => ({ ...row, names: await this.names(row) })));
  }
}

/**
 * A review held by today, each person and post at most once in each list: a pair listed twice
 * would count twice against the pool's limits and be written twice on the record.
 */
function refuseReviewOutOfReason(review: Review, today: string): void {
  if (review.reviewedOn > today)
    throw new RegistryRuleViolation(
      'planning_review.in_the_future',
      `reviewedOn: ${review.reviewedOn} is after today (${today})`,
      'invalid',
      'reviewedOn',
    );
  for (const list of ['removed', 'added'] as const) {
    const seen = new Map<string, number>();
    for (const [index, { personId, positionId }] of review[list].entries()) {
      const key = `${personId}\u0000${positionId}`;
      const first = seen.get(key);
      if (first !== undefined)
        throw new RegistryRuleViolation(
          'planning_review.listed_twice',
          `${list}[${index}]: ${personId} for ${positionId} is already ${list}[${first}]`,
          'invalid',
          `${list}[${index}]`,
        );
      seen.set(key, index);
    }
  }
}

/**
 * A review adds people not in the pool yet: one already planned for the post in the review's term
 * (and not taken off by this review) would be listed as added under this review's decision while
 * the record keeps the entry of the decision that planned them (the record's add is a no-op).
 */
/** A review takes off only an entry on record. */
function refuseRemovalWithoutEntry(
  change: { personId: string; positionId: string },
  pool: readonly PlanningPoolEntry[],
  field: string,
): void {
  if (pool.some((e) => e.positionId === change.positionId)) return;
  throw new RegistryRuleViolation(
    'planning_pool.no_entry',
    `${field}: person ${change.personId} has no planning-pool entry for ${change.positionId}`,
    'unprocessable',
    field,
  );
}

function refuseAddingOneInPool(
  review: Review,
  /** The row in `added` (a negative one is a removal: nothing to judge). */
  index: number,
  pool: readonly PlanningPoolEntry[],
): void {
  if (index < 0) return;
  const field = `added[${index}]`;
  const { personId, positionId } = review.added[index];
  const entry = pool.find((e) => e.positionId === positionId && e.term === review.term);
  const takenOff = review.removed.some(
    (r) => r.personId === personId && r.positionId === positionId,
  );
  if (!entry || takenOff) return;
  throw new RegistryRuleViolation(
    'planning_review.already_in_pool',
    `${field}: ${personId} is already in the planning pool for ${positionId} in ${review.term} (${entry.decisionRef}); a review adds only people not yet planned for the post`,
    'unprocessable',
    field,
  );
}
