/** The planning pool's structure targets of the rule set (`planning.targets`). */
export interface PlanningTargets {
  womenPercent: number;
  youngPercent: number;
  youngUnderAge: { central: number; local: number };
}

export interface PoolMember {
  personId: string;
  gender: string | null;
  dateOfBirth: string | null;
}

export interface TargetShare {
  count: number;
  /** Share of the people in the pool, in percent with one decimal; null for an empty pool. */
  percent: number | null;
  targetPercent: number;
  met: boolean;
}

/** Age in whole years on a day (YYYY-MM-DD), from a date of birth. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

function share(count: number, total: number, target: number): TargetShare {
  const percent = total === 0 ? null : Math.round((count / total) * 1000) / 10;
  return { count, percent, targetPercent: target, met: percent !== null && percent >= target };
}

/**
 * Women and young people among the distinct people of a pool against the rule set's targets; the
 * age limit for "young" is the one for provincial and district posts (the registry's units are
 * local), judged on `day`.
 */
export function poolAgainstTargets(
  members: readonly PoolMember[],
  targets: PlanningTargets,
  day: string,
) {
  const people = [...new Map(members.map((m) => [m.personId, m])).values()];
  const women = people.filter((p) => p.gender === 'female').length;
  const young = people.filter(
    (p) => p.dateOfBirth !== null && ageOn(p.dateOfBirth, day) < targets.youngUnderAge.local,
  ).length;
  return {
    people: people.length,
    women: share(women, people.length, targets.womenPercent),
    young: {
      ...share(young, people.length, targets.youngPercent),
      underAge: targets.youngUnderAge.local,
    },
  };
}
