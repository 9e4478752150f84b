import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessLogController } from './access-log.controller';
import { AccessLogInterceptor } from './access-log.interceptor';
import { NamesWithinGrant } from './names-within-grant';

/** Sensitive reads are logged (who, what, when, why) and auditors can query the log. */
@Module({
  controllers: [AccessLogController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: AccessLogInterceptor }, NamesWithinGrant],
})
export class AccessLogModule {}
