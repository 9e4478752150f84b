import { sagaRegistration } from '../../sagas/saga-registration';
import { postsHeldOn, postsStartingAfter } from '../../cadres/person/posts-held-on';
import { refuseElectedPost } from '../appointment/elected-post';
import { caseProcedureModule } from '../case/case-procedure.module';
import { registeredPerson } from '../case/opening-subjects';
import { extensionRecordSaga } from './extension-record.saga';
import { EXTENSION_RECORD_HANDLERS } from './extension-record.handlers';
import { refuseEffectiveFromRetirement } from '../case/decider/effective-before-retirement';
import {
  EXTENSION_AT_RETIREMENT,
  extensionOpening,
  extensionTerm,
  refuseExtensionAfterTermContinues,
  refuseExtensionBeforeTermEnds,
  refuseExtensionOfPostEnded,
  refuseTermAlreadyToRetirement,
} from './extension-rules';
import { retirementDate } from '../../workflow/rules/retirement';
import { extensionSeats, refuseExtendedTermHeldByAnother } from './extension-seats';

/** Its record saga, registered at start like every saga. */
export const ExtensionRecordRegistration = sagaRegistration({ saga: extensionRecordSaga });

/** Extension of a term to retirement (kéo dài thời hạn giữ chức vụ đến tuổi nghỉ hưu). */
export const ExtensionModule = caseProcedureModule({
  providers: [...EXTENSION_RECORD_HANDLERS, ExtensionRecordRegistration],
  procedure: ({ registry }) => ({
    procedure: 'extension',
    definitionIds: ['extension.to-retirement'],
    onOpen: async ({ personId, positionId, definition, context, registry: reads = registry }) => {
      const person = await registeredPerson(reads, personId);
      const position = await reads.findPosition(positionId);
      if (position) refuseElectedPost(position, definition);
      const { dateOfBirth, gender } = person.profile;
      const opening = extensionOpening({
        positionId,
        posts: postsHeldOn(person, context.today),
        upcoming: postsStartingAfter(person, context.today),
        person: { dateOfBirth, gender },
        today: context.today,
        ruleSet: context.ruleSet,
        calendar: context.calendar,
      });
      // A seat given to another from the term's end leaves none for the extended days.
      const seats = await extensionSeats(registry, position);
      const extended = {
        from: opening.termEnd as string,
        until: opening.retirementDate as string,
      };
      if (seats) refuseExtendedTermHeldByAnother(seats, personId, extended, 'positionId');
      return opening;
    },
    decisionTerm: async (context, state) => {
      const person = await registeredPerson(registry, state.personId);
      const { dateOfBirth, gender } = person.profile;
      const seats = await extensionSeats(registry, await registry.findPosition(state.positionId));
      return (_state, effectiveFrom, _years, heldOn) => {
        refuseExtensionOfPostEnded(person, state.positionId, {
          read: context.postHolding,
          caseId: state.caseId,
        });
        // A re-appointment decided meanwhile may have renewed the term to retirement.
        const retires = retirementDate(context.ruleSet, dateOfBirth, gender);
        refuseTermAlreadyToRetirement(person.posts, state.positionId, retires);
        refuseExtensionBeforeTermEnds(person.posts, state.positionId, effectiveFrom);
        refuseExtensionAfterTermContinues(person.posts, state.positionId, {
          effectiveFrom,
          heldOn,
        });
        refuseEffectiveFromRetirement(
          { dateOfBirth, gender },
          context.ruleSet,
          effectiveFrom,
          EXTENSION_AT_RETIREMENT,
        );
        const term = extensionTerm(context.ruleSet, { dateOfBirth, gender }, effectiveFrom);
        // The case engine claims these days on the post's seat stream with the decision
        // (`claimsSeatDays`), so a record of another made meanwhile refuses one of the two.
        const extended = { from: effectiveFrom, until: term.termEnd as string };
        if (seats)
          refuseExtendedTermHeldByAnother(seats, state.personId, extended, 'effectiveFrom');
        return term;
      };
    },
  }),
});
