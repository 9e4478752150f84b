import { sagaRegistration } from '../../sagas/saga-registration';
import { caseProcedureModule } from '../case/case-procedure.module';
import { existingPosition, registeredPerson, unitsAbove } from '../case/opening-subjects';
import { electionRecordSaga } from './election-record.saga';
import { electedPostTerm, electionOpening } from './election-rules';

/** Its record saga, registered at start like every saga. */
export const ElectionRecordRegistration = sagaRegistration({ saga: electionRecordSaga });

/**
 * Introducing a person for election to an elected post (giới thiệu nhân sự ứng cử) on the case
 * engine: the Party's steps to introduce them, the council's election (an `election` step) and the
 * higher authority's confirmation (phê chuẩn), which puts the post on the record for the council's term.
 */
export const ElectionNominationModule = caseProcedureModule({
  providers: [ElectionRecordRegistration],
  procedure: ({ registry }) => ({
    procedure: 'election',
    definitionIds: ['election.nomination'],
    onOpen: async ({ personId, positionId, context, registry: reads = registry }) => {
      // The post's holder may be introduced again (tái cử): the council's election judges whether
      // the seat is free for its term (election.post_not_free).
      await registeredPerson(reads, personId);
      const position = await existingPosition(reads, positionId);
      return electionOpening(position, await unitsAbove(reads, position), context.ruleSet);
    },
    decisionTerm: async (context) => (state, effectiveFrom, years) =>
      electedPostTerm(context.ruleSet, state, effectiveFrom, years),
  }),
});
