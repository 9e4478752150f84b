import { SetMetadata } from '@nestjs/common';

export const SENSITIVE_READ = 'cadreflow:sensitive-read';

/** Marks a read that goes to the access log (who, what, when, why): personnel and discipline data. */
export const SensitiveRead = (what: string) => SetMetadata(SENSITIVE_READ, what);
