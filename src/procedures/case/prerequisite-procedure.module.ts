import { PrerequisitePerson, refuseOtherPerson } from './decider/prerequisite-person';
import { DynamicModule } from '@nestjs/common';
import { Position } from '../../cadres/registry.service';
import { refuseUnlessPersonAndFillablePost } from '../appointment/elected-post';
import { ProcedureServices, caseProcedureModule } from './case-procedure.module';
import { existingPosition } from './opening-subjects';
import { PrerequisiteCase, loadPrerequisite } from './prerequisite-case';
import { PrerequisiteOpeningNames } from './prerequisite-opening';
import { OpeningInput, ProcedureGate, ProcedureModule } from './procedure-registry';

/** The post an appointment is for, with the kind of its appointing authority (null: not found). */
export type PostWithAuthority = Position & { appointingAuthorityKind: string | null };

/**
 * A procedure another one waits for (approval in principle, consultation): its own case for a
 * post and the proposed person, and the check it puts on the waiting procedure's cases.
 */
export interface PrerequisiteProcedure {
  names: PrerequisiteOpeningNames;
  definitionIds: string[];
  decisionTerm: NonNullable<ProcedureModule['decisionTerm']>;
  /** The procedure whose cases wait for this one (`appointment`). */
  gates: string;
  /** At the waiting case's opening: the facts it keeps, or a refusal (pure). */
  opening(input: {
    opening: OpeningInput;
    post: PostWithAuthority;
    named: string | undefined;
    prerequisite: PrerequisiteCase | null;
  }): Record<string, unknown>;
  /** Before the waiting case's first step and its decision: refuses until it is given (pure). */
  refuseUntilGiven(prerequisite: PrerequisiteCase, today: string): void;
}

/** The module of one prerequisite procedure: its case on the generic engine, and its gate. */
export function prerequisiteProcedureModule(prerequisite: PrerequisiteProcedure): DynamicModule {
  const { names, definitionIds, decisionTerm } = prerequisite;
  return caseProcedureModule({
    procedure: ({ registry }) => ({
      procedure: names.procedure,
      definitionIds,
      onOpen: (opening) => refuseUnlessPersonAndFillablePost(opening.registry ?? registry, opening),
      decisionTerm,
    }),
    gates: (services) => ({ [prerequisite.gates]: prerequisiteGate(prerequisite, services) }),
  });
}

/** Its check on the waiting case: at opening, and before its first step and its decision. */
export function prerequisiteGate(
  prerequisite: PrerequisiteProcedure,
  { registry, cases }: ProcedureServices,
): ProcedureGate {
  const { field } = prerequisite.names;
  const loadNow = (caseId: string) => loadPrerequisite((id) => cases.stateOf(id), caseId);
  // One read per decide attempt: the command's context (personAskedFor) and the gate before its
  // first step or decision (beforeStep) are given the same case state, and read the same
  // prerequisite (before: twice). A retried attempt has a new state and reads it afresh.
  const loadedFor = new WeakMap<object, Map<string, ReturnType<typeof loadNow>>>();
  const load = (caseId: string, forState: object) => {
    const loaded = loadedFor.get(forState) ?? new Map<string, ReturnType<typeof loadNow>>();
    loadedFor.set(forState, loaded);
    const read = loaded.get(caseId) ?? loadNow(caseId);
    loaded.set(caseId, read);
    return read;
  };
  return {
    onOpen: async (opening) => {
      const reads = opening.registry ?? registry;
      const post = await existingPosition(reads, opening.positionId);
      const authority = await reads.findOrgUnit(post.appointingAuthority);
      const named = opening[field];
      const given = named ? await loadNow(named) : null;
      const facts = prerequisite.opening({
        opening,
        post: { ...post, appointingAuthorityKind: authority?.kind ?? null },
        named,
        prerequisite: given,
      });
      const askedFor = personAskedFor(prerequisite.names, given);
      if (askedFor) refuseOtherPerson(askedFor, opening.personId);
      return facts;
    },
    beforeStep: async ({ state, stepId, context }) => {
      const named = state.openFacts[field];
      const steps = context.definition.steps;
      const checked =
        stepId === steps[0]?.id || steps.find((s) => s.id === stepId)?.kind === 'decision';
      if (typeof named !== 'string' || !checked) return;
      const given = await load(named, state);
      if (given) prerequisite.refuseUntilGiven(given, context.today);
    },
    personAskedFor: async (state) => {
      const named = state.openFacts[field];
      return typeof named === 'string'
        ? personAskedFor(prerequisite.names, await load(named, state))
        : null;
    },
  };
}

/**
 * The approval or agreement was asked for one person: an appointment of another does not rest on
 * it (before: an approval given for one person opened the appointment of someone else, and a case
 * opened for the post alone nominated and appointed someone else on it). Null: about the post alone.
 */
function personAskedFor(
  names: PrerequisiteProcedure['names'],
  given: PrerequisiteCase | null,
): PrerequisitePerson | null {
  if (!given?.personId) return null;
  const { rule, field, asks } = names;
  return { rule, field, asks, caseId: given.caseId, personId: given.personId };
}
