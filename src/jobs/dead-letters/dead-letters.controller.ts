import { ApiAuthenticatedProblems, ApiProblems } from '../../common/openapi/api-problems.decorator';
import {
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Optional,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ACCESS, Allow } from '../../identity/allow.decorator';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { Actor } from '../../identity/actor';
import { CurrentActor } from '../../identity/current-actor.decorator';
import { DeadLetter, DeadLetterSource, DeadLetterStatus } from './dead-letter-store';
import { DeadLetterService } from './dead-letter.service';
import { OrgScope } from '../../identity/org-scope';
import { parseChoice, parseLimit } from '../../read-models/cursor';

const STATUSES: DeadLetterStatus[] = ['parked', 'replayed', 'resolved'];
const SOURCES: DeadLetterSource[] = ['timer', 'saga', 'job'];

export class DeadLetterView implements DeadLetter {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'timer:3f1c…', description: 'what failed, stable across retries' })
  key!: string;
  @ApiProperty({ enum: SOURCES }) source!: DeadLetterSource;
  @ApiProperty() queueName!: string;
  @ApiProperty({ example: 'timer.fire' }) jobName!: string;
  @ApiProperty() jobId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) jobData!: Record<string, unknown>;
  @ApiProperty() errorMessage!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) errorStack!: string | null;
  @ApiProperty({ description: 'attempts made, summed over replays' }) attempts!: number;
  @ApiProperty({ enum: STATUSES }) status!: DeadLetterStatus;
  @ApiProperty() firstFailedAt!: string;
  @ApiProperty() lastFailedAt!: string;
  @ApiProperty() parkedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) replayedAt!: string | null;
  @ApiProperty() replayCount!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedAt!: string | null;
}

function requireAdmin(actor: Actor): void {
  if (!actor.roles.includes('admin'))
    throw new ForbiddenException('dead letters are for the admin role');
}

/** Operators' view of work that failed every attempt: list it, replay it. */
@ApiTags('admin')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('admin/dead-letters')
export class DeadLettersController {
  constructor(
    @Inject(DeadLetterService) private readonly deadLetters: DeadLetterService,
    // Absent only where the module runs without identity (its own integration test).
    @Optional() private readonly scope?: OrgScope,
  ) {}

  /** An admin whose grant is a top-level unit: a dead letter's payload names any unit's case. */
  private async requireOperator(actor: Actor): Promise<void> {
    requireAdmin(actor);
    await this.scope?.assertTopLevelGrant(actor, 'dead letters');
  }

  @Allow(...ACCESS.admin)
  @Get()
  @ApiOperation({ summary: 'Jobs and saga events that failed every attempt (newest first)' })
  @ApiQuery({ name: 'status', required: false, enum: STATUSES })
  @ApiQuery({ name: 'source', required: false, enum: SOURCES })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiOkResponse({ type: DeadLetterView, isArray: true })
  @ApiProblems(400)
  async list(
    @CurrentActor() actor: Actor,
    @Query('status') status?: string,
    @Query('source') source?: string,
    @Query('limit') limit?: string,
  ): Promise<DeadLetter[]> {
    await this.requireOperator(actor);
    // Each refusal names its query parameter, as every list's does.
    return this.deadLetters.list({
      status: parseChoice<DeadLetterStatus>('status', status, STATUSES),
      source: parseChoice<DeadLetterSource>('source', source, SOURCES),
      limit: parseLimit(limit, 100, 1000),
    });
  }

  @Allow(...ACCESS.admin)
  @Get(':id')
  @ApiOkResponse({ type: DeadLetterView })
  @ApiOperation({ summary: 'One dead letter: what failed, why, how often' })
  @ApiProblems(404)
  async get(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DeadLetter> {
    await this.requireOperator(actor);
    const deadLetter = await this.deadLetters.get(id);
    if (!deadLetter) throw new NotFoundException(`dead letter ${id} not found`);
    return deadLetter;
  }

  @Allow(...ACCESS.admin)
  @Post(':id/replay')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Re-enqueue a parked job with fresh attempts; it becomes resolved when it succeeds',
  })
  @ApiResponse({ status: 202, type: DeadLetterView, description: 'queued again' })
  @ApiProblems(404, 409)
  async replay(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<DeadLetter> {
    await this.requireOperator(actor);
    const outcome = await this.deadLetters.replay(id);
    switch (outcome.kind) {
      case 'not-found':
        throw new NotFoundException(`dead letter ${id} not found`);
      case 'not-parked':
        throw new ConflictException(
          `dead letter ${id} is ${outcome.deadLetter.status}, only a parked one can be replayed`,
        );
      case 'replayed':
        return outcome.deadLetter;
      default: {
        const unexpected: never = outcome;
        return unexpected;
      }
    }
  }
}
