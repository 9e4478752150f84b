/**
 * Rules apply by track: the Party's regulations to Party discipline, the State's laws and decrees
 * to civil servants and to the appointment procedures; some instruments (Quy định 377-QĐ/TW) to both.
 */
export const RULE_TRACKS = ['party', 'state'] as const;
export type RuleTrack = (typeof RULE_TRACKS)[number];

/** One rule parameter: its value and where it comes from (instrument and article). */
export interface RuleParameter<T = unknown> {
  value: T;
  citation: string;
  /** The instrument that set the value, when the set was composed from instruments. */
  instrumentId?: string;
  /** The day that instrument took effect (YYYY-MM-DD). */
  inForceFrom?: string;
}

/**
 * The parameters a case pins when it opens. Composed sets (`state-2025-10-08`) hold what was in
 * force on a track from a day on; the older whole sets (`vn-2022`, `vn-2025`) stay loadable for
 * the cases that pinned them and are never chosen for a new case (`pinnedOnly`).
 */
export interface RuleSet {
  id: string;
  title: string;
  /** First day in force, YYYY-MM-DD. */
  effectiveFrom: string;
  /** Last day in force, when a later set replaced it. */
  effectiveTo?: string;
  track?: RuleTrack;
  pinnedOnly?: boolean;
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

/** The set in force on a day (YYYY-MM-DD) for a track: the latest one that started on or before it. */
export function ruleSetInForce(
  ruleSets: RuleSet[],
  day: string,
  track: RuleTrack,
): RuleSet | undefined {
  return ruleSets
    .filter(
      (set) =>
        !set.pinnedOnly &&
        set.track === track &&
        set.effectiveFrom <= day &&
        (!set.effectiveTo || day <= set.effectiveTo),
    )
    .sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
}
