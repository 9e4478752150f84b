import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { Projection } from './projection';
import { PROJECTIONS_OPTIONS, ProjectionsOptions, ProjectionsService } from './projections.service';
import { PROJECTIONS } from './projections.tokens';

export interface ProjectionsModuleOptions extends Partial<ProjectionsOptions> {
  projections: Projection[];
  /** Modules providing PG_POOL and EVENT_STORE, unless those are global. */
  imports?: ModuleMetadata['imports'];
}

/** Runs the given read models' projections; `ProjectionsService.lags()` feeds the health check. */
@Module({})
export class ProjectionsModule {
  static register(options: ProjectionsModuleOptions): DynamicModule {
    return {
      module: ProjectionsModule,
      // Global so /health can read projection lag without importing the runner's configuration.
      global: true,
      imports: options.imports ?? [],
      providers: [
        { provide: PROJECTIONS, useValue: options.projections },
        {
          provide: PROJECTIONS_OPTIONS,
          useValue: { autoStart: options.autoStart ?? true } satisfies ProjectionsOptions,
        },
        ProjectionsService,
      ],
      exports: [ProjectionsService, PROJECTIONS],
    };
  }
}
