import { Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
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
        const person = await this.registry.loadPerson(personId);
        if (person.state.status !== 'registered')
          throw new DomainRuleViolation(
            'person.not_found',
            `personId: person ${personId} is not registered`,
            'unprocessable',
            'personId',
          );
        const target = await this.registry.findPosition(positionId);
        if (!target)
          throw new DomainRuleViolation(
            'position.not_found',
            `positionId: position ${positionId} does not exist`,
            'unprocessable',
            'positionId',
          );
        const planningPool = await Promise.all(
          person.state.planningPool.map(async (entry) => ({
            ...entry,
            rank: (await this.registry.findPosition(entry.positionId))?.rank ?? null,
          })),
        );
        return rotationOpening({
          definitionId: definition.id,
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
        rotationTerm(context.ruleSet, effectiveFrom, years),
    });
  }
}
