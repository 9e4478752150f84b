import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { CadresModule } from '../cadres/cadres.module';
import { CasesModule } from '../procedures/case/cases.module';
import { CaseImport } from './case-import';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { ImportService } from './import.service';
import { ImportsController } from './imports.controller';
import { ReadImportFiles } from './read-import-files';

/** Starting mid-stream: the registry a unit kept on paper, imported from a spreadsheet. */
@Module({
  imports: [
    CadresModule,
    CasesModule,
    // The file stays in memory (no temporary files to clean up), so its size is capped; a larger
    // one is a 413 before it is read.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.IMPORT_LIMIT_BYTES, files: 1, fields: 0, parts: 1 },
      }),
    }),
  ],
  controllers: [ImportsController],
  providers: [ImportService, CaseImport, ReadImportFiles],
})
export class ImportsModule {}
