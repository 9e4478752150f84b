import { vietnamDay } from '../common/vietnam-day';
import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { RegistryService } from '../cadres/registry.service';
import { PersonWrites } from './chunked-person-writes';
import { writeRegistryRows } from './registry-row-writes';
import { deterministicId } from '../common/deterministic-id';
import { EventMetadata } from '../event-store/event-envelope';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { Actor } from '../identity/actor';
import { PrefetchedScope } from '../identity/prefetched-scope';
import { PrefetchedRegistry } from '../cadres/prefetched-registry';
import { prefetchRows } from './import-prefetch';
import { BULK_WRITES, PG_POOL } from '../common/tokens';
import { BulkWrites } from '../event-store/bulk-writes';
import { Pool } from 'pg';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WORKFLOW_CATALOG, WorkflowCatalog } from '../workflow/workflow-catalog';
import { checkReferences } from './import-references';
import { PlannedCommand, planImport } from './import-plan';
import { readRowFacts } from './import-row-facts';
import { readDisciplineCases } from './imported-violation-handled';
import { planningReadsOf, readImportPlanningLimits } from './import-planning-limits';
import { importStream, ImportRecorded, SheetCounts } from './import-recorded';
import { simulateImport, SimulatedCommand } from './import-simulation';
import { rowRulesOn } from './row-rules';
import { SHEET_KINDS } from './import-template';
import { CaseImport, CheckedCase } from './case-import';
import { refuseOwnRecordRows } from './own-record-rows';
import { listProblems, ProblemList, problemsListedNote } from './problem-list';
import { REGISTRY_KINDS, rowsWithinGrant } from './rows-within-grant';
import { RawSheet } from './spreadsheet-reader';
import { ReadRow } from './parse-rows';
import { RowProblem } from './row-problem';
import { partlyReadDayProblems } from './partly-read-days';
import { ReadImportFiles } from './read-import-files';
type PersonRecord = Pick<PersonWrites, 'state' | 'revision'>;

export interface ImportFile {
  name: string;
  bytes: Buffer;
}

export interface ImportReport extends ProblemList {
  dryRun: boolean;
  importId: string;
  file: { name: string; sha256: string; format: 'xlsx' | 'csv' };
  /** True when no row is bad: the import can run (or ran). */
  valid: boolean;
  counts: SheetCounts;
}

/** Reads an import file, checks every row by the registry's rules and, unless a dry run, writes it. */
@Injectable()
export class ImportService {
  constructor(
    private readonly cases: CaseImport,
    private readonly registry: RegistryService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(WORKFLOW_CATALOG) private readonly catalog: WorkflowCatalog,
    @Inject(BULK_WRITES) private readonly bulkWrites: BulkWrites,
    private readonly files: ReadImportFiles,
  ) {}

  async run(
    file: ImportFile,
    actor: Actor,
    metadata: EventMetadata,
    dryRun: boolean,
  ): Promise<ImportReport> {
    const checked = await this.check(file, actor, dryRun);
    const { report, outOfScope, commands, cases, records, posts } = checked;
    // A row naming anything outside the grant refuses the whole file, dry run or not.
    if (outOfScope > 0)
      throw new DomainRuleViolation(
        'scope.out_of_scope',
        `file: ${outOfScope} row(s) name a unit, post or person outside your grant; nothing was imported (${report.errorCount} problem(s) in all: ${problemsListedNote(report)})`,
        'forbidden',
        'file',
        problemsOf(report),
      );
    if (dryRun) return report;
    if (!report.valid)
      throw new DomainRuleViolation(
        'import.invalid_rows',
        `file: ${report.errorCount} problem(s) in the file; nothing was imported (${problemsListedNote(report)})`,
        'unprocessable',
        'file',
        problemsOf(report),
      );
    // One correlation id for everything the import writes: the import's own id.
    const importMetadata = {
      ...metadata,
      correlationId: report.importId,
      importId: report.importId,
    };
    // The registry first: a case's person and post are judged on the record as the file leaves it.
    const written = await this.bulkWrites.during(
      async () =>
        (await writeRegistryRows(
          this.registry,
          this.store,
          { commands, records, posts },
          importMetadata,
        )) + (await this.cases.write(cases.cases, actor, importMetadata)),
    );
    // An import that found everything already on record changed nothing and appends nothing.
    if (written > 0) await this.recordImport(report, actor, importMetadata);
    return report;
  }

  /**
   * Every check a dry run makes, each on every row it can judge; writes nothing. A row naming a
   * unit, post or person outside the grant is told as such and judged on no record (nor the rows
   * of a person or case it brings in), so nothing about what lies outside the grant is told; only
   * the days of its own cells are (`partlyReadDayProblems`).
   */
  private async check(file: ImportFile, actor: Actor, dryRun: boolean) {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const read = await this.files.read(sha256, file.bytes, dryRun);
    const { parsed, declared } = read;
    const named = [...parsed.rows, ...parsed.partlyRead];
    const reads = await prefetchRows(
      new PrefetchedRegistry(this.registry, this.pool, this.store),
      named,
    );
    const scope = new PrefetchedScope(reads);
    const refs = await checkReferences(named, actor, scope, reads, declared);
    refuseOwnRecordRows(parsed.rows, actor);
    const rows = rowsWithinGrant(parsed.rows, refs.outOfScope);
    const cases = await this.cases.check(rows, actor);
    const today = vietnamDay(new Date());
    const plan = planImport(
      rows.filter((row) => REGISTRY_KINDS.includes(row.kind)),
      {
        ruleSetOn: (day, track) => this.catalog.ruleSetOn(day, track),
        unitOf: (personId) => refs.unitOf.get(personId),
        today,
      },
      rowsWithinGrant(parsed.partlyRead, refs.outOfScope, named),
    );
    const { records, facts, simulated } = await this.simulate(plan.planned, reads, today, (unit) =>
      scope.reaches(actor, unit),
    );
    // A row outside the grant is judged on no record, but the days of its own cells tell nothing
    // of what lies outside: a term ending before it starts is listed with the scope refusal.
    const withinGrant = new Set<ReadRow>(rowsWithinGrant(named, refs.outOfScope));
    const outsideOwnDays = named
      .filter((row) => !withinGrant.has(row))
      .flatMap((row) => partlyReadDayProblems(row, today));
    const found = [
      ...read.problems,
      ...parsed.problems,
      ...refs.outOfScope,
      ...outsideOwnDays,
      ...refs.missing,
      ...plan.problems,
      ...simulated.problems,
      ...cases.outOfScope,
      ...cases.problems,
    ];
    const problems = listProblems(found);
    const report: ImportReport = {
      dryRun,
      importId: importStream(sha256),
      file: { name: file.name, sha256, format: read.format },
      valid: problems.errorCount === 0,
      counts: countBySheet(read.sheets, simulated.commands, cases.cases, found),
      ...problems,
    };
    // Rows, not cells: a row naming two things outside the grant is one row refused.
    const outOfScope = new Set(
      [...refs.outOfScope, ...cases.outOfScope].map(({ sheet, line }) => `${sheet}\u001f${line}`),
    ).size;
    const { commands } = simulated;
    return { report, outOfScope, commands, cases, records, posts: facts.posts };
  }

  /**
   * The rows run through the registry's rules on the records they touch, with the facts those
   * rules read besides (the posts' other holders and seat claims, the planning pools' places).
   */
  private async simulate(
    planned: PlannedCommand[],
    reads: PrefetchedRegistry,
    today: string,
    reaches: (unitId: string) => Promise<boolean>,
  ) {
    const records = await this.records(planned, reads);
    const facts = await readRowFacts(this.pool, this.store, reads, this.catalog, planned, records);
    const disciplineCases = await readDisciplineCases(this.store, reaches, planned, records);
    const planning = await readImportPlanningLimits(
      planned,
      records,
      planningReadsOf(this.catalog, this.registry),
      today,
    );
    const simulated = simulateImport(
      planned,
      new Map([...records].map(([personId, { state }]) => [personId, state])),
      rowRulesOn(this.catalog, today),
      { ...facts, disciplineCases, ...(planning ? { planning } : {}) },
    );
    return { records, facts, simulated };
  }

  /** The records the rows touch, as they stand now. */
  private async records(
    planned: { personId: string }[],
    reads: PrefetchedRegistry,
  ): Promise<Map<string, PersonRecord>> {
    const records = new Map<string, PersonRecord>();
    for (const personId of new Set(planned.map((p) => p.personId)))
      records.set(personId, await reads.loadPerson(personId));
    return records;
  }

  /** Once per file content: a second import of the same bytes appends nothing here either. */
  private async recordImport(report: ImportReport, actor: Actor, metadata: EventMetadata) {
    const stream = importStream(report.file.sha256);
    const [first] = await this.store.readStream(stream, { limit: 1 });
    if (first) return;
    const event: ImportRecorded = {
      type: 'ImportRecorded',
      data: {
        importId: report.importId,
        fileName: report.file.name,
        sha256: report.file.sha256,
        format: report.file.format,
        orgUnitId: actor.orgUnit,
        counts: report.counts,
      },
    };
    await this.store.append(
      stream,
      [{ id: deterministicId('import', report.file.sha256), ...event, metadata }],
      { expectedRevision: 'no_stream' },
    );
  }
}

/** The problems as a refusal's body carries them: listed up to the cap, with the count. */
function problemsOf({ errors, errorCount, errorsNotListed }: ProblemList) {
  return { errors, errorCount, errorsNotListed };
}

/**
 * Each sheet's rows, and of them those the import writes and those already held. A row with a
 * problem is neither (before: a person row naming a unit that does not exist was still counted as
 * one to write, "Sẽ ghi mới 1" beside "Chưa ghi gì" for a file whose every row was refused): the
 * dry run counts what the file, once its refused rows are fixed or left out, would write.
 */
function countBySheet(
  sheets: RawSheet[],
  commands: SimulatedCommand[],
  cases: CheckedCase[],
  problems: readonly RowProblem[],
): SheetCounts {
  const counts = Object.fromEntries(
    SHEET_KINDS.map((kind) => [kind, { rows: 0, written: 0, unchanged: 0 }]),
  ) as SheetCounts;
  const refused = new Set(problems.map(({ sheet, line }) => `${sheet}\u001f${line}`));
  const isRefused = (row: { sheet: string; line: number }) =>
    refused.has(`${row.sheet}\u001f${row.line}`);
  for (const sheet of sheets) counts[sheet.spec.kind].rows += sheet.rows.length;
  for (const command of commands.filter((c) => !c.follows && !isRefused(c.row)))
    counts[command.row.kind][command.outcome === 'write' ? 'written' : 'unchanged'] += 1;
  const outcomeOf = (outcome: 'write' | 'unchanged') =>
    outcome === 'write' ? 'written' : 'unchanged';
  for (const checked of cases) {
    const { planned } = checked;
    if (isRefused(planned.row) || planned.steps.some((step) => isRefused(step.row))) continue;
    counts.cases[outcomeOf(checked.opening)] += 1;
    for (const step of checked.steps) counts.caseSteps[outcomeOf(step)] += 1;
  }
  return counts;
}
