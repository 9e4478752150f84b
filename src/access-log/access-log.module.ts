import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { REFUSED_READS } from '../identity/refused-reads';
import { AccessLogController } from './access-log.controller';
import { AccessLogInterceptor } from './access-log.interceptor';
import { AccessLogWriter } from './access-log-writer';
import { NamesWithinGrant } from './names-within-grant';

/**
 * Sensitive reads are logged (who, what, when, why) and auditors can query the log. A read the
 * guards refuse (role, unknown grant unit) is written through REFUSED_READS.
 */
@Module({
  controllers: [AccessLogController],
  providers: [
    AccessLogWriter,
    { provide: REFUSED_READS, useExisting: AccessLogWriter },
    { provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor },
    NamesWithinGrant,
  ],
  exports: [REFUSED_READS],
})
export class AccessLogModule {}
