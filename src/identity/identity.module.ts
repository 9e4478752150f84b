import { Global, Module } from '@nestjs/common';
import { OrgScope } from './org-scope';

/** Org-unit scope checks, available to every module. */
@Global()
@Module({ providers: [OrgScope], exports: [OrgScope] })
export class IdentityModule {}
