import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadInstruments } from '../../src/workflow/rule-sets/instrument-loader';
import { ruleParameterTable } from '../../src/workflow/rule-sets/rule-table';

const README = path.resolve(__dirname, '../../README.md');
const START = '<!-- rule-parameters:start (npm run docs:rules writes this table) -->';
const END = '<!-- rule-parameters:end -->';

/** The README's parameter table is the instruments' own: `npm run docs:rules` rewrites it. */
describe('README rule parameter table', () => {
  it('lists every parameter of every instrument as seeds/rule-sets/instruments holds it', () => {
    const table = ruleParameterTable(
      loadInstruments(path.resolve(__dirname, '../../seeds/rule-sets/instruments')),
    );
    const readme = readFileSync(README, 'utf8');
    const start = readme.indexOf(START);
    const end = readme.indexOf(END);
    expect({ start: start >= 0, end: end > start }).toEqual({ start: true, end: true });
    const current = readme.slice(start + START.length, end).trim();
    if (process.env.UPDATE_README === '1' && current !== table) {
      writeFileSync(
        README,
        `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`,
      );
      return;
    }
    expect(current).toBe(table);
  });
});
