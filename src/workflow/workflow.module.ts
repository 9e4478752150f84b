import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { WORKFLOW_CATALOG, WorkflowCatalog } from './workflow-catalog';
import { projectRoot } from '../common/project-root';
import { CatalogController } from './catalog.controller';

/**
 * Definitions, rule sets and the calendar, loaded (and validated) once. main.ts loads them before
 * anything else starts, to refuse a broken file or an empty folder in one line, and hands that
 * catalog here; a module built without it (a test, a bench) loads it from the configured folders.
 */
@Global()
@Module({})
export class WorkflowModule {
  static forRoot(catalog?: WorkflowCatalog): DynamicModule {
    return {
      module: WorkflowModule,
      controllers: [CatalogController],
      providers: [catalog ? { provide: WORKFLOW_CATALOG, useValue: catalog } : loadedFromConfig],
      exports: [WORKFLOW_CATALOG],
    };
  }
}

const loadedFromConfig: Provider = {
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
};
