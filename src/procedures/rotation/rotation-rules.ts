import { PlanningPoolEntry } from '../../cadres/person/person.state';
import { DecisionTerm, PostTerm } from '../case/decider/case.context';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { addMonths, retirementDate, wholeYearsBetween } from '../../workflow/rules/retirement';
import { planningTermEnd } from '../../cadres/planning/planning-term';
import { PlacementGroup, placementGroupOf } from './placement-group';
import { definitionOpeningRefusals } from '../case/definition-opening-checks';
import { refuseRotationWithinOwnUnit } from './same-unit-refusal';

export interface RotationOpeningInput {
  /** The definition says what opening checks (`openingChecks`); its id names the kind of move. */
  definition: Pick<ProcedureDefinition, 'id' | 'openingChecks'>;
  target: {
    id: string;
    rank: number;
    isLeadership: boolean;
    province: string | null;
    /** The target post's unit (absent: not judged against the posts held). */
    orgUnitId?: string;
  };
  /** The person's planning-pool entries with the rank of each entry's post. */
  planningPool: (PlanningPoolEntry & { rank: number | null })[];
  person: {
    id: string;
    dateOfBirth: string;
    gender: 'male' | 'female';
    /** Province of origin (quê quán), when recorded. */
    originProvince: string | null;
    /** Leadership posts held now of which a term already ended: the holder is in a further term. */
    leadershipPostsPastFirstTerm: string[];
    /** The posts held today with their units: a rotation leads out of each of them. */
    postsHeld?: { positionId: string; orgUnitId: string }[];
  };
  today: string;
  ruleSet: RuleSet;
}

/**
 * The checks the case's definition asks for when it opens (`openingChecks`): rotation (luân
 * chuyển) asks for a current planning-pool entry for the target post or a higher one and enough
 * working years left, each as the rule set says for the groups of Quy định 65-QĐ/TW art. 4(2);
 * transfer (điều động) asks for neither.
 */
export function rotationOpening(input: RotationOpeningInput): Record<string, unknown> {
  const [refused] = rotationOpeningRefusals(input);
  if (refused) throw refused;
  // The facts name the kind of move by the definition's family: rotation.standard → rotation.
  const kind = input.definition.id.split('.')[0];
  const placement = judgesPlacement(input.definition) ? placementGroupOf(input) : null;
  const exempt = placement?.planningExempt ?? false;
  const checksPool = input.definition.openingChecks?.includes('planning_pool') ?? false;
  const entry = checksPool && !exempt ? planningPoolEntry(input) : null;
  return {
    kind,
    ...(entry
      ? { planningPoolEntry: `${entry.positionId} (${entry.term}, ${entry.decisionRef})` }
      : {}),
    ...(placement ? { placementGroup: placement.group, placementReason: placement.reason } : {}),
  };
}

/**
 * Every refusal of the opening checks, not just the first: the opening throws the first, the
 * eligibility asked before opening (GET /cadres/:id/eligibility?procedure=rotation) lists them all.
 */
export function rotationOpeningRefusals(input: RotationOpeningInput): DomainRuleViolation[] {
  const checks = input.definition.openingChecks ?? [];
  const placement = judgesPlacement(input.definition) ? placementGroupOf(input) : null;
  const exempt = placement?.planningExempt ?? false;
  const refusals: DomainRuleViolation[] = [];
  const judge = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      refusals.push(error);
    }
  };
  // The checks every procedure's definition may name (the retirement age reached), judged as any
  // opening judges them, and first: one already retired is told so, not that too few years are
  // left (before Dec 2026: only rotation.too_close_to_retirement, and a transfer was allowed).
  const on = { ruleSet: input.ruleSet, day: input.today };
  const retired = definitionOpeningRefusals(input.definition, input.person.id, input.person, on);
  refusals.push(...retired);
  const { orgUnitId } = input.target;
  if (judgesPlacement(input.definition) && orgUnitId)
    judge(() =>
      refuseRotationWithinOwnUnit({ ...input.target, orgUnitId }, input.person.postsHeld ?? []),
    );
  if (checks.includes('planning_pool') && !exempt) judge(() => planningPoolEntry(input));
  // One who has retired is not told how many years (fewer than none) are left.
  if (checks.includes('years_to_retirement') && !retired.length)
    judge(() => refuseTooCloseToRetirement(input, placement));
  return refusals;
}

/**
 * Whether the definition asks the checks Quy định 65-QĐ/TW art. 4(2) sets by placement group (a
 * transfer asks neither: no group); `retirement_reached` holds for every move and asks no group.
 */
function judgesPlacement(definition: RotationOpeningInput['definition']): boolean {
  return (definition.openingChecks ?? []).some((check) => check !== 'retirement_reached');
}

function planningPoolEntry(input: RotationOpeningInput): PlanningPoolEntry {
  const forThePost = input.planningPool.filter(
    (e) => e.positionId === input.target.id || (e.rank !== null && e.rank >= input.target.rank),
  );
  const entry = forThePost.find((e) => planningTermEnd(e.term) >= input.today);
  if (entry) return entry;
  const over = (e: PlanningPoolEntry) =>
    planningTermEnd(e.term) < input.today ? `, term over on ${planningTermEnd(e.term)}` : '';
  throw new DomainRuleViolation(
    'rotation.no_planning_pool_entry',
    `positionId: rotation needs a current planning-pool entry for ${input.target.id} or a higher post; the person has ${
      input.planningPool.length
        ? input.planningPool.map((e) => `${e.positionId} (${e.term}${over(e)})`).join(', ')
        : 'none'
    }`,
    'unprocessable',
    'positionId',
  );
}

function refuseTooCloseToRetirement(
  input: RotationOpeningInput,
  placement: PlacementGroup | null,
): void {
  const param = placement
    ? 'rotation.minYearsToRetirementForPlacement'
    : 'rotation.minYearsToRetirement';
  const needed = ruleValue<number>(input.ruleSet, param);
  const retires = retirementDate(input.ruleSet, input.person.dateOfBirth, input.person.gender);
  const left = wholeYearsBetween(input.today, retires);
  if (left < needed) {
    const group = placement ? ` as ${placement.group}` : '';
    throw new DomainRuleViolation(
      'rotation.too_close_to_retirement',
      `retires on ${retires}: ${Math.max(left, 0)} whole years left, rotation${group} needs ${needed} (${ruleCitation(input.ruleSet, param)})`,
      'unprocessable',
      'personId',
    );
  }
}

/**
 * A rotation's planned period (luân chuyển: at least `rotation.minYears`, Quy định 65-QĐ/TW) and
 * a transfer's, which the decision states only if it gives one: no instrument read sets a least
 * period for a transfer (điều động), so its definition names no `minDurationParam`. Either is at
 * most the set's `rotation.maxPlannedYears` (a setting against entry errors). The period is not
 * the post's term (`leadershipPostTerm`).
 */
export function rotationTerm(
  ruleSet: RuleSet,
  effectiveFrom: string,
  requestedYears: number | undefined,
  minDurationParam: string | undefined,
): DecisionTerm {
  if (requestedYears === undefined && minDurationParam === undefined)
    return {
      termRule:
        'no planned period: the transfer decision states none, and no instrument read sets a least period for a transfer (điều động)',
    };
  const minimum =
    minDurationParam === undefined ? null : ruleValue<number>(ruleSet, minDurationParam);
  const maximum = ruleValue<number>(ruleSet, 'rotation.maxPlannedYears');
  const years = requestedYears ?? minimum!;
  if (minimum !== null && years < minimum) {
    throw new DomainRuleViolation(
      'rotation.duration_below_minimum',
      `termYears: the move lasts at least ${minimum} years, ${years} given (${minDurationParam}: ${ruleCitation(ruleSet, minDurationParam!)})`,
      'unprocessable',
      'termYears',
    );
  }
  if (years > maximum) {
    throw new DomainRuleViolation(
      'rotation.duration_above_maximum',
      `termYears: must not be greater than ${maximum} (${ruleCitation(ruleSet, 'rotation.maxPlannedYears')})`,
      'invalid',
      'termYears',
    );
  }
  return {
    termYears: years,
    termEnd: addMonths(effectiveFrom, years * 12),
    termRule:
      minimum === null
        ? `planned duration ${years} years, as the decision states`
        : `planned duration ${years} years, at least ${minimum} (${minDurationParam}, ${ruleSet.id})`,
  };
}

/**
 * A leadership or management post taken up through a rotation or a transfer is held on an
 * appointment term (bổ nhiệm có thời hạn): the rule set's `appointment.termYears` from the
 * decision's effective day, as an appointment's (Nghị định 138/2020/NĐ-CP art. 41(1): each
 * appointment to a leadership post is for 5 years from the decision's effective day, as restated;
 * text not checked). The rotation's own period does not end it.
 */
export function leadershipPostTerm(ruleSet: RuleSet, effectiveFrom: string): PostTerm {
  const years = ruleValue<number>(ruleSet, 'appointment.termYears');
  return {
    termYears: years,
    termEnd: addMonths(effectiveFrom, years * 12),
    termRule: `leadership post held on an appointment term: ${ruleSet.id}: ${ruleCitation(ruleSet, 'appointment.termYears')}`,
  };
}
