import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, Observable, throwError } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';

const KIB = 1024;
const MIB = 1024 * KIB;

/** A size as a clerk reads it: `5 MB`, `512 KB` (two decimals at most). */
export function sizeInWords(bytes: number): string {
  const [unit, name] = bytes >= MIB ? [MIB, 'MB'] : [KIB, 'KB'];
  return `${Math.round((bytes / unit) * 100) / 100} ${name}`;
}

/** The refusal of an import file past IMPORT_LIMIT_BYTES: the field, the limit, what to do. */
export function importFileTooLarge(limitBytes: number): PayloadTooLargeException {
  return new PayloadTooLargeException({
    rule: 'body.too_large',
    field: 'file',
    limitBytes,
    message: `file: the file is larger than ${sizeInWords(limitBytes)} (${limitBytes} bytes), the most one import reads; split it into smaller files`,
  });
}

/**
 * Bound before the file interceptor: multer stops reading at IMPORT_LIMIT_BYTES with its own
 * "File too large", which names neither the field nor the limit (multer does not know the limit
 * it was given); the import's configured limit is said instead.
 */
@Injectable()
export class ImportFileSizeRefusal implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            isFileSizeLimit(error) ? importFileTooLarge(this.config.IMPORT_LIMIT_BYTES) : error,
          ),
        ),
      );
  }
}

/** Nest keeps multer's error (code LIMIT_FILE_SIZE) as the cause of its 413. */
function isFileSizeLimit(error: unknown): boolean {
  return (
    error instanceof PayloadTooLargeException &&
    (error.cause as { code?: unknown } | undefined)?.code === 'LIMIT_FILE_SIZE'
  );
}
