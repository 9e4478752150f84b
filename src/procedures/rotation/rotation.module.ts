import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { postLeftByBatchCase } from '../transfer-batch/transfer-batch-post-left';
import { refuseMoveFromPostNotHeld } from './post-left';
import { CaseContext } from '../case/decider/case.context';
import { ExistingCase } from '../case/decider/case.state';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { CasesModule } from '../case/cases.module';
import { ProcedureRegistry } from '../case/procedure-registry';
import { leadershipPostTerm, rotationOpening, rotationTerm } from './rotation-rules';
import { rotationOpeningInput } from './rotation-opening-input';
import { refuseMoveInto } from './move-into-refusal';
import { refuseByDefinitionOpeningChecks } from '../case/definition-opening-checks';

/** Rotation (luân chuyển) and transfer (điều động): both run in `rotation-<id>` streams. */
@Module({ imports: [CasesModule, CadresModule] })
export class RotationModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'rotation',
      definitionIds: ['rotation.standard', 'transfer.standard'],
      aliases: { transfer: ['transfer.standard'] },
      // The retirement age reached (`openingChecks`) is among the move's checks, before the
      // planning pool and the years left (`rotationOpeningRefusals`), on the record read here.
      judgesDefinitionChecks: true,
      onOpen: async (opening) => {
        const { personId, positionId, definition, context } = opening;
        const registry = opening.registry ?? this.registry;
        const person = await registeredPerson(registry, personId);
        const target = await existingPosition(registry, positionId);
        // One who has retired is told so before anything about the post (held, still to come).
        refuseByDefinitionOpeningChecks(definition, personId, person.profile, {
          ruleSet: context.ruleSet,
          day: context.today,
        });
        await refuseMoveInto(
          target,
          person,
          { personId, definition, today: context.today },
          registry,
          (id, from) => this.registry.postSeats.holdsSince(id, from),
        );
        return rotationOpening(
          await rotationOpeningInput(
            registry,
            person,
            target,
            definition,
            context.ruleSet,
            context.today,
          ),
        );
      },
      decisionTerm: (context, state) => this.decisionTerm(context, state),
    });
  }

  /** The decision's term; a batch's case is decided only while its person holds the post left. */
  private async decisionTerm(
    context: CaseContext,
    state: ExistingCase,
  ): Promise<CaseContext['decisionTerm']> {
    // A leadership post is held on an appointment term; another post has none of its own.
    const leadership = (await this.registry.findPosition(state.positionId))?.isLeadership;
    // Only a decision reads the batch and the record: the other steps move no one.
    const deciding =
      state.status === 'open' && context.definition.steps[state.currentStep]?.kind === 'decision';
    const leaving = deciding ? await this.postLeft(state) : null;
    return (_state, effectiveFrom, years) => {
      if (leaving) refuseMoveFromPostNotHeld(leaving.person, { ...leaving, effectiveFrom });
      return {
        ...rotationTerm(context.ruleSet, effectiveFrom, years, context.definition.minDurationParam),
        ...(leadership ? { postTerm: leadershipPostTerm(context.ruleSet, effectiveFrom) } : {}),
      };
    };
  }

  /**
   * The post a transfer batch's case moves its person out of, with their record as it stands
   * when the decision is taken; null for a case opened on its own, which names no such post.
   */
  private async postLeft(state: { caseId: string; personId: string; appointee?: string | null }) {
    const leaves = await postLeftByBatchCase(this.store, state.caseId);
    if (!leaves) return null;
    const personId = state.appointee ?? state.personId;
    const { state: person } = await this.registry.loadPerson(personId);
    if (person.status !== 'registered') return null;
    return { person, personId, leaves };
  }
}
