import { Module } from '@nestjs/common';
import { OrgUnitsController } from './org-units.controller';
import { PersonEligibility } from './person-eligibility';
import { CadresController } from './cadres.controller';
import { PersonRegistrationController } from './person-registration.controller';
import { RegistryService } from './registry.service';
import { PersonProfileController } from './person-profile.controller';
import { PersonStatusesController } from './person-statuses.controller';
import { PlanningReviewsController } from './planning/planning-reviews.controller';
import { PlanningReviews } from './planning/planning-reviews.service';
import { NominationsOnRecord } from './nominations-on-record';

@Module({
  controllers: [
    OrgUnitsController,
    PersonRegistrationController,
    CadresController,
    PersonProfileController,
    PersonStatusesController,
    PlanningReviewsController,
  ],
  providers: [RegistryService, PersonEligibility, PlanningReviews, NominationsOnRecord],
  exports: [RegistryService],
})
export class CadresModule {}
