import { disciplineStandingFrom } from '../../cadres/discipline-standing';
import { disciplineCasesOutOfGrant } from '../../cadres/open-cases-in-grant';
import { postsHeldOn } from '../../cadres/person/posts-held-on';
import { sagaRegistration } from '../../sagas/saga-registration';
import { caseProcedureModule } from '../case/case-procedure.module';
import { CaseContext } from '../case/decider/case.context';
import { registeredPerson } from '../case/opening-subjects';
import { removalDecisionTerm } from './removal-decision';
import { refuseRemovalAfterLastDay } from './removal-last-day';
import { removalOpening } from './removal-grounds';
import { REMOVAL_RECORD_HANDLERS } from './removal-record.handlers';
import { resignationTalkDeadline } from './resignation-talk';
import { removalRecordSaga } from './removal-record.saga';

export const REMOVAL_DEFINITIONS = [
  'removal.dismissal',
  'removal.resignation',
  'removal.relief',
  'removal.suspension',
];

/** Its record saga, registered at start like every saga. */
export const RemovalRecordRegistration = sagaRegistration({ saga: removalRecordSaga });

/**
 * Dismissal (miễn nhiệm), resignation (từ chức), relief from post (cho thôi giữ chức vụ) and
 * suspension (tạm đình chỉ công tác) on the generic case engine: the grounds are checked when the
 * case opens; the decision ends the post (or, for a suspension, records the period) on the record.
 */
export const RemovalModule = caseProcedureModule({
  providers: [...REMOVAL_RECORD_HANDLERS, RemovalRecordRegistration],
  procedure: ({ registry, scope }) => ({
    procedure: 'removal',
    definitionIds: REMOVAL_DEFINITIONS,
    onOpen: async ({
      personId,
      positionId,
      orgUnitId,
      definition,
      context,
      grounds,
      registry: reads = registry,
    }) => {
      const person = await registeredPerson(reads, personId);
      const talkDays = definition.steps[0].deadline?.workingDays;
      // Stored facts, read under the case unit's grant: a case opened above it is counted, not named.
      const standing = disciplineStandingFrom(
        person.discipline,
        person.openCases,
        context.today,
        await disciplineCasesOutOfGrant(person.openCases, scope, orgUnitId),
      );
      return removalOpening({
        definitionId: definition.id,
        ...(definition.groundKinds ? { groundKinds: definition.groundKinds } : {}),
        positionId,
        grounds,
        record: {
          posts: postsHeldOn(person, context.today),
          statuses: person.statuses,
          ratings: person.ratings,
          disciplineInEffect: standing.bars,
          disciplineDecided: person.discipline
            .filter((d) => !(d.annulled && d.annulled.on <= context.today))
            .map(({ caseId, form, decidedOn, decisionRef, sameViolationCaseId: same }) => ({
              ...{ caseId, form, decidedOn, decisionRef },
              ...(same ? { sameViolationCaseId: same } : {}),
            })),
          openDisciplineCases: standing.openCases,
          openDisciplineCasesElsewhere: standing.elsewhere.open,
          openDisciplineCasesByAnotherUnit: standing.elsewhere.byAnotherUnit?.open,
          openDisciplineCasesAs: person.openCases.flatMap((c) =>
            c.procedure === 'discipline' && c.serviceStatus ? [c.serviceStatus] : [],
          ),
        },
        today: context.today,
        ruleSet: context.ruleSet,
        ...(talkDays ? { talk: { workingDays: talkDays, calendar: context.calendar } } : {}),
      });
    },
    governingDeadline: resignationTalkDeadline,
    decisionTerm: async (context) => removalTermFor(context),
  }),
});

/**
 * The removal's decision: on or before the last day the post is held (`removalLastDay`), read
 * from the person's record the decision reads anyway (`stepReadsPersonRecord`), then its effect.
 */
function removalTermFor(context: CaseContext): CaseContext['decisionTerm'] {
  return (state, effectiveFrom, _years, heldOn) => {
    const facts = context.personFacts;
    const holder = facts && {
      dateOfBirth: facts.dateOfBirth,
      gender: facts.gender,
      posts: facts.termRecord?.posts ?? [],
    };
    refuseRemovalAfterLastDay(holder, state.positionId, context.ruleSet, { effectiveFrom, heldOn });
    return removalDecisionTerm(
      context.definition,
      context.ruleSet,
      effectiveFrom,
      context.calendar,
      state.openFacts,
    );
  };
}
