import { RuleSet, ruleCitation, ruleValue } from '../workflow/rule-sets/rule-set';
import { isNonLocal } from './non-local';
import { PersonnelReportQueries } from './personnel-report.queries';
import { PlanningTargets, poolAgainstTargets } from './planning-targets';
import { ReportPeriod } from './report-period';

/** The procedures whose decided cases the report always lists, even at zero. */
export const REPORTED_PROCEDURES = [
  'appointment',
  'reappointment',
  'rotation',
  'transfer',
] as const;

export type PersonnelReport = Awaited<ReturnType<typeof buildPersonnelReport>>;

/**
 * The counts the seeds' reports quote, for a unit's subtree: cases decided and people disciplined
 * in the period, and, as the registry stands today, leaders not from the province they serve in
 * and the planning pool's women and young people against the rule set's targets.
 */
export async function buildPersonnelReport(
  queries: PersonnelReportQueries,
  input: { orgUnitId: string; period: ReportPeriod; today: string; ruleSet: RuleSet },
) {
  const { orgUnitId, period, today, ruleSet } = input;
  const [decided, disciplined, disciplineTotals, disciplinedPeople, leaders, provinces, pool] =
    await Promise.all([
      queries.decidedCases(orgUnitId, period),
      queries.disciplined(orgUnitId, period),
      queries.disciplineTotals(orgUnitId, period),
      queries.disciplinedPeople(orgUnitId, period),
      queries.leaderPosts(orgUnitId, today),
      queries.provinces(),
      queries.poolEntries(orgUnitId),
    ]);
  const totals: Record<string, number> = Object.fromEntries(REPORTED_PROCEDURES.map((p) => [p, 0]));
  for (const row of decided) totals[row.procedure] = (totals[row.procedure] ?? 0) + row.count;

  const judged = leaders.map((row) => {
    const provinceId = [...row.unitPath].reverse().find((id) => provinces.has(id));
    const province = provinceId ? provinces.get(provinceId)! : null;
    return { ...row, province, nonLocal: isNonLocal(row.originProvince, province) };
  });
  const targets = ruleValue<PlanningTargets>(ruleSet, 'planning.targets');
  return {
    orgUnitId,
    period,
    asOf: today,
    ruleSet: ruleSet.id,
    decisions: { rows: decided, totals },
    discipline: { people: disciplinedPeople, rows: disciplined, totals: disciplineTotals },
    nonLocalLeaders: {
      leaders: new Set(judged.map((r) => r.personId)).size,
      withOrigin: new Set(judged.filter((r) => r.nonLocal !== null).map((r) => r.personId)).size,
      nonLocal: new Set(judged.filter((r) => r.nonLocal).map((r) => r.personId)).size,
      people: judged
        .filter((r) => r.nonLocal)
        .map(({ unitPath: _path, nonLocal: _nonLocal, ...r }) => r),
    },
    planningPool: {
      entries: pool.length,
      ...poolAgainstTargets(pool, targets, today),
      citation: ruleCitation(ruleSet, 'planning.targets'),
    },
  };
}
