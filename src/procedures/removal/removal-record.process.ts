import { PersonState, PostHeld } from '../../cadres/person/person.state';
import { termContinuesOn } from '../reappointment/term-continuation';
import { postsRunningPast } from '../../cadres/person/posts-held-on';
import { ExistingCase } from '../case/decider/case.state';
import { decisionRefOf, OpenCaseSeen, RecordWrite, toPerson } from '../case/record/record-writes';
import { withdrawnWithPosts } from '../case/record/withdrawn-with-post';
import { removalEffectOf } from './removal-decision';
import { statedTermEnd } from '../case/decider/stated-term-end';

/**
 * The removal decision on the person's record, pure: a suspension (tạm đình chỉ) records the
 * period and keeps the post; a dismissal, resignation or relief ends the post on the day it takes
 * effect and withdraws the person's open re-appointment or extension of that post. A post already ended (a
 * redelivered event) is not ended twice; a withdrawn case is not withdrawn twice.
 */
export function applyRemovalDecision(
  state: ExistingCase,
  person: PersonState,
  openCases: OpenCaseSeen[],
): RecordWrite[] {
  if (state.status !== 'decided') throw new Error(`case ${state.caseId} has no decision`);
  const { decision, personId, positionId, caseId } = state;
  const decisionRef = decisionRefOf(decision);
  if (removalEffectOf(state.definitionId) === 'suspends')
    return [
      toPerson(personId, null, {
        type: 'RecordPersonStatus',
        fromDecision: true,
        data: {
          personId,
          status: 'suspended',
          from: decision.effectiveFrom,
          until: statedTermEnd(decision),
          note: `tạm đình chỉ công tác: ${decisionRef}, case ${caseId}; the post ${positionId} is kept`,
        },
      }),
    ];
  const on = person.status === 'registered' ? endOnRecord(person, positionId, decision) : null;
  const holdsPost =
    person.status === 'registered' &&
    on !== null &&
    postsRunningPast(person, on).some((p) => p.positionId === positionId);
  // Which cases run on the post and stop when it ends is their definition's
  // `withdrawnWhenPostEnds` (re-appointment, the term's extension); a case on another post stays.
  const withdraw = withdrawnWithPosts(
    openCases,
    new Set([positionId]),
    `withdrawn: the post ended by ${decisionRef} (case ${caseId})`,
  );
  const reason = `${state.definitionId.replace('removal.', '')} (case ${caseId})`;
  const endPost = toPerson(personId, null, {
    type: 'EndPost',
    // The case is named as a discipline case's end names it (before: null, the end's case unknown).
    data: { personId, positionId, on: on ?? decision.effectiveFrom, reason, decisionRef, caseId },
  });
  return [...(holdsPost ? [endPost] : []), ...withdraw];
}

/**
 * The day the record ends the post on: the decision's, never after the term on the record ends
 * (or the decision's own day when it was taken after that, `termContinuesOn`). The decision
 * refuses a later day (`removal.effective_after_term_end`); one decided before that check would
 * otherwise hold the post past its term, and the next term would be refused as overlapping it.
 */
function endOnRecord(
  person: { posts: readonly PostHeld[] },
  positionId: string,
  decision: { effectiveFrom: string; heldOn: string },
): string {
  const termEnd = person.posts.find((post) => post.positionId === positionId)?.termEnd;
  if (!termEnd) return decision.effectiveFrom;
  const last = termContinuesOn(termEnd, decision.heldOn);
  return decision.effectiveFrom > last ? last : decision.effectiveFrom;
}
