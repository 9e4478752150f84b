import { Module } from '@nestjs/common';
import { CadresController } from './cadres.controller';
import { DISCIPLINE_FACTS } from './discipline-facts';
import { PersonDisciplineFacts } from './person-discipline-facts';
import { RegistryService } from './registry.service';
import { PersonProfileController } from './person-profile.controller';
import { PlanningReviewsController } from './planning/planning-reviews.controller';
import { PlanningReviews } from './planning/planning-reviews.service';

@Module({
  controllers: [CadresController, PersonProfileController, PlanningReviewsController],
  providers: [
    RegistryService,
    PlanningReviews,
    PersonDisciplineFacts,
    { provide: DISCIPLINE_FACTS, useExisting: PersonDisciplineFacts },
  ],
  exports: [RegistryService, DISCIPLINE_FACTS],
})
export class CadresModule {}
