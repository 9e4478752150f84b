import { Position } from '../../cadres/registry.service';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DecisionTerm } from '../case/decider/case.context';
import { councilTerm } from '../case/decider/case.election';
import { CaseEvent } from '../case/decider/case.events';
import { ExistingCase } from '../case/decider/case.state';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

const CONFIRMED_BY = 'election.confirmedBy';

type ElectionResult = Extract<CaseEvent, { type: 'ElectionResultRecorded' }>['data'];

/**
 * Whether a nomination for election may open for the post: only a post its council fills by
 * election (a position's `filledBy`); an appointed post is filled by an appointment. The
 * definition is the People's Council's election (Luật Tổ chức chính quyền địa phương 2025; see
 * `election.nomination`'s citation): a post of a Party committee or of a body under one is elected
 * by the Party's own congress or committee, which this procedure does not run. The facts name who
 * confirms the election, from the rule set.
 */
export function electionOpening(
  position: Position,
  unitsUp: readonly { id: string; kind: string }[],
  ruleSet: RuleSet,
): Record<string, unknown> {
  if (position.filledBy !== 'election')
    throw new DomainRuleViolation(
      'election.post_not_elected',
      `positionId: ${position.title} (${position.id}) is filled by ${position.filledBy}, not by election; open an appointment instead`,
      'unprocessable',
      'positionId',
    );
  const party = unitsUp.find((unit) => unit.kind === 'party_committee');
  if (party)
    throw new DomainRuleViolation(
      'election.party_post',
      `positionId: ${position.title} (${position.id}) is a Party post (${party.id} is a Party committee); the People's Council does not elect it (election.nomination: Luật Tổ chức chính quyền địa phương 2025), the Party's congress or committee does`,
      'unprocessable',
      'positionId',
    );
  return {
    confirmedBy: ruleValue<Record<string, string>>(ruleSet, CONFIRMED_BY),
    confirmationRule: ruleCitation(ruleSet, CONFIRMED_BY),
  };
}

/** The council's election the case recorded (the last one, as corrected). */
function electionOf(state: ExistingCase): ElectionResult {
  const found = [...state.steps]
    .reverse()
    .find(
      (event): event is Extract<CaseEvent, { type: 'ElectionResultRecorded' }> =>
        event.type === 'ElectionResultRecorded',
    );
  if (!found) throw new Error(`case ${state.caseId} has no council election recorded`);
  return found.data;
}

/**
 * An elected post's term follows the council's (khóa): it ends when the council's term does, its
 * years counted from the council's first session (`election.councilTermYears`), however late in
 * the term the person was elected. A confirmation taking effect after that end is refused.
 */
export function electedPostTerm(
  ruleSet: RuleSet,
  state: ExistingCase,
  effectiveFrom: string,
  requestedYears?: number,
): DecisionTerm {
  const { councilTermFrom } = electionOf(state);
  const { years, termEnd, rule } = councilTerm(ruleSet, councilTermFrom);
  if (requestedYears !== undefined)
    throw new DomainRuleViolation(
      'election.term_follows_council',
      `termYears: an elected post's term ends with the council's term on ${termEnd} (${rule}); leave termYears out`,
      'unprocessable',
      'termYears',
    );
  if (effectiveFrom >= termEnd)
    throw new DomainRuleViolation(
      'election.council_term_ended',
      `effectiveFrom: ${effectiveFrom} is not before the end of the council's term on ${termEnd} (${rule})`,
      'unprocessable',
      'effectiveFrom',
    );
  return {
    termYears: years,
    termEnd,
    termRule: `the council's term from ${councilTermFrom}: ${rule}`,
    details: { applied: 'council_term', councilTermFrom },
  };
}
