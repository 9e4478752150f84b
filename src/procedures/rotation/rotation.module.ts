import { Module, OnModuleInit } from '@nestjs/common';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { rotationOpening, rotationTerm } from './rotation-rules';

/** Rotation (luân chuyển) and transfer (điều động): both run in `rotation-<id>` streams. */
@Module({ imports: [CasesModule, CadresModule] })
export class RotationModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'rotation',
      definitionIds: ['rotation.standard', 'transfer.standard'],
      aliases: { transfer: ['transfer.standard'] },
      onOpen: async ({ personId, positionId, definition, context }) => {
        const person = { state: await registeredPerson(this.registry, personId) };
        const target = await existingPosition(this.registry, positionId);
        const planningPool = await Promise.all(
          person.state.planningPool.map(async (entry) => ({
            ...entry,
            rank: (await this.registry.findPosition(entry.positionId))?.rank ?? null,
          })),
        );
        return rotationOpening({
          definition,
          target: { id: target.id, rank: target.rank },
          planningPool,
          person: {
            dateOfBirth: person.state.profile.dateOfBirth,
            gender: person.state.profile.gender,
          },
          today: context.today,
          ruleSet: context.ruleSet,
        });
      },
      decisionTerm: async (context) => (_state, effectiveFrom, years) =>
        rotationTerm(context.ruleSet, effectiveFrom, years, context.definition.minDurationParam!),
    });
  }
}
