import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { problemAt } from './import-plan';
import { SimulatedCommand } from './import-simulation';
import { PROBLEMS_LISTED } from './problem-list';

/**
 * The rows an import has written so far. Every row is judged before the first is written, so a
 * refusal while writing means the record moved in between (another clerk, a race for a pool's
 * last place): the rows before it stay written, and the clerk must be told which ones.
 */
export class WrittenRows {
  private readonly rows: { sheet: string; line: number }[] = [];

  /** A row's command (not a change its decision makes besides) is on record. */
  written(step: SimulatedCommand): void {
    if (!step.follows) this.rows.push({ sheet: step.row.sheet, line: step.row.line });
  }

  /**
   * The registry's refusal of `step`, told as the import's: the refusing row where a clerk finds
   * it, and the rows written before it (listed up to the cap, with their count).
   */
  refusal(step: SimulatedCommand, error: unknown): unknown {
    if (!(error instanceof RegistryRuleViolation || error instanceof DomainRuleViolation))
      return error;
    const refused = problemAt(step.row, error.field, error.rule, error.message);
    return new DomainRuleViolation(
      'import.partly_written',
      `file: ${refused.sheet} line ${refused.line} was refused while writing (${error.rule}: ${error.message}), after every row had passed the checks: the record changed in between; ${this.rows.length} row(s) written before it (listed in written) stay written; it and every row not listed were not written; import the file again once the refusal is resolved (rows already on record are left as they are)`,
      'conflict',
      'file',
      {
        refused,
        writtenCount: this.rows.length,
        written: this.rows.slice(0, PROBLEMS_LISTED),
      },
    );
  }
}
