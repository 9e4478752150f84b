import { Global, Module } from '@nestjs/common';
import { OrgScope } from './org-scope';
import { CaseIdCoverage } from '../procedures/case/case-id-coverage';
import { PersonRegistrations } from './person-registrations';
import { RecordOrigins } from './record-origins';

/** Org-unit scope checks and where records began, available to every module. */
@Global()
@Module({
  providers: [OrgScope, RecordOrigins, PersonRegistrations, CaseIdCoverage],
  exports: [OrgScope, RecordOrigins, PersonRegistrations, CaseIdCoverage],
})
export class IdentityModule {}
