import { PersonState } from '../cadres/person/person.state';
import { loadStream } from '../common/stream-command-runner';
import { EventStore } from '../event-store/event-store.port';
import { disciplineStream } from '../procedures/discipline/discipline-stream';
import { disciplineDecider } from '../procedures/discipline/discipline.decider';
import {
  OtherDisciplineCase,
  sameViolationHandled,
  VIOLATION_ALREADY_HANDLED_RULE,
} from '../procedures/discipline/violation-handled-once';
import { canonicalViolationCategory } from '../procedures/discipline/violation-category-names';
import { importedDisciplineAsCase } from '../procedures/discipline/imported-discipline-as-case';
import { PlannedCommand, problemAt } from './import-plan';
import { RowProblem } from './row-problem';

/** The discipline cases of the people the file's discipline rows name, by person, as the rule reads them. */
export type DisciplineCasesOf = ReadonlyMap<string, readonly OtherDisciplineCase[]>;

/** The day a discipline row says its violation was committed («Ngày vi phạm»), if it says. */
const committedOnOf = (step: PlannedCommand): string | undefined =>
  step.command.type === 'RecordDiscipline'
    ? (step.row.values as { violationCommittedOn?: string }).violationCommittedOn
    : undefined;

/**
 * The discipline cases, open or decided, of each person a discipline row with a violation day
 * names: those their record names, each read from its own stream (an imported record has none: it
 * is read from the record, a decided case when its row gave the violation's day). `reaches`: whether the importer's grant reaches a case's unit (a case
 * outside it is not named).
 */
export async function readDisciplineCases(
  store: EventStore,
  reaches: (unitId: string) => Promise<boolean>,
  planned: readonly PlannedCommand[],
  records: ReadonlyMap<string, { state: PersonState }>,
): Promise<DisciplineCasesOf> {
  const cases = new Map<string, OtherDisciplineCase[]>();
  for (const personId of new Set(planned.filter(committedOnOf).map((step) => step.personId))) {
    const state = records.get(personId)?.state;
    if (state?.status !== 'registered') continue;
    const ids = new Set([
      ...state.openCases.filter((open) => open.procedure === 'discipline').map((c) => c.caseId),
      ...state.discipline.map((record) => record.caseId),
    ]);
    const read = await Promise.all(
      [...ids].map(async (caseId): Promise<OtherDisciplineCase | null> => {
        const { state: c } = await loadStream(store, disciplineStream(caseId), disciplineDecider);
        if (c.status === 'none') {
          // Imported from paper: its record, when its row gave the violation's day.
          const record = state.discipline.find((d) => d.caseId === caseId);
          return record?.violationCommittedOn
            ? importedDisciplineAsCase(record, await reaches(record.orgUnitId))
            : null;
        }
        const { category, committedOn, distinctViolation } = c.violation;
        return {
          caseId,
          track: c.track,
          violation: { category, committedOn, ...(distinctViolation ? { distinctViolation } : {}) },
          status: c.status,
          withinGrant: await reaches(c.orgUnitId),
        };
      }),
    );
    cases.set(
      personId,
      read.filter((c): c is OtherDisciplineCase => c !== null),
    );
  }
  return cases;
}

/**
 * One violation is disciplined once, with one form, on each track (Nghị định 112/2020/NĐ-CP art.
 * 2(2); Quy định 69-QĐ/TW), on paper as through a case: a discipline row whose violation (its
 * category and «Ngày vi phạm») a case of the track already handles, open or decided, or an earlier
 * row of the file records on the same track, is refused at «Ngày vi phạm», naming the case (within
 * the grant) or the row. A row without a violation day is not compared: nothing tells its
 * violation from another of that category.
 */
export class ViolationsInFile {
  /** The rows taken so far, by person: each as the rule reads a decided case, and where it is. */
  private readonly taken = new Map<
    string,
    { other: OtherDisciplineCase; step: PlannedCommand }[]
  >();

  constructor(private readonly cases: DisciplineCasesOf | undefined) {}

  /** The row's problem when its violation is handled already; null otherwise. */
  problemOf(step: PlannedCommand): RowProblem | null {
    const own = this.asCase(step);
    if (!own || step.command.type !== 'RecordDiscipline') return null;
    const rows = this.taken.get(step.personId) ?? [];
    const others = [...(this.cases?.get(step.personId) ?? []), ...rows.map((r) => r.other)];
    const other = sameViolationHandled(own, others);
    if (!other) return null;
    const row = rows.find((r) => r.other === other)?.step;
    const which = row
      ? `row ${row.row.line} of this file (decision ${(row.command.data as { decisionRef: string }).decisionRef})`
      : other.withinGrant
        ? `case ${other.caseId} (${other.status === 'open' ? 'open' : 'decided'})`
        : 'a case opened by another unit';
    // Named by its current code (`land` is `land_management`), as the two rows are compared.
    const category = canonicalViolationCategory(own.violation.category);
    const { committedOn } = own.violation;
    return problemAt(
      step.row,
      'violationCommittedOn',
      VIOLATION_ALREADY_HANDLED_RULE,
      `violationCommittedOn: the ${category} violation of ${committedOn} is already handled on the ${own.track} track by ${which}; one violation is disciplined once, with one form (Nghị định 112/2020/NĐ-CP art. 2(2); Quy định 69-QĐ/TW): record it once`,
    );
  }

  /**
   * «Ngày vi phạm» before the person was born (a mistyped year), as `POST /discipline-cases`
   * refuses it (discipline.violation_before_birth); the record, or the file's people sheet, says
   * the birth day.
   */
  static beforeBirth(step: PlannedCommand, state: PersonState): RowProblem | null {
    const committedOn = committedOnOf(step);
    if (!committedOn || state.status !== 'registered') return null;
    const born = state.profile.dateOfBirth;
    if (committedOn >= born) return null;
    return problemAt(
      step.row,
      'violationCommittedOn',
      'discipline.violation_before_birth',
      `violationCommittedOn: ${committedOn} is before ${step.personId} was born (${born})`,
    );
  }

  /** The row was taken: a later row of the file on its violation is refused. */
  taking(step: PlannedCommand): void {
    const other = this.asCase(step);
    if (!other) return;
    this.taken.set(step.personId, [...(this.taken.get(step.personId) ?? []), { other, step }]);
  }

  /** A discipline row with a violation day, as the rule reads a decided case. */
  private asCase(step: PlannedCommand): OtherDisciplineCase | null {
    const committedOn = committedOnOf(step);
    if (step.command.type !== 'RecordDiscipline' || !committedOn) return null;
    const { caseId, track, violationCategory } = step.command.data;
    return {
      caseId,
      track,
      violation: { category: violationCategory, committedOn },
      status: 'decided',
      withinGrant: true,
    };
  }
}
