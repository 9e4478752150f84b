import { Module, ModuleMetadata } from '@nestjs/common';
import { AuditController } from './audit.controller';

/**
 * History, verification and exports for auditors. Needs PG_POOL and EVENT_STORE from a global
 * module (or pass the providing modules to `AuditModule.withImports`). The read model it serves
 * is kept up to date by ProjectionsModule (audit_history projection).
 */
@Module({ controllers: [AuditController] })
export class AuditModule {
  static withImports(imports: NonNullable<ModuleMetadata['imports']>) {
    return { module: AuditModule, imports };
  }
}
