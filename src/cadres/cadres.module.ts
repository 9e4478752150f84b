import { Module } from '@nestjs/common';
import { CadresController } from './cadres.controller';
import { DISCIPLINE_STANDING } from './discipline-standing';
import { PersonDisciplineStanding } from './person-discipline-standing';
import { RegistryService } from './registry.service';

@Module({
  controllers: [CadresController],
  providers: [
    RegistryService,
    PersonDisciplineStanding,
    { provide: DISCIPLINE_STANDING, useExisting: PersonDisciplineStanding },
  ],
  exports: [RegistryService, DISCIPLINE_STANDING],
})
export class CadresModule {}
