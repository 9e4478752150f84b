import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/**
 * The rule codes of a namespace the server refuses with, read from the source (`'<ns>.<rule>'`);
 * `any` reads every code the files of `under` (a folder of `src`) name.
 */
function refusedRules(namespace: string, under = ''): string[] {
  const name = namespace === 'any' ? '[a-z_]+' : namespace.replace('.', '\\.');
  const code = new RegExp(`'(${name}\\.[a-z_]+)'`, 'g');
  const rules = sourceFiles(path.join(SRC, under)).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(code)].map((m) => m[1]),
  );
  return [...new Set(rules)].sort();
}

/** The keys of the `rules` table of one language (`vi` or `en`) in i18n.ts, read from its source. */
function ruleTitles(language: 'vi' | 'en'): Set<string> {
  const file = path.resolve(__dirname, 'i18n.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const keys = new Set<string>();
  source.forEachChild((node) => {
    if (!ts.isVariableStatement(node)) return;
    for (const declaration of node.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== language) continue;
      const table = declaration.initializer;
      if (!table || !ts.isObjectLiteralExpression(table)) continue;
      const rules = table.properties.find(
        (p) => p.name && ts.isIdentifier(p.name) && p.name.text === 'rules',
      );
      if (!rules || !ts.isPropertyAssignment(rules)) continue;
      if (!ts.isObjectLiteralExpression(rules.initializer)) continue;
      for (const p of rules.initializer.properties)
        if (p.name && (ts.isStringLiteral(p.name) || ts.isIdentifier(p.name)))
          keys.add(p.name.text);
    }
  });
  return keys;
}

/**
 * A refusal is titled on the page by its rule in the reader's language (`rules.<code>`); one the
 * table misses shows the server's title or the bare code. Every rule a transfer batch refuses
 * with — the whole batch (its id, size, entries, a copy sent at once) or an entry — has its title.
 */
describe('the rule titles of a transfer batch', () => {
  const rules = refusedRules('transfer_batch');

  it('are read from the server source', () => {
    expect(rules).toEqual(expect.arrayContaining(['transfer_batch.opening']));
  });

  it.each(['vi', 'en'] as const)('each has a title in %s', (language) => {
    const titles = ruleTitles(language);
    expect(rules.filter((rule) => !titles.has(rule))).toEqual([]);
  });
});

/**
 * The rule column of an import's table of problems reads each rule by its title (before: the bare
 * code, `import.day`): every rule an imported row or file is refused by has one.
 */
describe('the rule titles of an import', () => {
  const rules = refusedRules('import');

  it('are read from the server source', () => {
    expect(rules).toEqual(expect.arrayContaining(['import.day', 'import.choice']));
  });

  it.each(['vi', 'en'] as const)('each has a title in %s', (language) => {
    const titles = ruleTitles(language);
    expect(rules.filter((rule) => !titles.has(rule))).toEqual([]);
  });
});

/**
 * A row of an imported file is also refused by the rules of the registry it writes to (a person's
 * days, ages and ratings) and by those the import itself names (a discipline's form, a decision's
 * days). Before, `person.party_joined_without_membership` and `person.party_joined_under_age`
 * showed as bare codes in the import's table of problems.
 */
describe('the rule titles of the registry rules an imported row is refused by', () => {
  /** Codes the import's source names that are no rule a row is refused by. */
  const notRowRules = [
    'appointment.internal', // a procedure definition, the template's example
    'tally.present', // a step body's field
    'query.dry_run', // the request's parameter, refused before any row is read
    'body.too_large', // the whole file, titled by the server
  ];
  const rules = [
    ...refusedRules('person'),
    ...refusedRules('rating'),
    ...refusedRules('any', 'imports').filter((rule) => !notRowRules.includes(rule)),
  ];

  it('are read from the server source', () => {
    expect(rules).toEqual(
      expect.arrayContaining([
        'person.party_joined_without_membership',
        'person.party_joined_under_age',
        'discipline.form_not_in_rule_set',
      ]),
    );
  });

  it.each(['vi', 'en'] as const)('each has a title in %s', (language) => {
    const titles = ruleTitles(language);
    expect(rules.filter((rule) => !titles.has(rule))).toEqual([]);
  });
});
