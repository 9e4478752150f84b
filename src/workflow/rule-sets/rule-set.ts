/** One rule parameter: its value and where it comes from (document and article). */
export interface RuleParameter<T = unknown> {
  value: T;
  citation: string;
}

/** A versioned set of rule parameters in force from a date (vn-2022, vn-2025, …). */
export interface RuleSet {
  id: string;
  title: string;
  /** First day in force, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Last day in force, when a later set replaced it. */
  effectiveTo?: string;
  params: Record<string, RuleParameter>;
}

export class MissingRuleParameter extends Error {
  constructor(ruleSetId: string, name: string) {
    super(`rule set ${ruleSetId} has no parameter "${name}"`);
    this.name = 'MissingRuleParameter';
  }
}

/** A parameter's value; a missing one is a configuration defect, so it throws with its name. */
export function ruleValue<T>(ruleSet: RuleSet, name: string): T {
  const param = ruleSet.params[name];
  if (!param) throw new MissingRuleParameter(ruleSet.id, name);
  return param.value as T;
}

export function ruleCitation(ruleSet: RuleSet, name: string): string {
  const param = ruleSet.params[name];
  if (!param) throw new MissingRuleParameter(ruleSet.id, name);
  return param.citation;
}

/** The rule set in force on a day (YYYY-MM-DD): the latest one that started on or before it. */
export function ruleSetInForce(ruleSets: RuleSet[], day: string): RuleSet | undefined {
  return [...ruleSets]
    .filter((set) => set.effectiveFrom <= day && (!set.effectiveTo || day <= set.effectiveTo))
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}
