import { Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { SagasRuntime } from '../../sagas/sagas-runtime';
import { refuseElectedPost } from '../appointment/elected-post';
import { CasesModule } from '../case/cases.module';
import { registeredPerson } from '../case/opening-subjects';
import { ProcedureRegistry } from '../case/procedure-registry';
import { extensionRecordSaga } from './extension-record.saga';
import { EXTENSION_RECORD_HANDLERS } from './extension-record.handlers';
import { extensionOpening, extensionTerm } from './extension-rules';

@Injectable()
export class ExtensionRecordRegistration implements OnModuleInit {
  constructor(private readonly sagas: SagasRuntime) {}

  onModuleInit(): void {
    this.sagas.register(extensionRecordSaga);
  }
}

/** Extension of a term to retirement (kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu). */
@Module({
  imports: [CasesModule, CadresModule],
  providers: [...EXTENSION_RECORD_HANDLERS, ExtensionRecordRegistration],
})
export class ExtensionModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'extension',
      definitionIds: ['extension.to-retirement'],
      onOpen: async ({ personId, positionId, definition, context }) => {
        const person = await registeredPerson(this.registry, personId);
        const position = await this.registry.findPosition(positionId);
        if (position) refuseElectedPost(position, definition);
        const { dateOfBirth, gender } = person.profile;
        return extensionOpening({
          positionId,
          posts: person.posts,
          person: { dateOfBirth, gender },
          today: context.today,
          ruleSet: context.ruleSet,
          calendar: context.calendar,
        });
      },
      decisionTerm: async (context, state) => {
        const person = await registeredPerson(this.registry, state.personId);
        const { dateOfBirth, gender } = person.profile;
        return (_state, effectiveFrom) =>
          extensionTerm(context.ruleSet, { dateOfBirth, gender }, effectiveFrom);
      },
    });
  }
}
