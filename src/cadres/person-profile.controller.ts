import { parseIfMatch } from '../common/http/if-match';
import { withEtag } from '../common/http/etag';
import { Write, WriteRequest } from '../common/http/route-request.decorator';
import { RegistryRuleViolation } from './registry-rule-violation';
import { Body, Controller, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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

  /** Runs the command on the record and answers it as it now stands, its ETag what If-Match takes. */
  private async record(personId: string, write: WriteRequest, command: PersonProfileCommand) {
    await this.scope.assertManagesPersonRecord(write.actor, personId, 'id');
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
  @ApiOperation({ summary: 'Record where the person comes from (quê quán)' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  placeOfOrigin(
    @Param('id') personId: string,
    @Body() dto: RecordPlaceOfOriginDto,
    @Write() write: WriteRequest,
  ) {
    return this.record(personId, write, {
      type: 'RecordPlaceOfOrigin',
      data: { personId, province: dto.province.trim(), locality: dto.locality.trim() },
    });
  }

  @Allow(...ACCESS.registryWrite)
  @Post('management-tier')
  @ApiOperation({ summary: 'Record which body manages the person (diện quản lý), from a day' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  managementTier(
    @Param('id') personId: string,
    @Body() dto: RecordManagementTierDto,
    @Write() write: WriteRequest,
  ) {
    return this.record(personId, write, {
      type: 'RecordManagementTier',
      data: { personId, ...dto },
    });
  }

  @Allow(...ACCESS.registryWrite)
  @Post('civil-service-rank')
  @ApiOperation({ summary: 'Record the civil-service rank (ngạch), from a day' })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  civilServiceRank(
    @Param('id') personId: string,
    @Body() dto: RecordCivilServiceRankDto,
    @Write() write: WriteRequest,
  ) {
    return this.record(personId, write, {
      type: 'RecordCivilServiceRank',
      data: { personId, ...dto },
    });
  }

  @Allow(...ACCESS.registryWrite)
  @Post('ratings')
  @ApiOperation({
    summary:
      "Record a year's evaluation and rating (đánh giá, xếp loại chất lượng); a second one for the year corrects it",
  })
  @ApiCreatedResponse({ type: PersonRecordDto })
  @ApiBodyProblems()
  @ApiProblems(404, 409, 422)
  rating(
    @Param('id') personId: string,
    @Body() dto: RecordAnnualRatingDto,
    @Write() write: WriteRequest,
  ) {
    // A rating is made on a day that has come (before: a rating evaluated on a day ahead was kept).
    const today = vietnamDay(this.clock.now());
    if (dto.evaluatedOn > today)
      throw new RegistryRuleViolation(
        'rating.evaluated_in_the_future',
        `evaluatedOn: ${dto.evaluatedOn} is after today (${today})`,
        'invalid',
        'evaluatedOn',
      );
    return this.record(personId, write, {
      type: 'RecordAnnualRating',
      data: { personId, ...dto, note: dto.note ?? '' },
    });
  }
}
