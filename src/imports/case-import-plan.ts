import { InvalidBody } from '../common/problems/invalid-body';
import { OpenCaseInput } from '../procedures/case/commands/case-commands';
import { StepBody } from '../procedures/case/decider/case.commands';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { parseStepBody } from '../procedures/case/step-body-validation';
import { ProcedureDefinition } from '../workflow/definitions/procedure-definition';
import { rowFieldOfBodyField, stepBodyOfRow } from './case-step-body';
import { problemAt } from './import-plan';
import { ImportRow } from './parse-rows';
import { RowProblem } from './row-problem';

export interface PlannedStep {
  row: ImportRow;
  stepId: string;
  body: StepBody;
}

/** A case under way on paper: its opening as POST /cases takes it, and its steps in file order. */
export interface PlannedCase {
  row: ImportRow;
  input: OpenCaseInput;
  steps: PlannedStep[];
}

/**
 * The cases of the file with their steps, each step's body read by its kind in the definition in
 * force on the case's opening day, and checked as the API checks a body. Pure: the definitions come
 * in through `definitionOn`.
 */
export function planCases(
  rows: ImportRow[],
  definitionOn: (ref: string, day: string) => ProcedureDefinition | undefined,
): { cases: PlannedCase[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const cases = new Map<string, PlannedCase & { definition?: ProcedureDefinition }>();
  for (const row of rows.filter((r) => r.kind === 'cases')) {
    const v = row.values as Record<string, string>;
    cases.set(v.caseId, {
      row,
      input: {
        caseId: v.caseId,
        procedure: v.procedure,
        definition: v.definition,
        personId: v.personId,
        positionId: v.positionId,
        orgUnitId: v.orgUnitId,
        summary: v.summary,
        fromPaper: { openedOn: v.openedOn, paperRecordRef: v.paperRecordRef },
      },
      steps: [],
      definition: definitionOn(v.definition, v.openedOn),
    });
  }
  const stepRows = rows.filter((r) => r.kind === 'caseSteps').sort((a, b) => a.line - b.line);
  for (const row of stepRows) {
    const planned = cases.get(row.values.caseId as string);
    if (!planned) {
      problems.push(
        problemAt(
          row,
          'caseId',
          'import.case_not_in_file',
          `case ${String(row.values.caseId)} is not on the sheet of cases (Hồ sơ đang giải quyết); a step is imported with its case`,
        ),
      );
      continue;
    }
    // A definition that does not resolve refuses the case's own row; its steps are not read.
    if (!planned.definition) continue;
    const step = stepOfRow(row, planned.definition);
    if ('rule' in step) problems.push(step);
    else planned.steps.push(step);
  }
  return {
    cases: [...cases.values()].map(({ row, input, steps }) => ({ row, input, steps })),
    problems,
  };
}

function stepOfRow(row: ImportRow, definition: ProcedureDefinition): PlannedStep | RowProblem {
  const stepId = row.values.stepId as string;
  const step = definition.steps.find((s) => s.id === stepId);
  if (!step)
    return problemAt(
      row,
      'stepId',
      'step.unknown',
      `${definition.id}@${definition.version} has no step "${stepId}" (${definition.steps.map((s) => s.id).join(', ')})`,
    );
  const assembled = stepBodyOfRow(step.kind, row.values);
  if ('strayField' in assembled)
    return problemAt(
      row,
      assembled.strayField,
      'import.column_not_for_step',
      `bước ${stepId} (${step.kind}) không có cột này (a ${step.kind} step does not take this column)`,
    );
  try {
    return { row, stepId, body: parseStepBody(step.kind, assembled.body) };
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    const message =
      error instanceof InvalidBody ? `${error.messages.vi} (${error.messages.en})` : error.message;
    return problemAt(row, rowFieldOfBodyField(error.field), error.rule, message);
  }
}
