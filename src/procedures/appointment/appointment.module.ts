import { Module, OnModuleInit } from '@nestjs/common';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { RegistryService } from '../../cadres/registry.service';
import { CadresModule } from '../../cadres/cadres.module';
import { refuseElectedPost, refusePostAlreadyHeld } from './elected-post';
import { refuseSeatsFullAtOpening } from './post-seats-at-opening';
import { refuseBlockingStatus } from '../case/decider/blocking-status';

/** Appointment (bổ nhiệm): internal and external source, on the generic case engine. */
@Module({ imports: [CasesModule, CadresModule] })
export class AppointmentModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'appointment',
      definitionIds: ['appointment.internal', 'appointment.external'],
      onOpen: async ({ personId, positionId, definition, context, registry = this.registry }) => {
        const position = await existingPosition(registry, positionId);
        refuseElectedPost(position, definition);
        await refuseSeatsFullAtOpening(
          (id, from) => this.registry.postSeats.holdsSince(id, from),
          position,
          personId,
          context.today,
        );
        // A post case opened without a proposed person: the nominations will name the people.
        if (!personId) return;
        const person = { state: await registeredPerson(registry, personId) };
        refusePostAlreadyHeld(person.state, personId, positionId, definition);
        const on = { ruleSet: context.ruleSet, day: context.today };
        refuseBlockingStatus(personId, person.state.statuses, on, {
          step: 'the appointment',
          field: 'personId',
        });
      },
    });
  }
}
