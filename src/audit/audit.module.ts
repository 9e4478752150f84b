import { Module, ModuleMetadata } from '@nestjs/common';
import { AuditController } from './audit.controller';
import { AuditCheckpointsController } from './audit-checkpoints.controller';
import { AuditExportController } from './audit-export.controller';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { AppConfig } from '../config/app-config';
import {
  CHECKPOINT_AUTO_START,
  CHECKPOINT_SETTINGS,
  CheckpointService,
} from './checkpoints/checkpoint.service';
import { resolveCheckpointSettings } from './checkpoints/checkpoint-settings';

/**
 * History, verification, signed checkpoints and exports for auditors. Needs PG_POOL and
 * EVENT_STORE from a global module (or pass the providing modules to `AuditModule.withImports`).
 * The read model it serves is kept up to date by ProjectionsModule (audit_history projection).
 * Checkpoints follow the CHECKPOINT_* settings of APP_CONFIG (none without it: the module's own test).
 */
@Module({
  controllers: [AuditController, AuditCheckpointsController, AuditExportController],
  providers: [
    {
      provide: CHECKPOINT_SETTINGS,
      inject: [{ token: APP_CONFIG, optional: true }],
      useFactory: (config?: AppConfig) => resolveCheckpointSettings(config ?? {}),
    },
    {
      provide: CHECKPOINT_AUTO_START,
      inject: [{ token: APP_CONFIG, optional: true }],
      useFactory: (config?: AppConfig) => config?.RUN_WORKERS === 'true',
    },
    CheckpointService,
  ],
  exports: [CheckpointService],
})
export class AuditModule {
  static withImports(imports: NonNullable<ModuleMetadata['imports']>) {
    return { module: AuditModule, imports };
  }
}
