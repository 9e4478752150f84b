import { Actor } from '../identity/actor';
import { DomainRuleViolation } from '../procedures/case/decider/domain-rule-violation';
import { problemAt } from './import-plan';
import { ImportRow } from './parse-rows';

/**
 * Separation of duties (`separation.subject`, as on every write about a person): an importer who
 * is also a cadre imports nothing about themself. A file with such rows is refused whole, the dry
 * run too, and each row is named (sheet, line, the person's cell). A case's steps are judged
 * through its case's row.
 */
export function refuseOwnRecordRows(rows: ImportRow[], actor: Pick<Actor, 'personId'>): void {
  const own = actor.personId;
  if (own === undefined) return;
  const about = rows.filter((row) => row.kind !== 'caseSteps' && row.values.personId === own);
  if (about.length === 0) return;
  throw new DomainRuleViolation(
    'separation.subject',
    `file: ${about.length} row(s) are about you (${own}), and you may not write your own record; nothing was imported (each in errors)`,
    'forbidden',
    'file',
    {
      errors: about.map((row) =>
        problemAt(
          row,
          'personId',
          'separation.subject',
          `dòng ${row.line} là hồ sơ của chính bạn (${own}): you are the subject of this record and may not write it`,
        ),
      ),
    },
  );
}
