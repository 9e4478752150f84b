import { EventStore } from '../../event-store/event-store.port';
import { CaseReads } from './case-reads';
import { CaseContext } from './decider/case.context';
import { movesThePerson } from './decider/decision-posts';
import { ExistingCase } from './decider/case.state';
import { postHoldingReadFor, postsEndedHoldingsFor } from './post-holding-decisions';

/**
 * What a decision reads on the holdings' streams (`postholding-…`), after the person's record
 * (`context.personFacts`): the holding of the case's post it ends or continues, and the holdings
 * of the other posts a move ends on its effective day (`CaseReads.postsEndedOn`).
 */
export async function holdingReads(
  store: Pick<EventStore, 'readStream'>,
  state: ExistingCase,
  context: CaseContext,
  reads: CaseReads,
): Promise<Pick<CaseContext, 'postHolding' | 'postsEndedHoldings'>> {
  const holding = reads.postHolding && (await postHoldingReadFor(store, state, context));
  const postsEnded =
    reads.postsEndedOn !== undefined && movesThePerson(state.procedure)
      ? await postsEndedHoldingsFor(
          store,
          { ...state, personId: state.appointee ?? state.personId },
          context.personFacts?.termRecord,
          reads.postsEndedOn,
        )
      : [];
  return {
    ...(holding ? { postHolding: holding } : {}),
    ...(postsEnded.length ? { postsEndedHoldings: postsEnded } : {}),
  };
}
