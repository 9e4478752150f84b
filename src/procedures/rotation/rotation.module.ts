import { Inject, Module, OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { postLeftByBatchCase } from '../transfer-batch/transfer-batch-post-left';
import { refuseMoveFromPostNotHeld } from './post-left';
import { CaseContext } from '../case/decider/case.context';
import { ExistingCase } from '../case/decider/case.state';
import { existingPosition, registeredPerson } from '../case/opening-subjects';
import { refuseElectedPost, refusePostAlreadyHeld } from '../appointment/elected-post';
import { refuseSeatsFullAtOpening } from '../appointment/post-seats-at-opening';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { postsStartingAfter } from '../../cadres/person/posts-held-on';
import { pendingPostAtOpening, pendingPostOtherThan } from '../case/decider/pending-post';
import { CasesModule } from '../case/cases.module';
import { OpeningInput, ProcedureRegistry } from '../case/procedure-registry';
import { Position } from '../../cadres/registry-records';
import { PostHolder } from '../../cadres/post-holders';
import { leadershipPostTerm, rotationOpening, rotationTerm } from './rotation-rules';
import { rotationOpeningInput } from './rotation-opening-input';

type RegisteredPerson = Awaited<ReturnType<typeof registeredPerson>>;

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
      onOpen: async (opening) => {
        const { personId, positionId, definition, context } = opening;
        const registry = opening.registry ?? this.registry;
        const person = await registeredPerson(registry, personId);
        const target = await existingPosition(registry, positionId);
        await refuseMoveInto(target, person, opening, registry, (id, from) =>
          this.registry.postSeats.holdsSince(id, from),
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

/** A post nobody is moved into; throws the refusal. */
async function refuseMoveInto(
  target: Position,
  person: RegisteredPerson,
  { personId, definition, context }: OpeningInput,
  registry: RegistryReads,
  holdsSince: (positionId: string, from: string) => Promise<PostHolder[]>,
): Promise<void> {
  // An elected post (a commune chair) is filled by its council's election, not moved into.
  refuseElectedPost(target, definition);
  // Nobody is moved into the post they hold (before: every step ran, and the decision was
  // refused as decision.post_already_held); its term is renewed by re-appointment.
  refusePostAlreadyHeld(person, personId, target.id, definition);
  // Nor into a post whose seats others all hold (a head post someone holds, or will from a later day).
  await refuseSeatsFullAtOpening(holdsSince, target, personId, context.today);
  // Nor while a decided decision's post is still to come (before: every step ran, and the
  // decision was refused as decision.pending_post).
  const pending = pendingPostOtherThan(postsStartingAfter(person, context.today), target.id);
  if (pending)
    throw pendingPostAtOpening(personId, {
      ...pending,
      title: (await registry.findPosition(pending.positionId))?.title,
    });
}
