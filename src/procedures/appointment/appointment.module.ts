import { Module, OnModuleInit } from '@nestjs/common';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { RegistryService } from '../../cadres/registry.service';
import { CadresModule } from '../../cadres/cadres.module';
import { refuseElectedPost, refusePostAlreadyHeld } from './elected-post';
import { refuseSeatsFullAtOpening } from './post-seats-at-opening';
import { refuseBlockingStatus } from '../case/decider/blocking-status';
import { refuseByDefinitionOpeningChecks } from '../case/definition-opening-checks';
import { refuseOpenDisciplineCase } from '../case/decider/open-discipline-case';
import { disciplineStandingFrom } from '../../cadres/discipline-standing';
import { disciplineCasesOutOfGrant } from '../../cadres/open-cases-in-grant';
import { OrgScope } from '../../identity/org-scope';

/** Appointment (bổ nhiệm): internal and external source, on the generic case engine. */
@Module({ imports: [CasesModule, CadresModule] })
export class AppointmentModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly scope: OrgScope,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'appointment',
      definitionIds: ['appointment.internal', 'appointment.external'],
      // The retirement age reached (`openingChecks`) is judged after the statuses, before an open
      // discipline case, on the record read here (the competitive examination's opening too).
      judgesDefinitionChecks: true,
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
        refusePostAlreadyHeld(person.state, personId, positionId, definition, context.today);
        const on = { ruleSet: context.ruleSet, day: context.today };
        const where = { step: 'the appointment', field: 'personId' };
        refuseBlockingStatus(personId, person.state.statuses, on, where);
        refuseByDefinitionOpeningChecks(definition, personId, person.state.profile, on);
        // An open discipline case holds it back from the opening as it does at the decision; one
        // opened after the day a case kept on paper began did not hold that opening back. The
        // refusal is read by the opener: a case a unit above opened out of their grant is told
        // of, not named.
        const openCases = person.state.openCases.filter((open) => open.since <= on.day);
        const outOfGrant = await disciplineCasesOutOfGrant(
          openCases,
          this.scope,
          context.actor.orgUnit,
        );
        const { discipline } = person.state;
        const standing = disciplineStandingFrom(discipline, openCases, on.day, outOfGrant);
        refuseOpenDisciplineCase(personId, standing, on.ruleSet, where);
      },
    });
  }
}
