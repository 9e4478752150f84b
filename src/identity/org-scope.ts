import { Inject, Injectable, Optional } from '@nestjs/common';
import { Pool } from 'pg';
import { StreamOwner, streamOwnerOf } from '../audit/stream-ownership';
import { CASE_PROCEDURES, caseStream } from '../procedures/case/case-stream';
import { KeptPositions } from '../cadres/kept-positions';
import { BoundedCache } from '../common/bounded-cache';
import { Clock, CLOCK, systemClock } from '../common/clock';
import { vietnamDay } from '../common/vietnam-day';
import { postsHeldOn } from '../cadres/person/posts-held-on';
import { PG_POOL } from '../common/tokens';
import { Actor } from './actor';
import { keptUnitPaths } from './kept-unit-paths';
import { PersonRegistrations, ScopeRecord } from './person-registrations';
import { RecordOrigins, StreamOrigin } from './record-origins';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { CaseKind, otherKind, proceduresOf } from './case-kind';
import {
  caseOfOtherKind,
  outOfScope,
  personOutsideGrant,
  positionNotFound,
  positionOutsideGrant,
  unitNotFound,
  unitOutsideGrant,
} from './scope-refusals';

/**
 * A grant reaches its own org unit and every unit below it, never a sibling or a parent.
 *
 * Every id a request names (in its path, body or query) is checked here before anything else is
 * answered, so that a refusal never depends on the state of a record outside the grant:
 * - an org unit or a post is reference data that any role may list (`GET /org-units`,
 *   `GET /positions`), so a missing one is answered 422 `…not_found` and an existing one outside
 *   the grant 403;
 * - a person or a case is not: one that does not exist is answered exactly like one outside the
 *   grant (403 `scope.out_of_scope`), so a caller cannot probe which ids exist in other units.
 */
@Injectable()
export class OrgScope {
  /** Each unit's path from the root, kept once read (see keptUnitPaths: a path never changes). */
  private readonly unitPaths: BoundedCache<string, readonly string[]>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly origins: RecordOrigins,
    private readonly registrations: PersonRegistrations,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {
    this.unitPaths = keptUnitPaths(pool);
  }

  async unitExists(unitId: string): Promise<boolean> {
    return (await this.pathOf(unitId)) !== null;
  }

  /** The unit's path from the root of the tree (itself last), or null if there is no such unit. */
  private async pathOf(unitId: string): Promise<readonly string[] | null> {
    const kept = this.unitPaths.get(unitId);
    if (kept) return kept;
    const { rows } = await this.pool.query<{ path: string[] }>(
      'SELECT path FROM org_units WHERE id = $1',
      [unitId],
    );
    if (rows.length === 0) return null;
    this.unitPaths.set(unitId, rows[0].path);
    return rows[0].path;
  }

  /**
   * A token for a unit the registry does not hold grants nothing: otherwise it could create that
   * unit as a new top of the tree and reach whatever is put under it. GrantUnitGuard asks this once
   * per request before any handler runs, so the checks below do not ask again (an unregistered
   * unit is on no unit's path: they could only refuse).
   */
  async assertGrantUnitKnown(actor: Actor): Promise<void> {
    if (!(await this.unitExists(actor.orgUnit))) {
      throw new DomainRuleViolation(
        'scope.unknown_unit',
        `your grant is for org unit ${actor.orgUnit}, which is not in the registry; it grants nothing`,
        'forbidden',
      );
    }
  }

  /** Whether the grant covers the unit: the grant's unit is on the unit's path from the root. */
  async reaches(actor: Actor, unitId: string): Promise<boolean> {
    return this.grantReaches(actor.orgUnit, unitId);
  }

  /**
   * Whether a grant for `grantUnit` covers the unit: what a case opened there may be told (its
   * stored texts are read by whoever reaches the case's unit).
   */
  async grantReaches(grantUnit: string, unitId: string): Promise<boolean> {
    return (await this.pathOf(unitId))?.includes(grantUnit) ?? false;
  }

  /** Refuses with 403 naming both units when the caller's grant does not cover `unitId`. */
  async assertReaches(actor: Actor, unitId: string, what: string, field?: string): Promise<void> {
    if (!(await this.reaches(actor, unitId))) {
      throw outOfScope(
        `${what} belongs to org unit ${unitId}, which your grant for ${actor.orgUnit} does not cover`,
        field,
      );
    }
  }

  /** An org unit named in a request (`orgUnitId`, `parentId`, `?orgUnit=`): 422 if missing, 403 if outside. */
  async assertUnitInScope(actor: Actor, unitId: string, field: string): Promise<void> {
    if (!(await this.unitExists(unitId))) throw unitNotFound(field, unitId);
    if (!(await this.reaches(actor, unitId))) throw unitOutsideGrant(field, unitId, actor);
  }

  /** A post lies where its unit lies: 422 if it does not exist, 403 if its unit is outside the grant. */
  async assertPositionInScope(actor: Actor, positionId: string, field: string): Promise<void> {
    const position = await KeptPositions.of(this.pool).find(positionId);
    if (!position) throw positionNotFound(field, positionId);
    if (!(await this.reaches(actor, position.orgUnitId)))
      throw positionOutsideGrant(field, positionId, position.orgUnitId, actor);
  }

  /**
   * A person lies in the unit managing their record (registered there, or moved there since), and
   * is seen (read, searched, named by a case) also by a grant reaching a post they hold today: a
   * commune's elected vice chair rotated to a department stays the commune's to relieve.
   */
  async assertPersonInScope(actor: Actor, personId: string, field: string): Promise<void> {
    if (!(await this.seesPeople(actor, [personId]))[0])
      throw personOutsideGrant(field, personId, actor);
  }

  /** Whether the grant sees each person, as `assertPersonInScope` judges; records read together. */
  async seesPeople(actor: Actor, personIds: readonly string[]): Promise<boolean[]> {
    const records = await this.registrations.recordsOf(personIds);
    return Promise.all(records.map(async (r) => !!r && (await this.reachesPersonOf(actor, r))));
  }

  /** The record itself (its posts, pool, statuses, profile, audit) is kept by its managing unit only. */
  async assertManagesPersonRecord(actor: Actor, personId: string, field: string): Promise<void> {
    const unit = await this.personUnit(personId);
    if (!unit || !(await this.reaches(actor, unit)))
      throw personOutsideGrant(field, personId, actor);
  }

  /** Whether the grant reaches the record's managing unit or the unit of a post it holds today. */
  private async reachesPersonOf(actor: Actor, record: ScopeRecord): Promise<boolean> {
    if (await this.reaches(actor, record.unit)) return true;
    const positions = KeptPositions.of(this.pool);
    for (const post of postsHeldOn(record, vietnamDay(this.clock.now()))) {
      const unit = (await positions.find(post.positionId))?.orgUnitId;
      if (unit && (await this.reaches(actor, unit))) return true;
    }
    return false;
  }

  /** A case lies in the unit it was opened in (whatever its procedure). */
  async assertCaseInScope(
    actor: Actor,
    caseId: string,
    field: string,
    kind: CaseKind = 'case',
  ): Promise<void> {
    const unit = await this.caseUnit(caseId, kind);
    if (!unit) await this.refuseCaseOfOtherKind(actor, caseId, field, kind);
    if (!unit || !(await this.reaches(actor, unit))) {
      throw outOfScope(
        `${field}: ${kind} ${caseId} is not in any unit your grant for ${actor.orgUnit} covers`,
        field,
      );
    }
  }

  /** The other engine's case id is told apart from one out of the grant, to a grant reaching it. */
  private async refuseCaseOfOtherKind(actor: Actor, caseId: string, field: string, kind: CaseKind) {
    const other = otherKind(kind);
    const unit = await this.caseUnit(caseId, other.kind);
    if (unit && (await this.reaches(actor, unit)))
      throw caseOfOtherKind(field, caseId, kind, other.kind, other.route);
  }

  /** Any case of any procedure, discipline included (audit history is read across procedures). */
  async assertAnyCaseInScope(actor: Actor, caseId: string, field: string): Promise<void> {
    const unit = await this.unitOfCase(caseId, CASE_PROCEDURES);
    if (!unit || !(await this.reaches(actor, unit))) {
      throw outOfScope(
        `${field}: case ${caseId} is not in any unit your grant for ${actor.orgUnit} covers`,
        field,
      );
    }
  }

  /**
   * A stream named by id (`GET /audit/verify?stream=`) lies in the unit it belongs to
   * (stream-ownership.ts): a person's where the record is managed now, a timer where its case or
   * person lies, a case id's reservation where the case lies. Only the backfills' coverage
   * markers belong to no unit: an admin may name them. A stream that does not exist is answered
   * like one outside the grant.
   */
  async assertStreamInScope(actor: Actor, streamId: string, field: string): Promise<void> {
    // Read from the store, not the kept first event: this route examines the stored evidence, and
    // a stream deleted behind the service no longer lies in any unit.
    const first = await this.origins.readFirstEvent(streamId);
    const owner = streamOwnerOf(streamId, first?.data);
    if (owner.owner === 'none') {
      if (actor.roles.includes('admin')) return;
      throw outOfScope(
        `${field}: stream ${streamId} belongs to no org unit; only an admin may read it`,
        field,
      );
    }
    const unit = first ? await this.unitOwning(owner) : null;
    if (!unit || !(await this.reaches(actor, unit))) {
      throw outOfScope(
        `${field}: stream ${streamId} is not in any unit your grant for ${actor.orgUnit} covers`,
        field,
      );
    }
  }

  /** The unit a stream's owner lies in (a timer's target is a case's or a person's stream). */
  private async unitOwning(owner: StreamOwner): Promise<string | null> {
    switch (owner.owner) {
      case 'unit':
        return owner.unitId;
      case 'person':
        return this.personUnit(owner.personId);
      case 'case':
        return this.unitOfCase(owner.caseId, CASE_PROCEDURES);
      case 'position':
        return (await KeptPositions.of(this.pool).find(owner.positionId))?.orgUnitId ?? null;
      case 'stream': {
        const target = await this.origins.firstEvent(owner.streamId);
        const of = streamOwnerOf(owner.streamId, target?.data);
        const ownedByUnit = of.owner === 'unit' || of.owner === 'person';
        return target && ownedByUnit ? this.unitOwning(of) : null;
      }
      default:
        return null;
    }
  }

  /** Whether the registry holds no unit yet (a new registry's first unit is its admin's own). */
  async registryEmpty(): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM org_units LIMIT 1')).rowCount === 0;
  }

  /** Whether the grant names a unit at the top of the tree. */
  async grantIsTopLevel(actor: Actor): Promise<boolean> {
    return (await this.pathOf(actor.orgUnit))?.length === 1;
  }

  /**
   * What holds the work of every unit (dead letters, the job dashboard: their payloads name cases
   * of any unit) is for a grant on a top-level unit only: a commune's admin would read the city's.
   */
  async assertTopLevelGrant(actor: Actor, what: string): Promise<void> {
    const path = await this.pathOf(actor.orgUnit);
    if (path?.length === 1) return;
    throw new DomainRuleViolation(
      'scope.top_level_only',
      `${what} cover the work of every unit: only a grant for a top-level unit reaches them (${actor.orgUnit} is under ${path?.[0] ?? 'no registered unit'})`,
      'forbidden',
    );
  }

  /**
   * The unit managing a person's record, or null if there is no such person: a decision that put
   * them into a post of another unit moved it there (PersonRegistrations).
   */
  personUnit(personId: string): Promise<string | null> {
    return this.registrations.unitOf(personId);
  }

  /** The unit a case was opened in, or null if there is no such case. */
  caseUnit(caseId: string, kind: CaseKind = 'case'): Promise<string | null> {
    return this.unitOfCase(caseId, proceduresOf(kind));
  }

  /** The unit a case of any procedure with this id was opened in, or null if there is none. */
  anyCaseUnit(caseId: string): Promise<string | null> {
    return this.unitOfCase(caseId, CASE_PROCEDURES);
  }

  /** The unit of the case with this id among these procedures (its id reservation names the procedure). */
  private async unitOfCase(caseId: string, among: readonly string[]): Promise<string | null> {
    const procedure = await this.origins.procedureOfCase(caseId, among);
    return procedure ? this.unitOfStream(caseStream(procedure, caseId)) : null;
  }

  /** The unit a case stream was opened in: its first event names it as `orgUnitId`. */
  private async unitOfStream(streamId: string): Promise<string | null> {
    return unitNamedBy(await this.origins.firstEvent(streamId));
  }
}

/** The unit a case stream's first event names as `orgUnitId`. */
function unitNamedBy(first: StreamOrigin | null): string | null {
  const unit = (first?.data as { orgUnitId?: unknown } | undefined)?.orgUnitId;
  return typeof unit === 'string' ? unit : null;
}
