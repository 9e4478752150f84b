import {
  ApiProperty,
  ApiPropertyOptional,
  ApiPropertyOptions,
  getSchemaPath,
} from '@nestjs/swagger';

const STATUS = { type: String, enum: ['up', 'down'] };
const WHY_DOWN =
  'why it is down, when it is: the stall sentence, or the error of the check itself (then the other fields are absent)';

/** PostgreSQL, Redis, the event store: whether they answer. */
export class DependencyHealthDto {
  @ApiProperty(STATUS) status!: string;
  @ApiPropertyOptional({ description: 'why it does not answer' }) message?: string;
}

/** CHECKPOINT_PUBLIC_KEYS_DIR: whether every file of it is read. */
export class CheckpointKeysHealthDto {
  @ApiProperty({
    ...STATUS,
    description:
      'down (503) while a file of it cannot be read: no checkpoint is verified or signed',
  })
  status!: string;
  @ApiPropertyOptional({
    description:
      'the file that cannot be read and what is wrong with it, e.g. "CHECKPOINT_PUBLIC_KEYS_DIR <dir> cannot be read: k1.retired holds no ISO time (…)"',
  })
  message?: string;
}

/** This instance itself: down from the moment it begins to stop. */
export class ServiceHealthDto {
  @ApiProperty(STATUS) status!: string;
  @ApiPropertyOptional({ description: 'why it takes no new requests (it is stopping)' })
  message?: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'when it began to stop (a signal): it finishes the requests under way',
  })
  stoppingSince?: string;
}

/** One projection (read model) as `/health` sees it. */
export class ProjectionHealthDto {
  @ApiProperty({
    type: 'integer',
    description: 'events after its shared checkpoint (counted up to 10001)',
  })
  lag!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'its shared checkpoint; null before it has moved over any event',
  })
  position!: string | null;

  @ApiPropertyOptional({
    format: 'date-time',
    description:
      'only when stalled (the answer is then 503): events wait and its checkpoint has not moved for HEALTH_STALLED_AFTER_MS; the later of its last move and the first waiting event',
  })
  stalledSince?: string;

  @ApiPropertyOptional({
    description: "only when this instance's own runner of it is failing (503): the error",
  })
  failing?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'with failing: since when' })
  failingSince?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'with failing: how many tries failed' })
  attempts?: number;
}

/** A saga whose events wait with its checkpoint standing still. */
export class SagaStallDto {
  @ApiProperty({
    type: 'integer',
    description: 'events it subscribes to after its checkpoint (counted up to 10001)',
  })
  lag!: number;

  @ApiProperty({
    format: 'date-time',
    description: 'the later of its checkpoint’s last move and the first waiting event',
  })
  stalledSince!: string;

  @ApiPropertyOptional({
    description: 'only when this instance runs it and its runner is failing: the last error',
  })
  failing?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'with failing: since when' })
  failingSince?: string;
}

/** The projections check itself; each projection by name sits beside these (ProjectionHealthDto). */
export class ProjectionsCheckDto {
  @ApiProperty({
    ...STATUS,
    description:
      'down (503) when one is stalled (stalledSince) or this instance’s runner of it fails',
  })
  status!: string;

  @ApiPropertyOptional({
    type: [String],
    description:
      'projections whose rows an older version built: served as they are (still 200) until `npm run projections -- rebuild <name>`',
  })
  needsRebuild?: string[];

  @ApiPropertyOptional({
    description: `${WHY_DOWN}: "projection stalled: <name> <lag> events behind, not moved since <time> (<why>), …", the why naming this instance's runner failing and its error when it is; "projection failing: <name> runs on this instance and its runner is failing since <time>, <n> attempts in a row: <error>" before a stall`,
  })
  message?: string;
}

/** The sagas check itself; each stalled saga by name sits beside these (SagaStallDto). */
export class SagasCheckDto {
  @ApiProperty({ ...STATUS, description: 'down (503) when a saga is stalled' }) status!: string;

  @ApiPropertyOptional({
    description: `${WHY_DOWN}: "saga stalled: <name> <lag> events behind, not moved since <time> (<why>), …", the why naming this instance's runner failing and its error when it is`,
  })
  message?: string;
}

/** A job kind failing on this instance's worker (`jobs`, under the kind's name). */
export class JobKindFailingDto {
  @ApiProperty({ description: 'the last error' }) failing!: string;
  @ApiProperty({ format: 'date-time', description: 'since when' }) failingSince!: string;
  @ApiProperty({ type: 'integer', description: 'failures in a row' }) attempts!: number;
}

/** `jobs`: every job kind failing on this instance by name (`worker`: its own connection). */
export const JOBS_HEALTH: ApiPropertyOptions = {
  description:
    "each job kind failing on this instance's worker by name (timer.fire, saga.replay; worker: its connection) → JobKindFailingDto, none while all succeed; up all the same (the jobs are retried, then parked in dead_letters)",
  allOf: [
    { type: 'object', properties: { status: { type: 'string', enum: ['up'] } } },
    { type: 'object', additionalProperties: { $ref: getSchemaPath(JobKindFailingDto) } },
  ],
};

/** `projections`: its own fields, and every projection by name. */
export const PROJECTIONS_HEALTH: ApiPropertyOptions = {
  description:
    'each projection by name → ProjectionHealthDto, beside status, needsRebuild, message',
  allOf: [
    { $ref: getSchemaPath(ProjectionsCheckDto) },
    { type: 'object', additionalProperties: { $ref: getSchemaPath(ProjectionHealthDto) } },
  ],
};

/** `sagas`: its own fields, and every stalled saga by name (none while healthy). */
export const SAGAS_HEALTH: ApiPropertyOptions = {
  description:
    'each stalled saga by name → SagaStallDto (none listed while healthy), beside status',
  allOf: [
    { $ref: getSchemaPath(SagasCheckDto) },
    { type: 'object', additionalProperties: { $ref: getSchemaPath(SagaStallDto) } },
  ],
};

/** Timers (step deadlines, reminders): pending, without a job, overdue. */
export class TimersHealthDto {
  @ApiProperty({ ...STATUS, description: 'down (503) when withoutJob or overdue is not 0' })
  status!: string;

  @ApiPropertyOptional({ type: 'integer', description: 'timers not fired yet' })
  pending?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'pending timers due within the 15-minute queue horizon with no job in Redis (lost by Redis; until the reconciler queues them again). A timer due later has no job by design (queued when it comes within the horizon) and is not counted',
  })
  withoutJob?: number;

  @ApiPropertyOptional({
    type: 'integer',
    description:
      'timers still pending HEALTH_STALLED_AFTER_MS after their time, their firing not parked: no instance runs the timer worker, or it is stuck',
  })
  overdue?: number;

  @ApiPropertyOptional({
    format: 'date-time',
    description: 'with overdue: the time the earliest of them was due',
  })
  overdueSince?: string;

  @ApiPropertyOptional({
    description:
      'with overdue, only when this instance runs the timer worker and it is failing: the last error',
  })
  failing?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'with failing: since when' })
  failingSince?: string;

  @ApiPropertyOptional({ description: WHY_DOWN }) message?: string;
}

/** This instance's worker leases (instances that run workers only). */
export class LeasesHealthDto {
  @ApiProperty(STATUS) status!: string;
  @ApiPropertyOptional({ description: 'this instance, host:pid' }) instance?: string;
  @ApiPropertyOptional({ type: [String], description: 'the leases it holds' }) held?: string[];
  @ApiPropertyOptional({ type: [String], description: 'the leases it waits for' })
  waiting?: string[];
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description:
      'why it is down (503): its lease connection keeps failing, a lease held by no instance, or its lease keeper stopped finishing rounds',
  })
  problem?: string | null;
  @ApiPropertyOptional({ description: WHY_DOWN }) message?: string;
}
