import { planningReviewStream } from './planning-review';
import { Body, Controller, Get, Inject, Post, Query, Req } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
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
import {
  PLANNING_REVIEW_MAX_CHANGES,
  PlanningReviewAdditionDto,
  PlanningReviewDto,
  PlanningReviewRemovalDto,
  RecordPlanningReviewDto,
} from '../dto/planning-review.dto';
import { entriesNamed, idsNamed } from '../../common/http/ids-named-in-body';
import { parseBody } from '../../procedures/case/step-body-validation';
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
  @ApiBody({ type: RecordPlanningReviewDto })
  async record(@Body() raw: unknown, @CurrentActor() actor: Actor, @Req() request: Request) {
    await this.assertNamedInScope(actor, raw);
    const dto = parseBody(RecordPlanningReviewDto, raw);
    const { id, ...review } = dto;
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

  /**
   * The unit, each person and post the review's body names, and its id, asked of the grant before
   * the body is checked (`parseBody`): a caller outside the grant is told so, not which field of
   * the body is wrong.
   */
  private async assertNamedInScope(actor: Actor, raw: unknown): Promise<void> {
    const { id, orgUnitId } = idsNamed(RecordPlanningReviewDto, raw, ['id', 'orgUnitId']);
    if (orgUnitId !== undefined) await this.scope.assertUnitInScope(actor, orgUnitId, 'orgUnitId');
    for (const [list, entryDto] of [
      ['removed', PlanningReviewRemovalDto],
      ['added', PlanningReviewAdditionDto],
    ] as const) {
      for (const [index, entry] of entriesNamed(raw, list, PLANNING_REVIEW_MAX_CHANGES).entries()) {
        const at = `${list}[${index}]`;
        const { personId, positionId } = idsNamed(entryDto, entry, ['personId', 'positionId']);
        refuseOwnRecord(actor, personId, `${at}.personId`);
        if (personId !== undefined)
          await this.scope.assertManagesPersonRecord(actor, personId, `${at}.personId`);
        if (positionId !== undefined)
          await this.scope.assertPositionInScope(actor, positionId, `${at}.positionId`);
      }
    }
    // An id another unit's review holds answers as outside the grant, before its content is
    // compared (before: 409 "already recorded with other content" told a commune the city's ids).
    if (id !== undefined && (await this.reviews.exists(id)))
      await this.scope.assertStreamInScope(actor, planningReviewStream(id), 'id');
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
