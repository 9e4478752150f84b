import { applyDecorators, SetMetadata } from '@nestjs/common';
import { AcceptsQuery } from '../common/input/known-query-parameters.guard';
import { SensitiveReadKind } from './sensitive-read-kind';

export const SENSITIVE_READ = 'cadreflow:sensitive-read';

/**
 * Marks a read that goes to the access log (who, what, when, why): personnel and discipline data.
 * The why may come as `?purpose=`, which the access log reads, not the handler.
 */
export const SensitiveRead = (what: SensitiveReadKind) =>
  applyDecorators(SetMetadata(SENSITIVE_READ, what), AcceptsQuery('purpose'));
