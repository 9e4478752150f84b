import { Module } from '@nestjs/common';
import { CadresController } from './cadres.controller';
import { RegistryService } from './registry.service';

@Module({
  controllers: [CadresController],
  providers: [RegistryService],
  exports: [RegistryService],
})
export class CadresModule {}
