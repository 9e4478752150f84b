import { Module, OnModuleInit } from '@nestjs/common';
import { registeredPerson } from '../case/opening-subjects';
import { CadresModule } from '../../cadres/cadres.module';
import { RegistryService } from '../../cadres/registry.service';
import { postsEndingLater, postsHeldOn } from '../../cadres/person/posts-held-on';
import { CasesModule } from '../case/cases.module';
import { disciplineStandingFrom } from '../../cadres/discipline-standing';
import { disciplineCasesOutOfGrant } from '../../cadres/open-cases-in-grant';
import { OrgScope } from '../../identity/org-scope';
import { OpeningInput, ProcedureRegistry } from '../case/procedure-registry';
import { refuseElectedPost } from '../appointment/elected-post';
import { seatsOf } from '../../cadres/post-seats';
import { Position } from '../../cadres/registry-records';
import { ReappointmentSeats, refuseSeatGivenToAnother } from './reappointment-seats';
import {
  reappointmentOpening,
  reappointmentTerm,
  refuseStartAfterTermContinues,
  refuseStartBeforeTermEnds,
} from './reappointment-rules';
import { refuseTermToRetirement } from './term-to-retirement';
import { refuseTermRatedBelow } from './term-ratings';
import { refusePostEndedByDecision } from './post-ended';

/** A day before any hold of a post on the records: read them all. */
const EVERY_HOLD = '1900-01-01';

/** Re-appointment (bổ nhiệm lại) at the end of a term, on the generic case engine. */
@Module({ imports: [CasesModule, CadresModule] })
export class ReappointmentModule implements OnModuleInit {
  constructor(
    private readonly procedures: ProcedureRegistry,
    private readonly registry: RegistryService,
    private readonly scope: OrgScope,
  ) {}

  onModuleInit(): void {
    this.procedures.register({
      procedure: 'reappointment',
      definitionIds: ['reappointment.standard'],
      onOpen: (input) => this.open(input),
      decisionTerm: async (context, state) => {
        const person = await this.registry.loadPerson(state.personId);
        if (person.state.status !== 'registered')
          throw new Error(`person ${state.personId} of case ${state.caseId} is not registered`);
        const { profile, posts, pastPosts, ratings } = person.state;
        const { dateOfBirth, gender } = profile;
        const position = await this.registry.findPosition(state.positionId);
        const seats = position ? await this.seatsOf(position) : null;
        return (_state, effectiveFrom, years, heldOn) => {
          refusePostEndedByDecision({ posts, pastPosts }, state.positionId, {
            read: context.postHolding,
            caseId: state.caseId,
          });
          // An extension decided meanwhile may have run the term to retirement: nothing to renew.
          refuseTermToRetirement(context.ruleSet, { dateOfBirth, gender }, posts, state.positionId);
          refuseStartBeforeTermEnds(
            { posts, pastPosts },
            state.positionId,
            effectiveFrom,
            context.ruleSet,
          );
          refuseStartAfterTermContinues({ posts, pastPosts }, state.positionId, {
            effectiveFrom,
            heldOn,
          });
          refuseTermRatedBelow({ posts, pastPosts, ratings }, state.positionId, context.ruleSet);
          const term = reappointmentTerm(
            context.ruleSet,
            { dateOfBirth, gender },
            effectiveFrom,
            years,
          );
          const newTerm = { from: effectiveFrom, until: term.termEnd ?? null };
          if (seats) refuseSeatGivenToAnother(seats, state.personId, newTerm, 'effectiveFrom');
          return term;
        };
      },
    });
  }

  /** The opening's checks and facts: the term ending, what holds it back, the seat still free. */
  private async open({
    personId,
    positionId,
    definition,
    context,
    registry = this.registry,
  }: OpeningInput) {
    const person = { state: await registeredPerson(registry, personId) };
    const position = await registry.findPosition(positionId);
    if (position) refuseElectedPost(position, definition);
    // The record just read says which discipline cases are pending: no second read. The
    // refusal is read by the opener: a case out of their grant is not named, told as opened by a
    // unit above or by another unit.
    const discipline = disciplineStandingFrom(
      person.state.discipline,
      person.state.openCases,
      context.today,
      await disciplineCasesOutOfGrant(person.state.openCases, this.scope, context.actor.orgUnit),
    );
    const opening = reappointmentOpening({
      positionId,
      posts: postsHeldOn(person.state, context.today),
      endingLater: postsEndingLater(person.state, context.today),
      statuses: person.state.statuses,
      pendingDisciplineCases: discipline.openCases,
      pendingDisciplineCasesElsewhere: discipline.elsewhere.open,
      pendingDisciplineCasesByAnotherUnit: discipline.elsewhere.byAnotherUnit?.open,
      today: context.today,
      ruleSet: context.ruleSet,
      calendar: context.calendar,
      person: person.state.profile,
    });
    // The seat given to another from the term's end leaves no seat for a new term.
    const seats = position ? await this.seatsOf(position) : null;
    const from = opening.termEnd as string;
    if (seats) refuseSeatGivenToAnother(seats, personId, { from, until: null }, 'positionId');
    return opening;
  }

  /** A post with a seat limit and every hold of it on the records; null for a post without one. */
  private async seatsOf(position: Position): Promise<ReappointmentSeats | null> {
    const seats = seatsOf(position);
    if (seats === null) return null;
    // Every hold ever: a renewed term begins where the old one ends, whenever that is.
    const holds = await this.registry.postSeats.holdsSince(position.id, EVERY_HOLD);
    return { position, seats, holds };
  }
}
