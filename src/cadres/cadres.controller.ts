import { parseIfMatch } from '../common/http/if-match';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../common/openapi/api-problems.decorator';
import { EligibilityDto, PersonRecordDto } from './dto/registry-views.dto';
import { PersonRecordReadDto } from './dto/person-record-read.dto';
import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Param,
  Post,
  Query,
  Type,
} from '@nestjs/common';
import { SensitiveRead } from '../access-log/sensitive-read.decorator';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { parseAsOf } from '../common/as-of';
import { vietnamDay } from '../common/vietnam-day';
import { parseLimit } from '../read-models/cursor';
import { PersonEligibility } from './person-eligibility';
import { ApiEligibilityQuery } from './eligibility-query';
import { personViewFor } from './open-cases-in-grant';
import { NominationsOnRecord } from './nominations-on-record';
import { caseTitlesOnRecord } from './case-titles';
import { PG_POOL } from '../common/tokens';
import { Pool } from 'pg';
import { PersonCommand } from './person/person.decider';
import { OrgScope } from '../identity/org-scope';
import { Clock, CLOCK } from '../common/clock';
import { withEtag } from '../common/http/etag';
import { subjectRefusal } from '../workflow/step-engine/actors';
import { Read, ReadRequest, Write, WriteRequest } from '../common/http/route-request.decorator';
import { metadataFromRequest } from '../common/request-metadata';
import { Actor } from '../identity/actor';
import { CurrentActor } from '../identity/current-actor.decorator';
import { WritesPersonRecord } from '../identity/own-record';
import {
  AddPlanningPoolEntryDto,
  AssignPostDto,
  RemovePlanningPoolEntryDto,
} from './dto/person-record.dto';
import { RegistryService } from './registry.service';
import { Position } from './registry-records';
import { refuseUnelectedHold } from './elected-post-record';
import { idsNamed } from '../common/http/ids-named-in-body';
import { parseBody, parseQuery } from '../procedures/case/step-body-validation';
import { AcceptsQuery } from '../common/input/known-query-parameters.guard';

/** A write to a person's record: 201 with the record, or a bad body, no such person, a refusal. */
const ApiPersonWrite = (body: Type<unknown>) =>
  applyDecorators(
    ApiBody({ type: body }),
    ApiProblems(404, 409, 422),
    ApiBodyProblems(),
    ApiCreatedResponse({ type: PersonRecordDto }),
  );

@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller()
export class CadresController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly eligibilities: PersonEligibility,
    private readonly scope: OrgScope,
    private readonly nominations: NominationsOnRecord,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /**
   * The person's record is read within the unit managing it and the units of the posts they hold
   * (and above). A person who does not exist is refused like one outside the grant (existence is
   * not revealed).
   */
  private assertPersonInScope(actor: Actor, personId: string): Promise<void> {
    return this.scope.assertPersonInScope(actor, personId, 'id');
  }

  /** The record is written only within the unit managing it (and above). */
  private assertManagesRecord(actor: Actor, personId: string): Promise<void> {
    return this.scope.assertManagesPersonRecord(actor, personId, 'id');
  }

  /** The post a record's body names (its DTO's `positionId`), asked of the grant before the body. */
  private async assertPositionNamedInScope(
    actor: Actor,
    dto: new () => { positionId: string },
    raw: unknown,
  ): Promise<void> {
    const { positionId } = idsNamed(dto, raw, ['positionId']);
    if (positionId !== undefined)
      await this.scope.assertPositionInScope(actor, positionId, 'positionId');
  }

  private today(): string {
    return vietnamDay(this.clock.now());
  }

  /**
   * Runs a command on the person's stream and answers their record as it now stands; `seatOf`:
   * the post a post record claims a seat of (`PostSeatClaims`).
   */
  private async writePerson(
    personId: string,
    command: PersonCommand,
    write: WriteRequest,
    seatOf?: Position,
  ) {
    const written = await this.registry.runPersonCommand(
      personId,
      command,
      metadataFromRequest(write.request, write.actor, this.clock.now()),
      // If-Match: the record's revision the writer last read (409 with the current one if moved).
      { idSeed: write.request.idempotencySeed, ifMatch: parseIfMatch(write.ifMatch), seatOf },
    );
    return withEtag(
      write.response,
      await personViewFor(this.scope, write.actor, personId, written, this.today()),
    );
  }

  @Allow(...ACCESS.personSearch)
  @Get('cadres')
  @ApiOperation({
    summary:
      'People in your unit (and below), or holding a post there today, whose name contains q, diacritics ignored ("nguyen van" finds "Nguyễn Văn An")',
  })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({
    description: 'people found: id, full name, unit',
    schema: { type: 'array', items: { type: 'object' } },
  })
  @ApiProblems(400)
  searchPeople(
    @CurrentActor() actor: Actor,
    @Query('q') q?: string,
    @Query('limit') limit?: string,
  ) {
    return this.registry.searchPeople(
      actor.orgUnit,
      q ?? '',
      parseLimit(limit, 20, 100),
      this.today(),
    );
  }

  @Allow(...ACCESS.personRead)
  @SensitiveRead('person record')
  @Get('cadres/:id')
  @ApiOperation({
    summary:
      "A person's record: posts and terms, planning pool, statuses, discipline with status, open cases, re-appointment notices",
  })
  @ApiOkResponse({ type: PersonRecordReadDto })
  @ApiProblems(404)
  async person(@Param('id') personId: string, @Read() { actor, response }: ReadRequest) {
    await this.assertPersonInScope(actor, personId);
    const loaded = await this.registry.loadPerson(personId);
    const record = await personViewFor(this.scope, actor, personId, loaded, this.today());
    // Beside the cases the record notes, those naming the person a nominee: within the grant, and
    // where the reader may see who the case's ballots selected (ballot secrecy).
    const nominatedIn = await this.nominations.of(personId, actor);
    // `"<revision>.<digest>"`, the ETag a write's If-Match takes (Express's own weak hash is not):
    // its digest names the nominations too, which move without the record.
    const view = withEtag(response, { ...record, nominatedIn });
    // Said beside the record, not in it: the ETag stays the record's whoever reads it. Only the
    // cases the view lists (its open cases and nominations as sent) are named.
    const caseTitles = await caseTitlesOnRecord(this.pool, this.scope, actor, view);
    const readerMayNotWrite = subjectRefusal(personId, { actor }, 'this record');
    return { ...view, caseTitles, ...(readerMayNotWrite && { readerMayNotWrite }) };
  }

  @Allow(...ACCESS.personRead)
  @SensitiveRead('person eligibility')
  @Get('cadres/:id/eligibility')
  @ApiOperation({
    summary: 'Whether the person may be appointed to a post on a day, and every reason if not',
  })
  @ApiEligibilityQuery()
  @ApiOkResponse({ type: EligibilityDto })
  @ApiProblems(400, 404, 422)
  async eligibility(
    @Param('id') personId: string,
    @Query('for') positionId: string | undefined,
    @Query('asOf') asOf: string | undefined,
    @Query('procedure') procedureQuery: string | undefined,
    @CurrentActor() actor: Actor,
  ) {
    await this.assertPersonInScope(actor, personId);
    const wanted = PersonEligibility.positionIdFrom(positionId);
    const procedure = PersonEligibility.procedureFrom(procedureQuery);
    const day = parseAsOf(asOf)?.day ?? this.today();
    const target = await this.eligibilities.targetPost(wanted);
    await this.scope.assertPositionInScope(actor, wanted, 'for');
    if (procedure === 'rotation') return this.eligibilities.rotationOn(personId, target, day);
    return this.eligibilities.on(personId, target, day, actor);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres/:id/posts')
  @WritesPersonRecord()
  @ApiOperation({ summary: 'Record a post the person holds, with its term' })
  @ApiPersonWrite(AssignPostDto)
  async assignPost(
    @Param('id') personId: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    const { actor } = write;
    await this.assertManagesRecord(actor, personId);
    await this.assertPositionNamedInScope(actor, AssignPostDto, raw);
    const { positionId, from, termEnd, decisionRef, electedOn } = parseBody(AssignPostDto, raw);
    const position = await this.registry.findPosition(positionId);
    if (position) refuseUnelectedHold(position, electedOn, this.today());
    const elected = electedOn === undefined ? {} : { electedOn };
    const data = { personId, positionId, from, termEnd: termEnd ?? null, decisionRef, ...elected };
    // No holder past the post's seats on any day of the term; two records meet on its seat stream.
    return this.writePerson(personId, { type: 'AssignPost', data }, write, position ?? undefined);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('cadres/:id/planning-pool')
  @WritesPersonRecord()
  @ApiOperation({ summary: 'Add the person to the planning pool (quy hoạch) for a post and term' })
  @ApiPersonWrite(AddPlanningPoolEntryDto)
  async addPlanningPoolEntry(
    @Param('id') personId: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    await this.assertManagesRecord(write.actor, personId);
    await this.assertPositionNamedInScope(write.actor, AddPlanningPoolEntryDto, raw);
    const dto = parseBody(AddPlanningPoolEntryDto, raw);
    return this.writePerson(
      personId,
      { type: 'AddPlanningPoolEntry', data: { personId, ...dto } },
      write,
    );
  }

  @Allow(...ACCESS.registryWrite)
  @Delete('cadres/:id/planning-pool/:positionId')
  @WritesPersonRecord()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Take the person off the planning pool for a post; the decision and reason go in the query',
  })
  @ApiOkResponse({ type: PersonRecordDto })
  @ApiProblems(400, 404, 409, 422)
  @ApiQuery({ type: RemovePlanningPoolEntryDto })
  @AcceptsQuery('decisionRef', 'reason')
  async removePlanningPoolEntry(
    @Param('id') personId: string,
    @Param('positionId') positionId: string,
    // A DELETE carries no body (RFC 9110 gives it no meaning): the decision goes in the query,
    // checked after the caller's scope (as a body is), so one outside it learns nothing of it.
    @Query() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    await this.assertManagesRecord(write.actor, personId);
    await this.scope.assertPositionInScope(write.actor, positionId, 'positionId');
    const dto = parseQuery(RemovePlanningPoolEntryDto, raw);
    return this.writePerson(
      personId,
      { type: 'RemovePlanningPoolEntry', data: { personId, positionId, ...dto } },
      write,
    );
  }
}
