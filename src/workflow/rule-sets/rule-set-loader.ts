import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DefinitionFileError } from '../definition-error';
import { composeRuleSets, RuleCompositionError } from './compose-rule-sets';
import { loadInstruments } from './instrument-loader';
import { RuleSet } from './rule-set';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a parsed rule set file; the first problem names the file and the field. */
export function validateRuleSet(file: string, raw: unknown): RuleSet {
  if (typeof raw !== 'object' || raw === null)
    throw new DefinitionFileError(file, '(root)', 'must be a JSON object');
  const set = raw as Record<string, unknown>;
  if (typeof set.id !== 'string' || !/^[a-z0-9-]+$/.test(set.id))
    throw new DefinitionFileError(file, 'id', 'must be a lower-case id such as "vn-2025"');
  if (typeof set.title !== 'string' || set.title === '')
    throw new DefinitionFileError(file, 'title', 'is required');
  if (typeof set.effectiveFrom !== 'string' || !DAY.test(set.effectiveFrom))
    throw new DefinitionFileError(file, 'effectiveFrom', 'must be a date YYYY-MM-DD');
  if (
    set.effectiveTo !== undefined &&
    (typeof set.effectiveTo !== 'string' || !DAY.test(set.effectiveTo))
  ) {
    throw new DefinitionFileError(file, 'effectiveTo', 'must be a date YYYY-MM-DD');
  }
  if (set.pinnedOnly !== undefined && typeof set.pinnedOnly !== 'boolean')
    throw new DefinitionFileError(file, 'pinnedOnly', 'must be true or false');
  if (typeof set.params !== 'object' || set.params === null)
    throw new DefinitionFileError(file, 'params', 'must be an object of parameters');
  for (const [name, param] of Object.entries(set.params as Record<string, unknown>)) {
    const p = param as Record<string, unknown> | null;
    if (!p || !('value' in p))
      throw new DefinitionFileError(file, `params.${name}.value`, 'is required');
    if (typeof p.citation !== 'string' || p.citation.trim() === '') {
      throw new DefinitionFileError(
        file,
        `params.${name}.citation`,
        'every number needs the document it comes from',
      );
    }
  }
  return set as unknown as RuleSet;
}

/**
 * The rule sets of a folder: the whole sets kept for cases that pinned them (`vn-2022.json`, …)
 * and the sets composed from the instruments in `instruments/`.
 */
export function loadRuleSets(dir: string): RuleSet[] {
  const composed = composeFromInstruments(path.join(dir, 'instruments'));
  return [...loadWholeSets(dir), ...composed];
}

function composeFromInstruments(dir: string): RuleSet[] {
  try {
    return composeRuleSets(loadInstruments(dir));
  } catch (error) {
    if (error instanceof RuleCompositionError)
      throw new DefinitionFileError(dir, '(instruments)', error.message);
    throw error;
  }
}

function loadWholeSets(dir: string): RuleSet[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const sets = files.map((name) => {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DefinitionFileError(file, '(file)', `not valid JSON: ${(error as Error).message}`);
    }
    return validateRuleSet(file, raw);
  });
  const seen = new Set<string>();
  for (const [index, set] of sets.entries()) {
    if (seen.has(set.id))
      throw new DefinitionFileError(
        path.join(dir, files[index]),
        'id',
        `duplicate rule set id ${set.id}`,
      );
    seen.add(set.id);
  }
  return sets;
}
