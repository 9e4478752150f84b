import { sagaRegistration } from '../../sagas/saga-registration';
import { caseProcedureModule } from '../case/case-procedure.module';
import { existingPosition, registeredPerson, unitsAbove } from '../case/opening-subjects';
import { electionRecordSaga } from './election-record.saga';
import { electedPostTerm, electionOpening } from './election-rules';
import { councilVoteDueBy, refuseSeatTakenAtOpening } from './seat-free-at-opening';

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
    // The Party committee introduces the candidate (giới thiệu ứng cử: the definition's proposal,
    // ballots and "Cấp ủy có thẩm quyền quyết định giới thiệu"; Quy định 377-QĐ/TW, the chapter on
    // introducing cadres to stand for election, text not checked): the commune's Đảng ủy runs it.
    partyCommitteeOfTerritoryRuns: true,
    onOpen: async ({ personId, positionId, definition, context, registry: reads = registry }) => {
      await registeredPerson(reads, personId);
      const position = await existingPosition(reads, positionId);
      const facts = electionOpening(position, await unitsAbove(reads, position), context.ruleSet);
      // A seat another person holds past the council's vote is refused now, not at the vote; the
      // post's own holder may be introduced again (tái cử).
      refuseSeatTakenAtOpening(
        personId,
        position,
        await registry.postHolders(positionId, context.today),
        councilVoteDueBy(definition, context.today, context.calendar),
        `${definition.id}@${definition.version}`,
      );
      return facts;
    },
    decisionTerm: async (context) => (state, effectiveFrom, years) =>
      electedPostTerm(context.ruleSet, state, effectiveFrom, years),
  }),
});
