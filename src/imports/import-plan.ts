import { createHash } from 'node:crypto';
import { PersonCommand } from '../cadres/person/person.decider';
import { disciplineBar } from '../procedures/discipline/discipline.rules';
import { disciplineValidity } from '../procedures/discipline/decision-effects';
import { DisciplineTrack } from '../procedures/discipline/discipline.events';
import { DisciplineBlock, trackOfBlock } from './discipline-block';
import { RuleSet, RuleTrack } from '../workflow/rule-sets/rule-set';
import { SHEET_KINDS } from './import-template';
import { importableForms, importedCouncilResolution } from './imported-discipline-rules';
import { ImportRow, ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';
import { partlyReadDayProblems } from './partly-read-days';

/** One registry command an import row asks for, with the seed of its event ids. */
export interface PlannedCommand {
  row: ImportRow;
  personId: string;
  command: PersonCommand;
  idSeed: string;
}

export interface PlanContext {
  /** The rule set in force on a day for a track (a discipline's bar is judged by its own day's rules). */
  ruleSetOn(day: string, track: RuleTrack): RuleSet | undefined;
  /** The unit a person is registered in, from the file or the registry. */
  unitOf(personId: string): string | undefined;
  /** Today in Vietnam: a decision on paper was signed by then. */
  today: string;
}

/** Where a refusal of this row points: the named field's cell, else the row's first key cell. */
export function problemAt(
  row: ReadRow,
  field: string | undefined,
  rule: string,
  message: string,
): RowProblem {
  const at = (field && row.cells[field]) || Object.values(row.cells)[0];
  return {
    sheet: row.sheet,
    line: row.line,
    column: at?.header ?? null,
    ...(at ? { cell: at.cell } : {}),
    rule,
    message,
  };
}

/** The paper record's stand-in for the discipline case id the register keys records by. */
export const importedDisciplineId = (personId: string, decisionRef: string): string =>
  `paper-${createHash('sha256').update(`${personId}\u001f${decisionRef}`).digest('hex').slice(0, 20)}`;

const RULE_TRACK: Record<DisciplineTrack, RuleTrack> = { party: 'party', civil_service: 'state' };

/**
 * The registry commands of the rows, people first, then posts, planning and discipline, each
 * person's in the order of the file. Pure: the rule sets come in through the context.
 */
export function planImport(
  rows: ImportRow[],
  context: PlanContext,
  partlyRead: ReadRow[] = [],
): { planned: PlannedCommand[]; problems: RowProblem[] } {
  const planned: PlannedCommand[] = [];
  const problems = partlyRead.flatMap((row) => [
    ...partlyReadDisciplineProblems(row, context),
    ...partlyReadDayProblems(row, context.today),
  ]);
  const ordered = [...rows].sort(
    (a, b) => SHEET_KINDS.indexOf(a.kind) - SHEET_KINDS.indexOf(b.kind) || a.line - b.line,
  );
  for (const row of ordered) {
    const v = row.values as Record<string, string>;
    const personId = v.personId;
    const idSeed = `import:${row.kind}:${row.key}:${row.contentHash}`;
    const plan = (command: PersonCommand) => planned.push({ row, personId, command, idSeed });
    switch (row.kind) {
      case 'people':
        plan({ type: 'RegisterPerson', data: row.values as never });
        break;
      case 'posts':
        plan({
          type: 'AssignPost',
          data: {
            personId,
            positionId: v.positionId,
            from: v.from,
            termEnd: v.termEnd ?? null,
            decisionRef: v.decisionRef,
            ...(v.electedOn ? { electedOn: v.electedOn } : {}),
          },
        });
        break;
      case 'planning':
        plan({
          type: 'AddPlanningPoolEntry',
          data: { personId, positionId: v.positionId, term: v.term, decisionRef: v.decisionRef },
        });
        break;
      case 'discipline': {
        const command = disciplineCommand(row, context);
        if (Array.isArray(command)) problems.push(...command);
        else plan(command);
        break;
      }
    }
  }
  return { planned, problems };
}

/**
 * A discipline on paper, judged by the rule set in force on its decision day for its track; every
 * check the row fails is told at once (a day after today, a form the rule set lacks, an effective
 * day before the decision, half of the electing council's resolution).
 */
function disciplineCommand(row: ImportRow, context: PlanContext): PersonCommand | RowProblem[] {
  const v = row.values as Record<string, string> & { track: DisciplineBlock };
  const { track, serviceStatus } = trackOfBlock(v.track);
  const ruleSet = context.ruleSetOn(v.decidedOn, RULE_TRACK[track]);
  const problems = disciplineProblems(row, context.today, ruleSet);
  const council = importedCouncilResolution(row);
  if (council.problem) problems.push(council.problem);
  if (problems.length > 0 || !ruleSet) return problems;
  const effectiveFrom = v.effectiveFrom ?? v.decidedOn;
  const orgUnitId = v.orgUnitId ?? context.unitOf(v.personId);
  const bar = disciplineBar(ruleSet, v.form, effectiveFrom);
  return {
    type: 'RecordDiscipline',
    data: {
      personId: v.personId,
      caseId: importedDisciplineId(v.personId, v.decisionRef),
      track,
      // «Cán bộ»: whom the decision disciplined, as the register's «Khối» names it.
      ...(serviceStatus ? { serviceStatus } : {}),
      form: v.form,
      decidedOn: v.decidedOn,
      effectiveFrom,
      decisionRef: v.decisionRef,
      barEndsOn: bar.barEndsOn,
      ...(bar.barScope ? { barScope: bar.barScope } : {}),
      // The sheet has no day of announcement: a Party decision's months of effect count from
      // its effective day (the Charter has it take effect on its announcement), else its date.
      ...inEffectUntilOf(disciplineValidity(ruleSet, v.form, { effectiveFrom })),
      ruleSetId: ruleSet.id,
      violationCategory: v.violationCategory,
      // Kept on the record: a case or a later file on the same violation is then refused.
      ...(v.violationCommittedOn ? { violationCommittedOn: v.violationCommittedOn } : {}),
      orgUnitId: orgUnitId ?? '',
      ...(council.resolution ? { councilResolution: council.resolution } : {}),
    },
  };
}

/**
 * The rules a discipline row with a cell that could not be read breaks in the cells that could:
 * a clerk meets the form the rule set lacks together with the unreadable category, not after
 * fixing it. The rule set needs the row's day and track.
 */
function partlyReadDisciplineProblems(row: ReadRow, context: PlanContext): RowProblem[] {
  if (row.kind !== 'discipline') return [];
  const v = row.values as Partial<Record<string, string>> & { track?: DisciplineBlock };
  if (v.decidedOn === undefined || v.track === undefined) return [];
  return disciplineProblems(
    row,
    context.today,
    context.ruleSetOn(v.decidedOn, RULE_TRACK[trackOfBlock(v.track).track]),
  );
}

/**
 * Every rule a discipline row breaks (each independent of the others, so all are told); of a row
 * read in part, those its read cells break (a form left unread is not judged).
 */
function disciplineProblems(
  row: ReadRow,
  today: string,
  ruleSet: RuleSet | undefined,
): RowProblem[] {
  const v = row.values as Record<string, string> & { track: DisciplineBlock };
  const { track } = trackOfBlock(v.track);
  const problems: RowProblem[] = [];
  if (v.decidedOn > today)
    problems.push(
      problemAt(
        row,
        'decidedOn',
        'discipline.decided_in_the_future',
        `decidedOn: ${v.decidedOn} is after today (${today}); a discipline on record was decided by then`,
      ),
    );
  const forms = ruleSet ? importableForms(ruleSet, track) : [];
  if (!ruleSet)
    problems.push(
      problemAt(
        row,
        'decidedOn',
        'rule_set.none_in_force',
        `no rule set of the ${track} track is in force on ${v.decidedOn}`,
      ),
    );
  else if (v.form !== undefined && !forms.includes(v.form))
    problems.push(
      problemAt(
        row,
        'form',
        'discipline.form_not_in_rule_set',
        `${v.form} is not a ${track} form under ${ruleSet.id} (${forms.join(', ')})`,
      ),
    );
  problems.push(...violationDayProblems(row, today));
  const effectiveFrom = v.effectiveFrom ?? v.decidedOn;
  if (effectiveFrom < v.decidedOn)
    problems.push(
      problemAt(
        row,
        'effectiveFrom',
        'decision.effective_before_signed',
        `effective ${effectiveFrom} before the decision of ${v.decidedOn}`,
      ),
    );
  return problems;
}

/**
 * «Ngày vi phạm», when given, is a day the violation could have been committed on: not after today
 * (as `POST /discipline-cases` refuses, discipline.violation_in_future) and not after the decision
 * disciplining it. Its birth-day check needs the person's record (import-simulation).
 */
function violationDayProblems(row: ReadRow, today: string): RowProblem[] {
  const { violationCommittedOn: day, decidedOn } = row.values as Partial<Record<string, string>>;
  if (day === undefined) return [];
  if (day > today)
    return [
      problemAt(
        row,
        'violationCommittedOn',
        'discipline.violation_in_future',
        `violationCommittedOn: ${day} is after today (${today})`,
      ),
    ];
  if (decidedOn !== undefined && day > decidedOn)
    return [
      problemAt(
        row,
        'violationCommittedOn',
        'discipline.violation_after_decision',
        `violationCommittedOn: the violation of ${day} is after the decision of ${decidedOn} disciplining it`,
      ),
    ];
  return [];
}

/** The discipline's own validity, when the rule set names it (not the rule text: the record keeps dates). */
function inEffectUntilOf(validity: { inEffectUntil?: string | null }) {
  return 'inEffectUntil' in validity ? { inEffectUntil: validity.inEffectUntil } : {};
}
