import { Module } from '@nestjs/common';
import { CadresController } from './cadres.controller';
import { RegistryService } from './registry.service';
import { PersonProfileController } from './person-profile.controller';
import { PlanningReviewsController } from './planning/planning-reviews.controller';
import { PlanningReviews } from './planning/planning-reviews.service';

@Module({
  controllers: [CadresController, PersonProfileController, PlanningReviewsController],
  providers: [RegistryService, PlanningReviews],
  exports: [RegistryService],
})
export class CadresModule {}
