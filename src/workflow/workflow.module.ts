import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { WORKFLOW_CATALOG, WorkflowCatalog } from './workflow-catalog';

/** Loads (and validates) definitions, rule sets and the calendar once, at start. */
@Global()
@Module({
  providers: [
    {
      provide: WORKFLOW_CATALOG,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        WorkflowCatalog.load({ definitions: config.DEFINITIONS_DIR, ruleSets: config.RULE_SETS_DIR, calendar: config.CALENDAR_DIR }, projectRoot()),
    },
  ],
  exports: [WORKFLOW_CATALOG],
})
export class WorkflowModule {}

/** Relative data folders are resolved from the project root, wherever the process was started. */
function projectRoot(): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:path').resolve(__dirname, '../..');
}
