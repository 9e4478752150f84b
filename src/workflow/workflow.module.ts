import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { WORKFLOW_CATALOG, WorkflowCatalog } from './workflow-catalog';
import { projectRoot } from '../common/project-root';
import { CatalogController } from './catalog.controller';

/** Loads (and validates) definitions, rule sets and the calendar once, at start. */
@Global()
@Module({
  controllers: [CatalogController],
  providers: [
    {
      provide: WORKFLOW_CATALOG,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        WorkflowCatalog.load(
          {
            definitions: config.DEFINITIONS_DIR,
            ruleSets: config.RULE_SETS_DIR,
            calendar: config.CALENDAR_DIR,
          },
          projectRoot(),
        ),
    },
  ],
  exports: [WORKFLOW_CATALOG],
})
export class WorkflowModule {}
