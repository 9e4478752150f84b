import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { CasesModule } from '../case/cases.module';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { ProcedureRegistry } from '../case/procedure-registry';
import { electionRecordSaga } from './election-record.saga';
import { electedPostTerm, electionOpening } from './election-rules';

@Injectable()
export class ElectionRecordRegistration implements OnModuleInit {
  constructor(private readonly sagas: SagasRuntime) {}

  onModuleInit(): void {
    this.sagas.register(electionRecordSaga);
  }
}

/**
 * Introducing a person for election to an elected post (giới thiệu nhân sự ứng cử) on the case
 * engine: the Party's steps to introduce them, the council's election (an `election` step) and the
 * higher authority's confirmation (phê chuẩn), which puts the post on the record for the council's term.
 */
@Module({
  imports: [CasesModule, CadresModule],
  providers: [ElectionRecordRegistration],
})
export class ElectionNominationModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'election',
      definitionIds: ['election.nomination'],
      onOpen: async ({ personId, positionId, context }) => {
        await registeredPerson(this.registry, personId);
        const position = await existingPosition(this.registry, positionId);
        return electionOpening(position, context.ruleSet);
      },
      decisionTerm: async (context) => (state, effectiveFrom, years) =>
        electedPostTerm(context.ruleSet, state, effectiveFrom, years),
    });
  }
}
