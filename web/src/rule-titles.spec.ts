import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import { closingRulesEn, closingRulesVi } from './case-closing/closing-strings';

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

/**
 * Every rule the server refuses or records a closing with reads by its title wherever the page
 * shows it: the inbox, a case's closing line, a discipline's outcome and a re-appointment notice
 * fall back to the bare code (before: `discipline.no_complaint`, `removal.post_not_held`,
 * `reappointment.under_investigation` showed as codes).
 */
describe('the rule titles of every rule the server names', () => {
  /**
   * Names in the source of the form `ns.name` that are no rule a refusal or a closing carries.
   * The request-level refusals (a body, a query, a header, an idempotency key, access, rate, the
   * service's state) come with the server's own title in the reader's language (problem-titles),
   * are refused before any case is read and are never recorded, so the page titles them by it.
   */
  const notRuleNames = new Set([
    // procedure definitions
    'appointment.internal',
    'appointment.external',
    'election.nomination',
    'reappointment.standard',
    'removal.dismissal',
    'removal.relief',
    'removal.resignation',
    'removal.suspension',
    'rotation.standard',
    'transfer.standard',
    'discipline.party',
    // prerequisite cases' definitions, the stem of their rules (built below)
    'appointment.approval_in_principle',
    'appointment.consultation',
    // rule-set parameters and a definition file's fields
    'discipline.forms',
    'discipline.track',
    'planning.targets',
    'retirement.age',
    // a body's fields
    'board.present',
    'vote.present',
    'tally.present',
    'grounds.kind',
    'violation.severity',
    'query.dry_run',
    // SQL columns and files
    'c.org_unit_id',
    't.org_unit_id',
    'u.id',
    'pos.org_unit_id',
    'history.org_unit',
    'history.person_id',
    'managed.org_unit_id',
    'person_unit.person_org_unit_id',
    'discipline_records.org_unit_id',
    'discipline_records.person_id',
    'index.html',
    'package.json',
    'url.path',
    'http.route',
    // job names and projection names
    'timer.fire',
    'saga.replay',
    'cadreflow.projection',
    'cadreflow.saga',
    'token.hours',
  ]);
  const requestLevel =
    /^(access|access_log|auth|body|charset|checkpoint|concurrency|encoding|header|idempotency|internal|path|query|rate_limit|request|resource|route|service|state|token)\./;
  /**
   * The rules built from a name in the source: a prerequisite case's refusals
   * (`<rule>_pending`, …; a consultation does not run out), a discipline form for one kind of
   * cadre only (the rule sets' `electedCadreOnlyForms`, `civilServantOnlyForms`), a status
   * holding back an appointment (`appointment.blockingStatuses`) or a re-appointment
   * (`reappointment.blockedWhile`).
   */
  const builtRules = [
    ...['pending', 'refused', 'expired', 'other_person'].map(
      (end) => `appointment.approval_in_principle_${end}`,
    ),
    ...['pending', 'refused', 'other_person'].map((end) => `appointment.consultation_${end}`),
    'discipline.recall_needs_elected_cadre',
    'discipline.dismissal_needs_civil_servant',
    ...['under_investigation', 'prosecuted', 'on_trial', 'detained'].map((s) => `status.${s}`),
    ...['under_investigation', 'prosecuted', 'on_trial', 'detained', 'maternity_leave'].map(
      (s) => `reappointment.${s}`,
    ),
  ];
  const rules = [
    ...refusedRules('any').filter((rule) => !notRuleNames.has(rule) && !requestLevel.test(rule)),
    ...builtRules,
  ];
  const closing = { vi: closingRulesVi, en: closingRulesEn };

  it('are read from the server source', () => {
    expect(rules).toEqual(
      expect.arrayContaining([
        'discipline.no_complaint',
        'exam.not_a_candidate',
        'removal.post_not_held',
        'planning_pool.term_ended',
      ]),
    );
  });

  it.each(['vi', 'en'] as const)('each has a title in %s', (language) => {
    const titles = new Set([...ruleTitles(language), ...Object.keys(closing[language])]);
    expect(rules.filter((rule) => !titles.has(rule))).toEqual([]);
  });
});
