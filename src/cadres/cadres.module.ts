import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { PersonEligibility } from './person-eligibility';
import { CadresController } from './cadres.controller';
import { DISCIPLINE_FACTS } from './discipline-facts';
import { PersonDisciplineFacts } from './person-discipline-facts';
import { RegistryService } from './registry.service';

@Module({
  controllers: [OrgUnitsController, CadresController],
  providers: [
    RegistryService,
    PersonDisciplineFacts,
    PersonEligibility,
    { provide: DISCIPLINE_FACTS, useExisting: PersonDisciplineFacts },
  ],
  exports: [RegistryService, DISCIPLINE_FACTS],
})
export class CadresModule {}
