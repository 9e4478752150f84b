import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SEEDS = resolve(__dirname, '../../seeds/rule-sets');

/**
 * A copy of the seeded rule sets in which every instrument that sets the parameter `name` sets it
 * to `value` instead (`text` saying so), so the sets composed from them carry it whichever
 * instrument is in force. Pass the directory as RULE_SETS_DIR to every process of the suite;
 * `remove` it after.
 */
export function ruleSetsWithParameter(
  name: string,
  value: unknown,
  text: string,
): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cadreflow-rule-sets-'));
  cpSync(SEEDS, dir, { recursive: true });
  const instruments = join(dir, 'instruments');
  for (const file of readdirSync(instruments).filter((f) => f.endsWith('.json'))) {
    const instrument = JSON.parse(readFileSync(join(instruments, file), 'utf8'));
    const param = instrument.params?.[name];
    if (!param) continue;
    param.value = value;
    param.text = text;
    writeFileSync(join(instruments, file), JSON.stringify(instrument, null, 2));
  }
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
