import { planningReviewStream } from './planning-review';
import { Body, Controller, Get, Inject, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Clock, CLOCK } from '../../common/clock';
import { IdempotentRequest } from '../../common/idempotency.interceptor';
import {
  ApiAuthenticatedProblems,
  ApiBodyProblems,
  ApiProblems,
} from '../../common/openapi/api-problems.decorator';
import { metadataFromRequest, RequestLike } from '../../common/request-metadata';
import { Actor } from '../../identity/actor';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { refuseOwnRecord } from '../../identity/own-record';
import { OrgScope } from '../../identity/org-scope';
import { parseLimit } from '../../read-models/cursor';
import { PlanningReviewDto, RecordPlanningReviewDto } from '../dto/planning-review.dto';
import { PlanningReviews } from './planning-reviews.service';

type Request = RequestLike & IdempotentRequest;

/** The periodic review of the planning pools (rà soát, bổ sung quy hoạch). */
@ApiTags('registry')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('planning-reviews')
export class PlanningReviewsController {
  constructor(
    private readonly reviews: PlanningReviews,
    private readonly scope: OrgScope,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Allow(...ACCESS.registryWrite)
  @Post()
  @ApiOperation({
    summary:
      "Record a review of a unit's planning pools: one event with who was added and who removed (and why); each change then goes on the person's record. Refused, writing nothing, when a pool would exceed the rule set's limits",
  })
  @ApiCreatedResponse({ type: PlanningReviewDto })
  @ApiBodyProblems()
  @ApiProblems(409, 422)
  async record(
    @Body() dto: RecordPlanningReviewDto,
    @CurrentActor() actor: Actor,
    @Req() request: Request,
  ) {
    await this.scope.assertUnitInScope(actor, dto.orgUnitId, 'orgUnitId');
    for (const [list, changes] of [
      ['removed', dto.removed],
      ['added', dto.added],
    ] as const) {
      for (const [index, change] of changes.entries()) {
        refuseOwnRecord(actor, change.personId, `${list}[${index}].personId`);
        await this.scope.assertManagesPersonRecord(
          actor,
          change.personId,
          `${list}[${index}].personId`,
        );
        await this.scope.assertPositionInScope(
          actor,
          change.positionId,
          `${list}[${index}].positionId`,
        );
      }
    }
    const { id, ...review } = dto;
    // An id another unit's review holds answers as outside the grant, before its content is
    // compared (before: 409 "already recorded with other content" told a commune the city's ids).
    if (await this.reviews.exists(id))
      await this.scope.assertStreamInScope(actor, planningReviewStream(id), 'id');
    const recorded = await this.reviews.record(
      {
        reviewId: id,
        ...review,
        added: dto.added.map(({ personId, positionId }) => ({ personId, positionId })),
        removed: dto.removed.map(({ personId, positionId, reason }) => ({
          personId,
          positionId,
          reason,
        })),
      },
      metadataFromRequest(request, actor, this.clock.now()),
    );
    const [unit] = await this.reviews.unitNames([recorded.orgUnitId]);
    return {
      ...recorded,
      orgUnitName: unit ?? recorded.orgUnitId,
      names: await this.reviews.names(recorded),
    };
  }

  @Allow(...ACCESS.personRead)
  @Get()
  @ApiOperation({ summary: 'Reviews of the planning pools in your unit and below, newest first' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiOkResponse({ type: [PlanningReviewDto] })
  @ApiProblems(400)
  list(@CurrentActor() actor: Actor, @Query('limit') limit?: string) {
    return this.reviews.list(actor.orgUnit, parseLimit(limit));
  }
}
