import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { disciplineStandingFrom } from '../../cadres/discipline-standing';
import { RegistryService } from '../../cadres/registry.service';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { CasesModule } from '../case/cases.module';
import { registeredPerson } from '../case/opening-subjects';
import { ProcedureRegistry } from '../case/procedure-registry';
import { removalDecisionTerm } from './removal-decision';
import { removalOpening } from './removal-grounds';
import { REMOVAL_RECORD_HANDLERS } from './removal-record.handlers';
import { removalRecordSaga } from './removal-record.saga';

export const REMOVAL_DEFINITIONS = [
  'removal.dismissal',
  'removal.resignation',
  'removal.relief',
  'removal.suspension',
];

/** The removal saga, registered at start like every saga. */
@Injectable()
export class RemovalRecordRegistration implements OnModuleInit {
  constructor(private readonly sagas: SagasRuntime) {}

  onModuleInit(): void {
    this.sagas.register(removalRecordSaga);
  }
}

/**
 * Dismissal (miễn nhiệm), resignation (từ chức), relief from post (cho thôi giữ chức vụ) and
 * suspension (tạm đình chỉ công tác) on the generic case engine: the grounds are checked when the
 * case opens; the decision ends the post (or, for a suspension, records the period) on the record.
 */
@Module({
  imports: [CasesModule, CadresModule],
  providers: [...REMOVAL_RECORD_HANDLERS, RemovalRecordRegistration],
})
export class RemovalModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'removal',
      definitionIds: REMOVAL_DEFINITIONS,
      onOpen: async ({ personId, positionId, definition, context, grounds }) => {
        const person = await registeredPerson(this.registry, personId);
        const talkDays = definition.steps[0].deadline?.workingDays;
        const standing = disciplineStandingFrom(person.discipline, person.openCases, context.today);
        return removalOpening({
          definitionId: definition.id,
          positionId,
          grounds,
          record: {
            posts: person.posts,
            statuses: person.statuses,
            ratings: person.ratings,
            disciplineInEffect: standing.bars,
            openDisciplineCases: standing.openCases,
          },
          today: context.today,
          ruleSet: context.ruleSet,
          ...(talkDays ? { talk: { workingDays: talkDays, calendar: context.calendar } } : {}),
        });
      },
      decisionTerm: async (context) => (_state, effectiveFrom) =>
        removalDecisionTerm(context.definition, context.ruleSet, effectiveFrom),
    });
  }
}
