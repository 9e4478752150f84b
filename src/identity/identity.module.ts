import { Global, Module } from '@nestjs/common';
import { OrgScope } from './org-scope';
import { RecordOrigins } from './record-origins';

/** Org-unit scope checks and where records began, available to every module. */
@Global()
@Module({ providers: [OrgScope, RecordOrigins], exports: [OrgScope, RecordOrigins] })
export class IdentityModule {}
