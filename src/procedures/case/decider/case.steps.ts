import { DomainEvent } from '../../../common/stream-decider';
import { ruleValue } from '../../../workflow/rule-sets/rule-set';
import type { BegunStep, StepKindTable } from '../../../workflow/step-engine';
import {
  appliedRule,
  tallyEvent,
  performStepWith,
  refuse,
  refuseUnjudgedTally,
} from '../../../workflow/step-engine';
import { evaluateMajorityBallot } from '../../../workflow/vote-rules/majority-ballot';
import { evaluateNomination } from '../../../workflow/vote-rules/nomination-ballot';
import {
  evaluateReferenceBallot,
  evaluateReferenceNomination,
} from '../../../workflow/vote-rules/reference-tally';
import { StepBody } from './case.commands';
import { CaseContext } from './case.context';
import { decision } from './case.decision';
import { councilElection } from './case.election';
import { ballotOnNominees, nominationOfPost, standingNominees } from './case.nominees';
import { withDecisionPosts } from './decision-posts';
import { vetting } from './case.vetting';
import { refuseBlockingStatus } from './blocking-status';
import { refuseRetirementReached } from './retirement-reached-refusal';
import { refuseCandidateHoldingPost } from './candidate-holding-post';
import { openDisciplineCasesOf, refuseOpenDisciplineCase } from './open-discipline-case';
import { Body, Open } from './case.types';
import { refuseNomineesNotAskedFor } from './prerequisite-person';
import { refuseBallotFieldsNotTaken, refuseDecisionFieldsNotTaken } from './fields-not-taken';
import { registerCandidates } from '../../competitive-exam/exam-registration';
import { recordScores } from '../../competitive-exam/exam-scores';

/** What each kind of step decides, after the engine's prologue. */
export const CASE_STEP_KINDS: StepKindTable<Open, StepBody, CaseContext> = {
  proposal: (_state, begun, body) => [
    { type: 'ProposalRecorded', data: { ...begun.record(true), summary: body.summary } },
  ],
  meeting: (_state, begun, body) => [
    {
      type: 'MeetingRecorded',
      data: {
        ...begun.record(true),
        conclusion: body.conclusion,
        ...(body.personOpinion ? { personOpinion: body.personOpinion } : {}),
      },
    },
  ],
  nomination: (state, begun, body, context) => nomination(state, begun, body, context),
  ballot: (state, begun, body, context) => {
    refuseBallotFieldsNotTaken(state, begun, body, appliedRule(begun.step, context.ruleSet));
    return state.fillsPost
      ? ballotOnNominees(state, begun, body, context)
      : ballot(begun, body, context);
  },
  vetting: (state, begun, body, context) => vetting(state, begun, body, context),
  decision: (state, begun, body, context) => {
    refuseDecisionFieldsNotTaken(state, body);
    return [withDecisionPosts(state, body, decision(state, begun, body, context), context)];
  },
  election: (state, begun, body, context) => councilElection(state, begun, body, context),
  registration: (_state, begun, body, context) => registerCandidates(begun, body, context),
  scores: (state, begun, body, context) => recordScores(state, begun, body, context),
};

/**
 * What a correction of a step decides: as a step of its kind, but a corrected vetting may change
 * an item an earlier part of the same vetting recorded (a part may not: `VettingMode`).
 */
export const CASE_CORRECTION_KINDS: StepKindTable<Open, StepBody, CaseContext> = {
  ...CASE_STEP_KINDS,
  vetting: (state, begun, body, context) => vetting(state, begun, body, context, 'correct'),
};

/** A step of an open case: the engine's prologue, then the step kind's own rules. */
export function performStep(
  state: Open,
  stepId: string,
  body: StepBody,
  context: CaseContext,
): DomainEvent[] {
  return performStepWith(CASE_STEP_KINDS, state, { stepId, body }, context, {
    currentStepInDetails: true,
  });
}

/** A step whose result sends the case no further rejects it (a failed ballot, a person not nominated). */
const REJECTED = { by: 'rejectedBy', on: 'rejectedOn' };

function nomination(
  state: Open,
  begun: BegunStep,
  body: Body<'nomination'>,
  context: CaseContext,
): DomainEvent[] {
  const rule = appliedRule(begun.step, context.ruleSet);
  const { members, summoned, present, invalid, candidates } = body;
  const tally = { members, summoned, present, invalid, candidates };
  const nominationRule = {
    quorum: rule.quorum,
    pass: rule.pass,
    fallbackCount: ruleValue<number>(context.ruleSet, 'nomination.fallbackCount'),
  };
  if (state.procedure === 'appointment') refuseBlockedNominees(body, context);
  if (rule.reference) {
    // A case for a post counts each nominee still standing; another case, its person.
    const about = state.fillsPost ? standingNominees(state) : [state.personId];
    const kept = evaluateReferenceNomination(nominationRule, tally, about);
    refuseUnjudgedTally(kept, { prefix: '', present: 'present' });
    const { outcome, reason, share } = kept;
    const shares = 'shares' in kept && kept.shares ? { shares: kept.shares } : {};
    const data = { tally, outcome, selected: [], reason, share, ...shares };
    return [tallyEvent(begun, 'NominationTallied', true, data, rule)];
  }
  const result = evaluateNomination(nominationRule, tally);
  refuseUnjudgedTally(result, { prefix: '', present: 'present' });
  const { outcome, selected, reason } = result;
  const event = tallyEvent(
    begun,
    'NominationTallied',
    true,
    { tally, outcome, selected, reason },
    rule,
  );
  if (state.fillsPost) {
    refuseNomineesNotAskedFor(selected, body.candidates, context.prerequisitePeople);
    return nominationOfPost(begun, event, result);
  }
  if (result.selected.includes(state.personId)) return [event];
  return [
    event,
    begun.ends(
      'CaseRejected',
      REJECTED,
      'nomination.person_not_selected',
      `${state.personId} was not nominated: ${result.reason}`,
    ),
  ];
}

/**
 * An appointment's nomination names no one who holds the post already, who has reached the
 * retirement age, nor anyone whose status, or an open discipline case about whom, holds the
 * appointment back that day (the candidate's facts count a case out of the caller's grant without
 * naming it: the refusal is the caller's to read, `CaseReads`).
 */
function refuseBlockedNominees(body: Body<'nomination'>, context: CaseContext): void {
  const on = { ruleSet: context.ruleSet, day: context.today };
  body.candidates.forEach(({ personId }, i) => {
    const facts = context.candidateFacts?.[personId];
    const where = { step: 'the nomination', field: `candidates[${i}].personId` };
    refuseCandidateHoldingPost(
      personId,
      facts,
      { ...on, definition: context.definition },
      where.field,
    );
    refuseBlockingStatus(personId, facts?.statuses, on, where);
    refuseRetirementReached(personId, facts, on, where.field);
    refuseOpenDisciplineCase(personId, facts && openDisciplineCasesOf(facts), on.ruleSet, where);
  });
}

function ballot(begun: BegunStep, body: Body<'ballot'>, context: CaseContext): DomainEvent[] {
  const rule = appliedRule(begun.step, context.ruleSet);
  if (!body.tally)
    refuse('field.required', 'tally: the ballot tally is required', 'invalid', 'tally');
  if (rule.reference) {
    const kept = evaluateReferenceBallot(rule, body.tally);
    refuseUnjudgedTally(kept, { prefix: 'tally.', present: 'tally.present' });
    const { outcome, reason, share } = kept;
    return [
      tallyEvent(begun, 'BallotTallied', true, { tally: body.tally, outcome, reason, share }, rule),
    ];
  }
  const result = evaluateMajorityBallot(rule, body.tally, body.headDecision);
  refuseUnjudgedTally(result, { prefix: 'tally.', present: 'tally.present' });
  if (result.outcome === 'tie_needs_head')
    refuse(
      'ballot.tie_needs_head',
      `${result.reason}: send headDecision "for" or "against"`,
      'unprocessable',
      'headDecision',
    );
  const passed = result.outcome === 'passed';
  const { outcome, reason, decidedByHead } = result;
  const event = tallyEvent(
    begun,
    'BallotTallied',
    passed,
    {
      tally: body.tally,
      outcome,
      reason,
      ...(decidedByHead ? { decidedByHead } : {}),
    },
    rule,
  );
  if (passed) return [event];
  return [event, begun.ends('CaseRejected', REJECTED, 'ballot.failed', `ballot ${reason}`)];
}
