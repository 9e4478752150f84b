import { Module } from '@nestjs/common';
import { CadresController } from './cadres.controller';
import { DISCIPLINE_FACTS } from './discipline-facts';
import { PersonDisciplineFacts } from './person-discipline-facts';
import { RegistryService } from './registry.service';

@Module({
  controllers: [CadresController],
  providers: [
    RegistryService,
    PersonDisciplineFacts,
    { provide: DISCIPLINE_FACTS, useExisting: PersonDisciplineFacts },
  ],
  exports: [RegistryService, DISCIPLINE_FACTS],
})
export class CadresModule {}
