import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /** Runs the command on the record and answers it as it now stands, its ETag what If-Match takes. */
  private async write(personId: string, command: PersonCommand, write: WriteRequest) {
    await this.scope.assertManagesPersonRecord(write.actor, personId, 'id');
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
  @ApiOperation({
    summary:
      'Record a period the person is under investigation, abroad, in hospital, on maternity leave, …',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  record(
    @Param('id') personId: string,
    @Body() dto: RecordPersonStatusDto,
    @Write() write: WriteRequest,
  ) {
    const { status, from, until, note, fatherCareGround } = dto;
    const data = { personId, status, from, until: until ?? null, note };
    return this.write(
      personId,
      {
        type: 'RecordPersonStatus',
        data: fatherCareGround ? { ...data, fatherCareGround } : data,
      },
      write,
    );
  }

  @Allow(...ACCESS.registryWrite)
  @Post('end')
  @ApiOperation({
    summary:
      'Record the day a status period ended (the investigation closed, back from abroad): the period of that status starting on from ends on until',
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  end(
    @Param('id') personId: string,
    @Body() dto: EndPersonStatusDto,
    @Write() write: WriteRequest,
  ) {
    const { status, from, until, note } = dto;
    return this.write(
      personId,
      { type: 'EndPersonStatus', data: { personId, status, from, until, note } },
      write,
    );
  }
}
