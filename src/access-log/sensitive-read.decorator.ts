import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';
import { AcceptsQuery } from '../common/input/known-query-parameters.guard';
import { PURPOSE_MAX_CHARS } from './purpose-max-chars';
import { SensitiveReadKind } from './sensitive-read-kind';

export const SENSITIVE_READ = 'cadreflow:sensitive-read';

/**
 * Marks a read that goes to the access log (who, what, when, why): personnel and discipline data.
 * The why may come as `?purpose=`, which the access log reads, not the handler: it is documented
 * here, so no such route takes a parameter its OpenAPI page does not show.
 */
export const SensitiveRead = (what: SensitiveReadKind) =>
  applyDecorators(
    SetMetadata(SENSITIVE_READ, what),
    AcceptsQuery('purpose'),
    ApiQuery({
      name: 'purpose',
      required: false,
      description: `why you read it, written to the access log (or the X-Purpose header); at most ${PURPOSE_MAX_CHARS} characters (access_log.purpose_too_long)`,
    }),
  );
