import { RuleSet, ruleCitation, ruleValue } from '../../workflow/rule-sets/rule-set';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';

const CADRE = 'removal.suspension.maxDays';
const CIVIL_SERVANT = 'removal.suspension.maxDaysCivilServant';

/** A suspension's longest period as a rule set states it; sets before Dec 2026 count calendar days. */
interface SuspensionPeriodValue {
  days: number;
  unit?: 'days' | 'working_days';
  /** The extension the rule allows; null where none was found. */
  extensionDays: number | null;
}

export interface SuspensionPeriod {
  days: number;
  unit: 'days' | 'working_days';
  extensionDays: number | null;
  param: string;
  rule: string;
}

/**
 * How long a suspension (tạm đình chỉ công tác) lasts at most: a civil servant's under
 * `removal.suspension.maxDaysCivilServant` (Nghị định 138/2020 art. 68a, added by Nghị định
 * 116/2024: 15 working days), a cadre's under `removal.suspension.maxDays` (Luật Cán bộ, công
 * chức art. 81: 15 days, extendable by 15). A set without the civil servant's figure, or a person
 * whose status the open discipline case does not say, takes the cadre's.
 */
export function suspensionPeriod(
  ruleSet: RuleSet,
  serviceStatus?: 'cadre' | 'civil_servant',
): SuspensionPeriod {
  const param =
    serviceStatus === 'civil_servant' && ruleSet.params[CIVIL_SERVANT] ? CIVIL_SERVANT : CADRE;
  const value = ruleValue<SuspensionPeriodValue>(ruleSet, param);
  return {
    days: value.days,
    unit: value.unit ?? 'days',
    extensionDays: value.extensionDays,
    param,
    rule: ruleCitation(ruleSet, param),
  };
}

/**
 * Tạm đình chỉ công tác: only while a discipline case about the person is being considered; its
 * period is the civil servant's when an open case runs the person as one, else the cadre's. The
 * facts name the cases the case's unit reaches and count the others, and how many of those a
 * unit not above the case's unit opened (`disciplineCasesByAnotherUnit`, absent when none: facts
 * kept before it was told each as opened by a unit above).
 */
export function suspensionOpening(
  record: {
    openDisciplineCases: string[];
    openDisciplineCasesElsewhere?: number;
    openDisciplineCasesByAnotherUnit?: number;
    openDisciplineCasesAs: ('cadre' | 'civil_servant')[];
  },
  ruleSet: RuleSet,
): Record<string, unknown> {
  const elsewhere = record.openDisciplineCasesElsewhere ?? 0;
  const byAnotherUnit = record.openDisciplineCasesByAnotherUnit ?? 0;
  if (record.openDisciplineCases.length + elsewhere === 0)
    throw new DomainRuleViolation(
      'removal.suspension_without_discipline_case',
      `no discipline case about the person is open: suspension is only for the time a discipline case is considered (${suspensionPeriod(ruleSet).rule})`,
      'unprocessable',
      'personId',
    );
  const as = record.openDisciplineCasesAs;
  const serviceStatus = as.includes('civil_servant')
    ? 'civil_servant'
    : as.includes('cadre')
      ? 'cadre'
      : undefined;
  const period = suspensionPeriod(ruleSet, serviceStatus);
  return {
    disciplineCases: record.openDisciplineCases,
    // A case a unit above (or another unit) opened grounds the suspension too; the case's unit
    // may not read its id.
    ...(elsewhere ? { disciplineCasesElsewhere: elsewhere } : {}),
    ...(byAnotherUnit ? { disciplineCasesByAnotherUnit: byAnotherUnit } : {}),
    ...(serviceStatus ? { serviceStatus } : {}),
    maxDays: period.days,
    unit: period.unit,
    rule: period.rule,
  };
}
