import { OrgUnit, Position } from './registry-records';
import { personStream } from './person-stream';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { generatedId } from '../common/generated-id';
import { insertOrgUnit, insertPosition } from './registry-rows';
import { Pool } from 'pg';
import { PG_POOL } from '../common/tokens';
import { loadStream, runStreamCommand } from '../common/stream-command-runner';
import { EventMetadata } from '../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { CreateOrgUnitDto } from './dto/create-org-unit.dto';
import { CreatePositionDto } from './dto/create-position.dto';
import { RegistryRuleViolation } from './registry-rule-violation';
import { PersonCommand, personDecider } from './person/person.decider';
import { PersonState } from './person/person.state';
import { PersonFound, searchPeople } from './people-search';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { vietnamDay } from '../common/vietnam-day';
import { planningLimitsOn, PlanningPoolSeats } from './planning/planning-pool-seats';
import { PersonDecideContext } from './person/person.decider';
import { StreamFoldCache } from '../common/stream-fold-cache';
import { WrittenStreamFolds } from '../common/written-stream-folds';
import { KeptPositions } from './kept-positions';
import { refuseAuthorityNotAbovePost } from './authority-above-post';
import { refuseAuthorityOtherBranch } from './authority-branch';
import { RecentOrgUnits } from './recent-org-units';
import {
  assertReferencesExist,
  referencesExist,
  reservesSeat,
  seatClaimedBy,
} from './person-command-references';
import { appendCommandsAtOnce, SeededCommand } from '../common/stream-commands-at-once';
import { placedUnder } from './org-unit-levels';
import { ageRulesOn } from './person/age-rules';
import { PostHolder, postHolders } from './post-holders';
import { postSeatClaimedBy, PostSeatClaims } from './post-seat-claims';
import { claimRecordSeat } from './record-seat-claim';
import { seatsOf } from './post-seats';

/**
 * How many people's folded records one process keeps (a few kB each): enough for every person a
 * large unit's open cases touch, so that vetting costs the events since the last read, and for a
 * bulk job of 10,000 people (an import, a transfer batch after its dry run) beside them.
 */
const PERSON_FOLDS_KEPT = 20_000;

export type { OrgUnit, Position } from './registry-records';
export { personStream };

/** Org units, positions (reference tables) and people (event streams `cadre-<id>`). */
@Injectable()
export class RegistryService {
  readonly planningSeats: PlanningPoolSeats;
  /** Where two records of holders of one post at once meet (`POST /cadres/:id/posts`). */
  readonly postSeats: PostSeatClaims;
  /**
   * People's records as last folded here; bulk jobs load many at once and extend what they wrote.
   * A record read here after another instance wrote it moves the state kept for the next note.
   */
  readonly personFolds: StreamFoldCache<PersonState>;
  /** A saga's next note on a record this process just wrote is decided without a read. */
  private readonly writtenPeople = new WrittenStreamFolds<PersonState>(PERSON_FOLDS_KEPT);

  /** Without the catalog (a CLI's hand-built service) the rule set's planning limits go unchecked. */
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() @Inject(WORKFLOW_CATALOG) private readonly catalog?: WorkflowCatalog,
  ) {
    this.personFolds = new StreamFoldCache(store, personDecider, PERSON_FOLDS_KEPT, (...fold) =>
      this.writtenPeople.seen(...fold),
    );
    this.planningSeats = new PlanningPoolSeats(store, pool, (personId) =>
      this.loadPerson(personId),
    );
    this.postSeats = new PostSeatClaims(store, pool, (personId) => this.loadPerson(personId));
  }

  /** `idSeed`: the request's Idempotency-Key seed, which names the unit when `dto.id` does not. */
  async createOrgUnit(dto: CreateOrgUnitDto, idSeed?: string): Promise<OrgUnit> {
    const id = dto.id ?? generatedId('ou', idSeed);
    let path = [id];
    if (dto.parentId)
      path = [...placedUnder(dto.kind, dto.parentId, await this.findOrgUnit(dto.parentId)), id];
    const unit = { id, name: dto.name, kind: dto.kind, parentId: dto.parentId ?? null, path };
    await insertOrgUnit(this.pool, unit, !dto.id && idSeed !== undefined);
    return unit;
  }

  /** The unit as read at most ORG_UNIT_FRESH_MS ago (its name and kind may change since). */
  findOrgUnit(id: string): Promise<OrgUnit | null> {
    return RecentOrgUnits.of(this.pool).find(id);
  }

  /** The unit and everything below it. */
  async orgUnitSubtree(id: string): Promise<OrgUnit[]> {
    const { rows } = await this.pool.query<OrgUnit>(
      'SELECT id, name, kind, parent_id AS "parentId", path FROM org_units WHERE path @> ARRAY[$1::text] ORDER BY array_length(path, 1), name',
      [id],
    );
    return rows;
  }

  async listOrgUnits(): Promise<OrgUnit[]> {
    const { rows } = await this.pool.query<OrgUnit>(
      'SELECT id, name, kind, parent_id AS "parentId", path FROM org_units ORDER BY array_length(path, 1), name',
    );
    return rows;
  }

  /** `idSeed`: as for createOrgUnit. */
  async createPosition(dto: CreatePositionDto, idSeed?: string): Promise<Position> {
    const id = dto.id ?? generatedId('pos', idSeed);
    const unitNamed = async (field: string, unitId: string): Promise<OrgUnit> => {
      const unit = await this.findOrgUnit(unitId);
      if (unit) return unit;
      throw new RegistryRuleViolation(
        'org_unit.not_found',
        `${field}: org unit ${unitId} does not exist`,
        'unprocessable',
        field,
      );
    };
    const postUnit = await unitNamed('orgUnitId', dto.orgUnitId);
    const authority = await unitNamed('appointingAuthority', dto.appointingAuthority);
    refuseAuthorityNotAbovePost(
      postUnit,
      authority,
      authority.parentId ? await this.findOrgUnit(authority.parentId) : null,
    );
    await refuseAuthorityOtherBranch(postUnit, authority, (at) => this.findOrgUnit(at));
    const position: Position = {
      id,
      title: dto.title,
      orgUnitId: dto.orgUnitId,
      appointingAuthority: dto.appointingAuthority,
      rank: dto.rank ?? 0,
      isLeadership: dto.isLeadership ?? true,
      filledBy: dto.filledBy ?? 'appointment',
      seats: dto.seats ?? null,
    };
    const retried = !dto.id && idSeed !== undefined;
    await insertPosition(this.pool, position, () => this.findPosition(id), retried);
    KeptPositions.of(this.pool).keep(position);
    return position;
  }

  findPosition(id: string): Promise<Position | null> {
    return KeptPositions.of(this.pool).find(id);
  }

  /** The rank of each of these posts that exists, in one statement at most. */
  async ranksOf(positionIds: readonly string[]): Promise<Map<string, number>> {
    const found = await KeptPositions.of(this.pool).findAll(positionIds);
    return new Map([...found].map(([id, position]) => [id, position.rank]));
  }

  /** People the unit's grant sees whose name contains the words typed (`people-search.ts`). */
  searchPeople(scopeUnit: string, q: string, limit: number, day: string): Promise<PersonFound[]> {
    return searchPeople(this.pool, scopeUnit, q, limit, day);
  }

  async listPositions(orgUnitId?: string): Promise<Position[]> {
    const { rows } = await this.pool.query<Position>(
      `SELECT id, title, org_unit_id AS "orgUnitId", appointing_authority AS "appointingAuthority", rank,
              is_leadership AS "isLeadership", filled_by AS "filledBy", seats FROM positions WHERE $1::text IS NULL OR org_unit_id = $1 ORDER BY rank DESC, title`,
      [orgUnitId ?? null],
    );
    return rows;
  }

  /** Who holds a post on `day`, each confirmed on their record (`post-holders.ts`). */
  async postHolders(positionId: string, day: string): Promise<PostHolder[]> {
    return postHolders(this.pool, (id) => this.loadPerson(id), positionId, day);
  }

  async loadPerson(
    personId: string,
    until?: Date,
  ): Promise<{ state: PersonState; revision: number | null }> {
    // "As of" reads fold from the start; reads of today reuse the fold kept from the last one.
    if (until) return loadStream(this.store, personStream(personId), personDecider, until);
    return this.personFolds.load(personStream(personId));
  }

  /** Several records as `loadPerson` reads each today, their heads asked in one read. */
  async loadPeople(
    personIds: readonly string[],
  ): Promise<{ state: PersonState; revision: number | null }[]> {
    return this.personFolds.loadMany(personIds.map(personStream));
  }

  /**
   * A person's record as a bulk job has just read it: the next command on it (the record saga's
   * note on each case a transfer batch opened) is decided on this state and appended at its
   * revision, without reading the record again; a record written since refuses that append and
   * the command is decided on the record as it is (WrittenStreamFolds).
   */
  keepPersonFold(personId: string, state: PersonState, revision: number | null): void {
    this.writtenPeople.remember(personStream(personId), state, revision);
  }

  /**
   * Commands onto one person's record in order (a decision's post ended and new post assigned),
   * appended in one write when the state this process holds decides them all, else one by one.
   * None may reserve a planning seat (those take `runPersonCommand`).
   */
  async runPersonCommands(
    personId: string,
    commands: readonly SeededCommand<PersonCommand>[],
    metadata: EventMetadata,
  ): Promise<void> {
    if (
      commands.length > 1 &&
      commands.every(({ command }) => !reservesSeat(command) && command.type !== 'RestorePost') &&
      (await referencesExist(this, commands))
    ) {
      const atOnce = {
        metadata,
        context: () => ({}),
        fold: (streamId: string) => this.personFolds.load(streamId),
        written: this.writtenPeople,
      };
      const stream = personStream(personId);
      if (await appendCommandsAtOnce(this.store, stream, personDecider, commands, atOnce)) return;
    }
    for (const { command, idSeed } of commands)
      await this.runPersonCommand(personId, command, metadata, { idSeed });
  }

  /**
   * A post given back after a review, when it has a seat limit: who held it from the day it was
   * taken away (a successor keeps the seat; `decidePostRestoration` says so on the record).
   */
  private async restoredPostSeats(data: {
    positionId: string;
    endedOn: string;
  }): Promise<Pick<PersonDecideContext, 'postSeats'>> {
    const position = await this.findPosition(data.positionId);
    const seats = position ? seatsOf(position) : null;
    if (!position || seats === null) return {};
    const holds = await this.postSeats.holdsSince(data.positionId, data.endedOn);
    return { postSeats: { position, seats, holds } };
  }

  async runPersonCommand(
    personId: string,
    command: PersonCommand,
    metadata: EventMetadata,
    options: { idSeed?: string; ifMatch?: number; seatOf?: Position; decidedOn?: string } = {},
  ): Promise<{ state: PersonState; revision: number | null }> {
    await assertReferencesExist(this, command);
    const seat = seatClaimedBy(command);
    const postSeat = postSeatClaimedBy(command, options.seatOf);
    // The rules in force on the day of the change (its business time); unchecked without a catalog.
    const day = vietnamDay(new Date(metadata.occurredAt));
    const planning =
      seat && this.catalog ? planningLimitsOn(this.catalog, day, options.decidedOn) : null;
    // A registration and a year rated are checked against the ages in force on the day (unchecked
    // without a catalog).
    const aged = command.type === 'RegisterPerson' || command.type === 'RecordAnnualRating';
    const ages = aged && this.catalog ? ageRulesOn(this.catalog, day) : undefined;
    const run = () =>
      runStreamCommand(this.store, personStream(personId), personDecider, command, {
        metadata,
        idSeed: options.idSeed,
        ifMatch: options.ifMatch,
        context: async (state): Promise<PersonDecideContext> => ({
          ...(seat && planning
            ? await this.planningSeats.decideContext(state, seat, planning)
            : {}),
          ages,
          today: day,
          ...(command.type === 'RestorePost' ? await this.restoredPostSeats(command.data) : {}),
        }),
        // The seat claimed just before the append, withdrawn if the append is refused.
        beforeAppend: claimRecordSeat(
          { store: this.store, planningSeats: this.planningSeats, postSeats: this.postSeats },
          {
            planning: seat && planning ? { seat, limit: planning.limits.maxPeoplePerPost } : null,
            post: postSeat,
          },
          metadata,
        ),
        // A record of 2,000 events costs a note what one of 20 does; one written here, no read.
        fold: (streamId) => this.personFolds.load(streamId),
        written: this.writtenPeople,
      });
    const result = await run().catch((error: unknown) => {
      // A seat taken between the count and the claim: an entry put back is decided again, and
      // the record then says the pool is full (a new entry is refused with the rule instead).
      const seatLost =
        error instanceof RegistryRuleViolation && error.rule === 'planning_pool.post_full';
      if (seatLost && seat?.restored) return run();
      throw error;
    });
    return { state: result.state, revision: result.revision };
  }
}
