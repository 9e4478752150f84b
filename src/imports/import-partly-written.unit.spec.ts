import { RegistryRuleViolation } from '../cadres/registry-rule-violation';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { WrittenRows } from './import-partly-written';
import { SimulatedCommand } from './import-simulation';

const step = (sheet: string, line: number, follows?: true): SimulatedCommand =>
  ({
    row: {
      kind: 'planning',
      sheet,
      line,
      values: {},
      cells: { positionId: { header: 'Mã chức vụ', cell: `B${line}` } },
      key: `k${line}`,
      contentHash: 'h',
    },
    personId: 'p6-imp',
    command: { type: 'AddPlanningPoolEntry', data: {} },
    idSeed: `s${line}`,
    outcome: 'write',
    ...(follows ? { follows } : {}),
  }) as unknown as SimulatedCommand;

describe('a refusal while an import writes (the record moved after every row passed)', () => {
  it('names the refusing row and the rows written before it', () => {
    const written = new WrittenRows();
    written.written(step('Cán bộ', 2));
    written.written(step('Chức vụ', 2));
    written.written(step('Chức vụ', 2, true)); // a post its decision ended: not a row
    const refused = written.refusal(
      step('Quy hoạch', 2),
      new RegistryRuleViolation(
        'planning_pool.post_full',
        'planning pool full: post pos-head has 3 of 3 people in term 2025-2030 (p-1, p-2, p-3) (x)',
        'unprocessable',
        'positionId',
      ),
    ) as DomainRuleViolation;
    expect(refused).toBeInstanceOf(DomainRuleViolation);
    expect(refused).toMatchObject({
      rule: 'import.partly_written',
      category: 'conflict',
      details: {
        refused: {
          sheet: 'Quy hoạch',
          line: 2,
          column: 'Mã chức vụ',
          cell: 'B2',
          rule: 'planning_pool.post_full',
        },
        writtenCount: 2,
        written: [
          { sheet: 'Cán bộ', line: 2 },
          { sheet: 'Chức vụ', line: 2 },
        ],
      },
    });
    expect(refused.message).toMatch(
      /^file: Quy hoạch line 2 was refused while writing \(planning_pool\.post_full: .*\), after every row had passed the checks: the record changed in between; 2 row\(s\) written before it/,
    );
  });

  it('passes on what is not a rule refusal (a lost connection) as it is', () => {
    const lost = new Error('connection lost');
    expect(new WrittenRows().refusal(step('Quy hoạch', 2), lost)).toBe(lost);
  });
});
