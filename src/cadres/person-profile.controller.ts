import { parseIfMatch } from '../common/http/if-match';
import { withEtag } from '../common/http/etag';
import { Write, WriteRequest } from '../common/http/route-request.decorator';
import { RegistryRuleViolation } from './registry-rule-violation';
import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CLOCK } from '../common/clock';
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
import {
  RecordAnnualRatingDto,
  RecordCivilServiceRankDto,
  RecordManagementTierDto,
  RecordPlaceOfOriginDto,
} from './dto/person-profile.dto';
import { PersonRecordDto } from './dto/registry-views.dto';
import { PersonProfileCommand } from './person/person-profile';
import { personViewFor } from './open-cases-in-grant';
import { RegistryService } from './registry.service';
import { parseBody } from '../procedures/case/step-body-validation';

/**
 * The profile facts of a person's record: place of origin, management tier, civil-service rank,
 * the yearly rating. Each is one registry command (`Record…`), the same an importer sends.
 */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('cadres/:id')
// Every route here writes the record `:id` names.
@WritesPersonRecord()
export class PersonProfileController {
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
  private async record<T extends object>(
    personId: string,
    write: WriteRequest,
    body: { raw: unknown; dto: new () => T },
    commandOf: (dto: T) => PersonProfileCommand,
  ) {
    await this.scope.assertManagesPersonRecord(write.actor, personId, 'id');
    const command = commandOf(parseBody(body.dto, body.raw));
    const written = await this.registry.runPersonCommand(
      personId,
      command,
      metadataFromRequest(write.request, write.actor, this.clock.now()),
      { idSeed: write.request.idempotencySeed, ifMatch: parseIfMatch(write.ifMatch) },
    );
    const today = vietnamDay(this.clock.now());
    const view = await personViewFor(this.scope, write.actor, personId, written, today);
    return withEtag(write.response, view);
  }

  @Allow(...ACCESS.registryWrite)
  @Post('place-of-origin')
  @ApiBody({ type: RecordPlaceOfOriginDto })
  @ApiOperation({ summary: 'Record where the person comes from (quê quán)' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  placeOfOrigin(@Param('id') personId: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    return this.record(personId, write, { raw, dto: RecordPlaceOfOriginDto }, (dto) => ({
      type: 'RecordPlaceOfOrigin',
      data: { personId, province: dto.province.trim(), locality: dto.locality.trim() },
    }));
  }

  @Allow(...ACCESS.registryWrite)
  @Post('management-tier')
  @ApiBody({ type: RecordManagementTierDto })
  @ApiOperation({ summary: 'Record which body manages the person (diện quản lý), from a day' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  managementTier(
    @Param('id') personId: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    return this.record(personId, write, { raw, dto: RecordManagementTierDto }, (dto) => ({
      type: 'RecordManagementTier',
      data: { personId, ...dto },
    }));
  }

  @Allow(...ACCESS.registryWrite)
  @Post('civil-service-rank')
  @ApiBody({ type: RecordCivilServiceRankDto })
  @ApiOperation({ summary: 'Record the civil-service rank (ngạch), from a day' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  civilServiceRank(
    @Param('id') personId: string,
    @Body() raw: unknown,
    @Write() write: WriteRequest,
  ) {
    return this.record(personId, write, { raw, dto: RecordCivilServiceRankDto }, (dto) => ({
      type: 'RecordCivilServiceRank',
      data: { personId, ...dto },
    }));
  }

  @Allow(...ACCESS.registryWrite)
  @Post('ratings')
  @ApiBody({ type: RecordAnnualRatingDto })
  @ApiOperation({
    summary:
      "Record a year's evaluation and rating (đánh giá, xếp loại chất lượng); a second one for the year corrects it",
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  rating(@Param('id') personId: string, @Body() raw: unknown, @Write() write: WriteRequest) {
    return this.record(personId, write, { raw, dto: RecordAnnualRatingDto }, (dto) => {
      // A rating is made on a day that has come (before: a rating evaluated on a day ahead was kept).
      const today = vietnamDay(this.clock.now());
      if (dto.evaluatedOn > today)
        throw new RegistryRuleViolation(
          'rating.evaluated_in_the_future',
          `evaluatedOn: ${dto.evaluatedOn} is after today (${today})`,
          'invalid',
          'evaluatedOn',
        );
      return { type: 'RecordAnnualRating', data: { personId, ...dto, note: dto.note ?? '' } };
    });
  }
}
