import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '../common/clock';
import { withEtag } from '../common/http/etag';
import { parseIfMatch } from '../common/http/if-match';
import { Write, WriteRequest } from '../common/http/route-request.decorator';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../common/openapi/api-problems.decorator';
import { metadataFromRequest } from '../common/request-metadata';
import { vietnamDay } from '../common/vietnam-day';
import { ACCESS, Allow } from '../identity/allow.decorator';
import { OrgScope } from '../identity/org-scope';
import { WritesPersonRecord } from '../identity/own-record';
import { EndPersonStatusDto, RecordPersonStatusDto } from './dto/person-record.dto';
import { PersonRecordDto } from './dto/registry-views.dto';
import { PersonCommand } from './person/person.decider';
import { personViewFor } from './open-cases-in-grant';
import { RegistryService } from './registry.service';
import { parseBody } from '../procedures/case/step-body-validation';

/**
 * The circumstances on a person's record that hold procedures back (under investigation, abroad,
 * in hospital, on maternity leave, …): a period recorded, and the day an open one ended.
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('cadres/:id/statuses')
// Every route here writes the record `:id` names.
@WritesPersonRecord()
export class PersonStatusesController {
  constructor(
    private readonly registry: RegistryService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly scope: OrgScope,
  ) {}

  /**
   * Runs the command on the record and answers it as it now stands, its ETag what If-Match takes.
   * The record's scope is asked before the body is checked against its DTO (`parseBody`): a
   * caller outside the grant is told so, not which field of the body is wrong.
   */
  private async write<T extends object>(
    personId: string,
    body: { raw: unknown; dto: new () => T },
    commandOf: (dto: T) => PersonCommand,
    write: WriteRequest,
  ) {
    await this.scope.assertManagesPersonRecord(write.actor, personId, 'id');
    const command = commandOf(parseBody(body.dto, body.raw));
    const written = await this.registry.runPersonCommand(
      personId,
      command,
      metadataFromRequest(write.request, write.actor, this.clock.now()),
      // If-Match: the record's revision the writer last read (409 with the current one if moved).
      { idSeed: write.request.idempotencySeed, ifMatch: parseIfMatch(write.ifMatch) },
    );
    const today = vietnamDay(this.clock.now());
    // The record's ETag, as its profile and post writes answer it, so the next write can send it
    // back as If-Match (before: no ETag here, and a client had to read the record again).
    const view = await personViewFor(this.scope, write.actor, personId, written, today);
    return withEtag(write.response, view);
  }

  @Allow(...ACCESS.registryWrite)
  @Post()
  @ApiBody({ type: RecordPersonStatusDto })
  @ApiOperation({
    summary:
      'Record a period the person is under investigation, abroad, in hospital, on maternity leave, …',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  record(@Param('id') personId: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const recording = (dto: RecordPersonStatusDto): PersonCommand => {
      const { status, from, until, note, fatherCareGround } = dto;
      const data = { personId, status, from, until: until ?? null, note };
      return {
        type: 'RecordPersonStatus',
        data: fatherCareGround ? { ...data, fatherCareGround } : data,
      };
    };
    return this.write(personId, { raw, dto: RecordPersonStatusDto }, recording, write);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('end')
  @ApiBody({ type: EndPersonStatusDto })
  @ApiOperation({
    summary:
      'Record the day a status period ended (the investigation closed, back from abroad): the period of that status starting on from ends on until',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  end(@Param('id') personId: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    const ending = ({ status, from, until, note }: EndPersonStatusDto): PersonCommand => ({
      type: 'EndPersonStatus',
      data: { personId, status, from, until, note },
    });
    return this.write(personId, { raw, dto: EndPersonStatusDto }, ending, write);
  }
}
