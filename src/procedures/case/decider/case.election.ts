import { DomainEvent } from '../../../common/stream-decider';
import { RuleSet, ruleCitation, ruleValue } from '../../../workflow/rule-sets/rule-set';
import { addMonths } from '../../../workflow/rules/retirement';
import {
  appliedRule,
  BegunStep,
  refuse,
  refuseUnjudgedTally,
  tallyEvent,
} from '../../../workflow/step-engine';
import { evaluateCouncilElection } from '../../../workflow/vote-rules/council-election';
import { seatHeldUntil } from '../../../cadres/post-holders';
import { CaseContext } from './case.context';
import { Body } from './case.types';

/** The rule that ends a case whose person the council did not elect. */
export const NOT_ELECTED = 'election.not_elected';

const TERM_YEARS = 'election.councilTermYears';

/** The council's term (khóa): its years (`election.councilTermYears`) from its first session. */
export function councilTerm(
  ruleSet: RuleSet,
  councilTermFrom: string,
): { years: number; termEnd: string; rule: string } {
  const years = ruleValue<number>(ruleSet, TERM_YEARS);
  return {
    years,
    termEnd: addMonths(councilTermFrom, years * 12),
    rule: ruleCitation(ruleSet, TERM_YEARS),
  };
}

/**
 * The council's election (bầu) of the person introduced: the vote is judged by the step's rule
 * (quorum of all delegates, more than the pass share of all delegates); elected moves the case on
 * to the confirmation, not elected ends it under `election.not_elected`. The council's term may not
 * begin after the session that elected, nor have ended before it: the post's term ends with the
 * council's, so the confirmation would be refused and the case left stuck.
 */
export function councilElection(
  state: { personId: string; positionId: string },
  begun: BegunStep,
  body: Body<'election'>,
  context: CaseContext,
): DomainEvent[] {
  if (body.councilTermFrom > body.heldOn)
    refuse(
      'election.council_term_after_session',
      `councilTermFrom: ${body.councilTermFrom} is after the session that elected (${body.heldOn})`,
      'invalid',
      'councilTermFrom',
    );
  const term = councilTerm(context.ruleSet, body.councilTermFrom);
  if (body.heldOn >= term.termEnd)
    refuse(
      'election.council_term_ended',
      `councilTermFrom: the council's term from ${body.councilTermFrom} ended on ${term.termEnd} (${term.rule}); the session of ${body.heldOn} is not within it, and an elected post's term ends with the council's`,
      'unprocessable',
      'councilTermFrom',
    );
  const rule = appliedRule(begun.step, context.ruleSet);
  const result = evaluateCouncilElection(rule, body.vote);
  refuseUnjudgedTally(result, { prefix: 'vote.', present: 'vote.present' });
  refuseSeatNotFree(state, body.councilTermFrom, context);
  const elected = result.outcome === 'elected';
  const { vote, councilTermFrom } = body;
  const event = tallyEvent(
    begun,
    'ElectionResultRecorded',
    elected,
    { vote, councilTermFrom, outcome: result.outcome, reason: result.reason },
    rule,
  );
  if (elected) return [event];
  return [
    event,
    begun.ends(
      'CaseRejected',
      { by: 'rejectedBy', on: 'rejectedOn' },
      NOT_ELECTED,
      `the council did not elect the person introduced: ${result.reason} (${rule.citation})`,
    ),
  ];
}

/**
 * The person elected takes the post for the council's term: someone else holding it with a term
 * ending after that term begins (or with no end recorded) holds a seat that is not free, and the
 * confirmation would put two people in one post (election.nomination: Luật Tổ chức chính quyền
 * địa phương 2025, the posts a council elects are held for its term; text not checked). The
 * holders are read by the handler; a post without one recorded is free.
 */
function refuseSeatNotFree(
  state: { personId: string; positionId: string },
  councilTermFrom: string,
  context: CaseContext,
): void {
  if (!context.postHolders)
    refuse(
      'election.holders_unavailable',
      `who holds ${state.positionId} could not be read for the council's election`,
      'unprocessable',
    );
  const sitting = context.postHolders.find((holder) => {
    const until = seatHeldUntil(holder);
    return holder.personId !== state.personId && (until === null || until > councilTermFrom);
  });
  if (sitting)
    refuse(
      'election.post_not_free',
      `councilTermFrom: ${state.positionId} is held by ${sitting.fullName} (${sitting.personId}) from ${sitting.from} ${seatHeldUntil(sitting) === null ? 'with no end of term recorded' : `until ${seatHeldUntil(sitting)}`}, after the council's term from ${councilTermFrom} begins: the person elected would take a seat that is not free (election.nomination: Luật Tổ chức chính quyền địa phương 2025, a post the council elects is held for its term; text not checked); end that post first (a removal case), or give the term the seat falls free for`,
      'unprocessable',
      'councilTermFrom',
      { holder: sitting },
    );
}
