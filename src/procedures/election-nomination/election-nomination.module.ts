import { sagaRegistration } from '../../sagas/saga-registration';
import { caseProcedureModule } from '../case/case-procedure.module';
import { existingPosition, registeredPerson, unitsAbove } from '../case/opening-subjects';
import { electionRecordSaga } from './election-record.saga';
import { electedPostTerm, electionOpening, refuseNomineeHoldingPost } from './election-rules';

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
      const person = await registeredPerson(reads, personId);
      const position = await existingPosition(reads, positionId);
      const facts = electionOpening(position, await unitsAbove(reads, position), context.ruleSet);
      refuseNomineeHoldingPost(person, personId, position);
      return facts;
    },
    decisionTerm: async (context) => (state, effectiveFrom, years) =>
      electedPostTerm(context.ruleSet, state, effectiveFrom, years),
  }),
});
