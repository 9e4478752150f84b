import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Clock, CLOCK } from '../common/clock';
import { vietnamDay } from '../common/vietnam-day';
import { EventMetadata } from '../event-store/event-envelope';
import { Actor } from '../identity/actor';
import { ACCESS } from '../identity/allow.decorator';
import { OrgScope } from '../identity/org-scope';
import { CaseRehearsal, RehearsedOutcome } from '../procedures/case/case-rehearsal';
import { refusalForReader } from '../procedures/case/duplicate-open-case';
import { OpenCase, PerformCaseStep } from '../procedures/case/commands/case-commands';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { PlannedCase, planCases } from './case-import-plan';
import { rowFieldOfBodyField } from './case-step-body';
import { problemAt } from './import-plan';
import { ImportRow } from './parse-rows';
import { RowProblem } from './row-problem';

/** A planned case with what writing it would do: its opening and each step, `write` or `unchanged`. */
export interface CheckedCase {
  planned: PlannedCase;
  opening: 'write' | 'unchanged';
  steps: ('write' | 'unchanged')[];
}

export interface CaseImportCheck {
  cases: CheckedCase[];
  problems: RowProblem[];
  outOfScope: RowProblem[];
}

/**
 * Cases under way on paper, from the sheets of cases and steps: each opened as of its day (the
 * definition and rule set in force then) and its recorded steps performed with their dates, through
 * the same commands as `POST /cases` and `POST /cases/:id/steps/:stepId`, so the same rules judge
 * them; a dry run decides them all without appending (CaseRehearsal).
 */
@Injectable()
export class CaseImport {
  constructor(
    private readonly rehearsal: CaseRehearsal,
    private readonly commands: CommandBus,
    private readonly scope: OrgScope,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(rows: ImportRow[], actor: Actor): Promise<CaseImportCheck> {
    const caseRows = rows.filter((row) => row.kind === 'cases' || row.kind === 'caseSteps');
    if (caseRows.length === 0) return { cases: [], problems: [], outOfScope: [] };
    // As for one case opened as of a past day: only a records clerk back-dates a case.
    if (!ACCESS.caseOpenFromPaper.some((role) => actor.roles.includes(role)))
      throw new DomainRuleViolation(
        'case.opened_on_needs_records_clerk',
        `file: importing cases under way (sheets Hồ sơ đang giải quyết, Bước đã thực hiện) needs the role ${ACCESS.caseOpenFromPaper.join(' or ')}; nothing was imported`,
        'forbidden',
        'file',
      );
    const plan = planCases(caseRows, (ref, day) => this.catalog.resolveDefinitionOn(ref, day));
    const problems = [...plan.problems];
    const outOfScope = await this.candidatesOutOfScope(plan.cases, actor);
    const checked: CheckedCase[] = [];
    const today = vietnamDay(this.clock.now());
    // One open case per procedure, person and post, within the file as on the service.
    const slots = new Map<string, string>();
    const outside = new Set(outOfScope.map((p) => `${p.sheet}\u001f${p.line}`));
    for (const planned of plan.cases) {
      // A case naming someone outside the grant is not rehearsed: its refusals could tell of them.
      if (planned.steps.some((step) => outside.has(`${step.row.sheet}\u001f${step.row.line}`)))
        continue;
      const early = beforeRehearsal(planned, slots, today);
      if (early) {
        problems.push(early);
        continue;
      }
      const result = await this.rehearsal.rehearse(planned.input, planned.steps, actor);
      const opening =
        result.opening.outcome === 'refused'
          ? {
              ...result.opening,
              refusal: await refusalForReader(result.opening.refusal, this.scope, actor),
            }
          : result.opening;
      const caseProblems = [
        refusalAt(planned.row, opening, 'caseId'),
        ...planned.steps.map((step, i) => refusalAt(step.row, result.steps[i], 'stepId')),
      ].filter((p): p is RowProblem => p !== null);
      problems.push(...caseProblems);
      if (caseProblems.length === 0)
        checked.push({
          planned,
          opening: result.opening.outcome as 'write' | 'unchanged',
          steps: result.steps.map((s) => s.outcome as 'write' | 'unchanged'),
        });
    }
    return { cases: checked, problems, outOfScope };
  }

  /** Opens each case and performs its steps, in file order, by the commands the API sends. */
  async write(cases: CheckedCase[], actor: Actor, metadata: EventMetadata): Promise<number> {
    let written = 0;
    for (const { planned, opening, steps } of cases) {
      const { input } = planned;
      const seed = (row: ImportRow) => `import:${row.kind}:${row.key}:${row.contentHash}`;
      if (opening === 'write') {
        // Audited as for POST /cases with openedOn: the opening says it was back-dated.
        const options = {
          actor,
          metadata: { ...metadata, openedAsOf: input.fromPaper!.openedOn },
          idSeed: seed(planned.row),
        };
        await this.commands.execute(new OpenCase(input, options));
        written += 1;
      }
      for (const [i, step] of planned.steps.entries()) {
        if (steps[i] !== 'write') continue;
        const options = { actor, metadata: { ...metadata }, idSeed: seed(step.row) };
        await this.commands.execute(
          new PerformCaseStep(input.caseId, step.stepId, step.body, options),
        );
        written += 1;
      }
    }
    return written;
  }

  /** A nomination names people: each one inside the caller's grant, as the API checks them. */
  private async candidatesOutOfScope(cases: PlannedCase[], actor: Actor): Promise<RowProblem[]> {
    const problems: RowProblem[] = [];
    for (const step of cases.flatMap((c) => c.steps))
      for (const candidate of step.body.kind === 'nomination' ? step.body.candidates : []) {
        const unit = await this.scope.personUnit(candidate.personId);
        if (!unit || !(await this.scope.reaches(actor, unit)))
          problems.push(
            problemAt(
              step.row,
              'candidates',
              'scope.out_of_scope',
              `person ${candidate.personId} is not registered in any unit your grant for ${actor.orgUnit} covers`,
            ),
          );
      }
    return problems;
  }
}

/**
 * What refuses a case's row before its commands are decided: a second case of the file for the
 * same procedure, person and post (the service keeps one open), or an opening day after today.
 */
function beforeRehearsal(
  planned: PlannedCase,
  slots: Map<string, string>,
  today: string,
): RowProblem | null {
  const { procedure, personId, positionId, caseId, fromPaper } = planned.input;
  const slot = `${procedure}|${personId}|${positionId}`;
  const holder = slots.get(slot);
  if (holder !== undefined)
    return problemAt(
      planned.row,
      'personId',
      'case.duplicate_open',
      `${personId} already has an open ${procedure} case for post ${positionId} in this file: ${holder}`,
    );
  slots.set(slot, caseId);
  if (fromPaper!.openedOn > today)
    return problemAt(
      planned.row,
      'openedOn',
      'case.opened_in_the_future',
      `openedOn: ${fromPaper!.openedOn} is after today (${today})`,
    );
  return null;
}

/** The refusal of an opening or a step as a bad row, naming the column of the field at fault. */
function refusalAt(row: ImportRow, outcome: RehearsedOutcome, fallback: string): RowProblem | null {
  if (outcome.outcome !== 'refused') return null;
  const { refusal } = outcome;
  const named = rowFieldOfBodyField(refusal.field);
  const field = named && row.cells[named] ? named : fallback;
  return problemAt(row, field, refusal.rule, refusal.message);
}
