import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { PersonEligibility } from './person-eligibility';
import { CadresController } from './cadres.controller';
import { RegistryService } from './registry.service';

@Module({
  controllers: [OrgUnitsController, CadresController],
  providers: [RegistryService, PersonEligibility],
  exports: [RegistryService],
})
export class CadresModule {}
