import { TermRecord } from '../../reappointment/term-ratings';
import { RunningBar } from '../../../cadres/discipline-bar-scope';
import { DisciplineCasesElsewhere } from '../../../cadres/discipline-standing';
import { PersonStatusPeriod } from '../../../cadres/person/person.state';
import { PostHolder } from '../../../cadres/post-holders';
import { Position } from '../../../cadres/registry-records';
import { StepContext } from '../../../workflow/step-engine';
import { ExistingCase } from './case.state';
import { PendingPost } from './pending-post';
import { PrerequisitePerson } from './prerequisite-person';
import { PostHoldingRead } from '../post-holding-decisions';

/** What the person's record says, gathered by the handler before vetting (the decider does no I/O). */
export interface PersonFactsForVetting {
  dateOfBirth: string;
  gender: 'male' | 'female';
  /** The post the case fills and its rank (a higher number is a higher post). */
  target: { positionId: string; rank: number };
  /** Planning-pool entries, each with its post's rank and planning term (`YYYY-YYYY`). */
  planningPool: { positionId: string; rank: number | null; term: string; decisionRef: string }[];
  /**
   * Posts held today (`until` null, even when a decision ends them on a later day) and before,
   * each with its rank; not those a decision puts the person in from a later day.
   */
  posts: { positionId: string; rank: number; from: string; until: string | null }[];
  /** Posts a decision puts the person in from a day after today (`from`), with their titles. */
  postsStartingLater?: PendingPost[];
  /** Posts no decision has ended that a council elected the person to (`filledBy: election`). */
  electedPosts?: { positionId: string; title: string }[];
  /** Discipline bars still running today, each with the posts it covers besides a higher one. */
  disciplineBars: RunningBar[];
  /** Open discipline cases past verification. */
  openDisciplineCases: string[];
  /** The person already holds the post the case is about (a re-appointment): no higher-post bar applies. */
  holdsTargetPost?: boolean;
  /** Every discipline case about the person not yet decided, from opening on. */
  pendingDisciplineCases?: string[];
  /**
   * Open discipline cases out of the case's unit's reach (a unit above or another unit opened
   * them): left out of the two lists above, counted here; they bar as those do, but the notes do
   * not name them, telling each as opened by a unit above or by another unit (`byAnotherUnit`).
   */
  disciplineCasesElsewhere?: DisciplineCasesElsewhere;
  /** The person's circumstances (under investigation …) from their record. */
  statuses?: PersonStatusPeriod[];
  /** The posts held and ended with their terms, and the yearly ratings (a re-appointment's vetting). */
  termRecord?: TermRecord;
}
/**
 * The term a post is held on (nhiệm kỳ, thời hạn bổ nhiệm) when it is not the decision's own
 * period: a rotation or transfer into a leadership post holds that post for an appointment term.
 */
export interface PostTerm {
  termYears: number;
  termEnd: string;
  /** Which rule fixed the post's term, for the auditor. */
  termRule: string;
}

/**
 * A decision's term: of the post for an appointment or a re-appointment, of the planned period
 * for a rotation or a transfer (then `postTerm` is the post's own term, when it has one). A
 * transfer (điều động) states a period only when its decision gives one: then both are absent.
 */
export interface DecisionTerm {
  termYears?: number;
  termEnd?: string;
  /** Which rule fixed the term, for the auditor. */
  termRule: string;
  details?: Record<string, unknown>;
  postTerm?: PostTerm;
}

/** A term every procedure but the moves always states (appointment, re-appointment, election …). */
export type StatedTerm = DecisionTerm & { termYears: number; termEnd: string };

/** Everything `decide` needs besides state and command, handed in so it stays pure. */
export interface CaseContext extends StepContext {
  personFacts?: PersonFactsForVetting;
  /** A registration step (competitive examination): each candidate's record, by person id. */
  candidateFacts?: Record<string, PersonFactsForVetting | undefined>;
  /** A council's election: who holds the case's post now, with their terms. */
  postHolders?: PostHolder[];
  /**
   * A decision that places a holder in a post with a seat limit: the post, its seats, every hold
   * of it not ended by the decision's effective day (`day`), and the revision of the post's seat
   * stream read before them, at which the decision claims its seat. Absent for a post without a
   * limit.
   */
  seatsFromEffectiveDay?: {
    position: Position;
    seats: number;
    day: string;
    holds: PostHolder[];
    seatStreamRevision: number | null;
  };
  /**
   * A decision ending or continuing its person's holding of the case's post (a removal, a
   * re-appointment, an extension): the decisions about that holding on its stream, and the
   * revision read, at which the decision records itself there (`DecisionPostHolding`).
   */
  postHolding?: PostHoldingRead;
  /**
   * A decision moving its person (an appointment, a rotation, a transfer) without kiêm nhiệm: the
   * holdings of the other posts it ends on its effective day (`postsAMoveEnds`), each as read. The
   * decision records its end on each at the revision read (`DecisionPostHolding`), and is refused
   * over a new term of one decided there and not on the record yet (`decision.pending_post`).
   */
  postsEndedHoldings?: PostHoldingRead[];
  /**
   * The cases the case rests on that were asked for one person (an approval in principle, the
   * other body's agreement): its nominations and its decision name nobody else.
   */
  prerequisitePeople?: PrerequisitePerson[];
  /** A procedure's own term rule (re-appointment extends to retirement); default: the rule set's term. */
  decisionTerm?: (
    state: ExistingCase,
    effectiveFrom: string,
    requestedYears: number | undefined,
    /** The decision's own day (`heldOn`): a term renewed late continues from it. */
    heldOn: string,
  ) => DecisionTerm;
}
