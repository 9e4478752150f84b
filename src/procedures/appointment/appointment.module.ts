import { Module, OnModuleInit } from '@nestjs/common';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { RegistryService } from '../../cadres/registry.service';
import { CadresModule } from '../../cadres/cadres.module';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { refuseElectedPost } from './elected-post';

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
      onOpen: async ({ personId, positionId }) => {
        const person = await this.registry.loadPerson(personId);
        if (person.state.status !== 'registered')
          throw new DomainRuleViolation(
            'person.not_found',
            `personId: person ${personId} is not registered`,
            'unprocessable',
            'personId',
          );
        const position = await this.registry.findPosition(positionId);
        if (!position)
          throw new DomainRuleViolation(
            'position.not_found',
            `positionId: position ${positionId} does not exist`,
            'unprocessable',
            'positionId',
          );
        refuseElectedPost(position);
        if (person.state.posts.some((post) => post.positionId === positionId)) {
          throw new DomainRuleViolation(
            'appointment.already_holds_post',
            `${personId} already holds ${positionId}; use re-appointment`,
            'unprocessable',
            'positionId',
          );
        }
      },
    });
  }
}
