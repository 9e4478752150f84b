import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DefinitionFileError } from '../definition-error';
import { CheckedAgainst, LegalInstrument } from './legal-instrument';
import { RULE_TRACKS } from './rule-set';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const CHECKED: CheckedAgainst[] = ['text', 'restatement', 'not checked', 'setting'];

function isTrackList(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((track) => (RULE_TRACKS as readonly unknown[]).includes(track))
  );
}

/** Checks a parsed instrument file; the first problem names the file and the field. */
export function validateInstrument(file: string, raw: unknown): LegalInstrument {
  const fail = (field: string, rule: string): never => {
    throw new DefinitionFileError(file, field, rule);
  };
  if (typeof raw !== 'object' || raw === null) fail('(root)', 'must be a JSON object');
  const instrument = raw as Record<string, unknown>;
  if (typeof instrument.id !== 'string' || !/^[a-z0-9-]+$/.test(instrument.id))
    fail('id', 'must be a lower-case id such as "qd-377-tw-2025"');
  for (const field of ['short', 'title', 'issuer']) {
    if (typeof instrument[field] !== 'string' || instrument[field] === '')
      fail(field, 'is required');
  }
  if (typeof instrument.effectiveFrom !== 'string' || !DAY.test(instrument.effectiveFrom))
    fail('effectiveFrom', 'must be a date YYYY-MM-DD');
  if (
    instrument.effectiveTo !== undefined &&
    (typeof instrument.effectiveTo !== 'string' ||
      !DAY.test(instrument.effectiveTo) ||
      instrument.effectiveTo < (instrument.effectiveFrom as string))
  )
    fail('effectiveTo', 'must be a date YYYY-MM-DD on or after effectiveFrom');
  if (!isTrackList(instrument.tracks))
    fail('tracks', `must list tracks among ${RULE_TRACKS.join(', ')}`);
  if (typeof instrument.params !== 'object' || instrument.params === null)
    fail('params', 'must be an object of parameters');
  for (const [name, value] of Object.entries(instrument.params as Record<string, unknown>)) {
    const param = value as Record<string, unknown> | null;
    if (!param || !('value' in param)) fail(`params.${name}.value`, 'is required');
    const p = param as Record<string, unknown>;
    if (p.article !== null && (typeof p.article !== 'string' || p.article === ''))
      fail(
        `params.${name}.article`,
        'must name the article, or be null where it was not identified',
      );
    if (typeof p.text !== 'string' || p.text.trim() === '')
      fail(`params.${name}.text`, 'every number needs what the rule says');
    if (!CHECKED.includes(p.checked as CheckedAgainst))
      fail(`params.${name}.checked`, `must be one of ${CHECKED.join(', ')}`);
    if (p.checked === 'restatement' && typeof p.source !== 'string')
      fail(`params.${name}.source`, 'a figure checked against a restatement names the restatement');
    if (p.tracks !== undefined && !isTrackList(p.tracks))
      fail(`params.${name}.tracks`, `must list tracks among ${RULE_TRACKS.join(', ')}`);
    for (const field of ['effectiveFrom', 'effectiveTo']) {
      if (p[field] !== undefined && (typeof p[field] !== 'string' || !DAY.test(p[field])))
        fail(`params.${name}.${field}`, 'must be a date YYYY-MM-DD');
    }
    const from = (p.effectiveFrom ?? instrument.effectiveFrom) as string;
    const to = (p.effectiveTo ?? instrument.effectiveTo) as string | undefined;
    if (to !== undefined && to < from)
      fail(`params.${name}.effectiveTo`, `must be on or after the provision's first day ${from}`);
  }
  return instrument as unknown as LegalInstrument;
}

/** Every instrument file in a folder; none when the folder does not exist. */
export function loadInstruments(dir: string): LegalInstrument[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const seen = new Set<string>();
  return files.map((name) => {
    const file = path.join(dir, name);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new DefinitionFileError(file, '(file)', `not valid JSON: ${(error as Error).message}`);
    }
    const instrument = validateInstrument(file, raw);
    if (seen.has(instrument.id))
      throw new DefinitionFileError(file, 'id', `duplicate instrument id ${instrument.id}`);
    seen.add(instrument.id);
    return instrument;
  });
}
