import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../..');

/** Starts the service as `npm start` does with one setting changed; it must refuse to start. */
function startWith(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['-r', './test/support/swc-register.js', 'src/main.ts'], {
    cwd: ROOT,
    // No database is reached: the settings are refused before anything connects.
    env: { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
  return { status: run.status, lines, stderr: run.stderr };
}

/**
 * A folder or key file the configuration names and the service cannot use stops the start with
 * one JSON line naming the variable (before: a bare ENOENT that did not say whether it was
 * DEFINITIONS_DIR or RULE_SETS_DIR, a missing CALENDAR_DIR taken for "no holiday schedule",
 * and a bad key file's error among some twenty lines of Nest's own output).
 */
describe('a start refused by a folder or key file it cannot use', () => {
  it.each([
    ['DEFINITIONS_DIR', '/nonexistent-definitions', /DEFINITIONS_DIR must be a folder/],
    ['RULE_SETS_DIR', '/nonexistent-rule-sets', /RULE_SETS_DIR must be a folder/],
    ['CALENDAR_DIR', '/nonexistent-calendar', /CALENDAR_DIR must be a folder/],
    [
      'CALENDAR_DIR',
      'package.json',
      /CALENDAR_DIR must be a folder \(got "package.json": not a folder\)/,
    ],
    [
      'CHECKPOINT_SIGNING_KEY_FILE',
      '/nonexistent.pem',
      /CHECKPOINT_SIGNING_KEY_FILE cannot be read/,
    ],
    [
      'CHECKPOINT_SIGNING_KEY_FILE',
      'package.json',
      /CHECKPOINT_SIGNING_KEY_FILE must hold an Ed25519 private key in PEM/,
    ],
  ])('%s=%s', (name, value, says) => {
    const run = startWith({ [name]: value });
    expect(run.status).toBe(1);
    expect(run.lines).toHaveLength(1);
    const line = JSON.parse(run.lines[0]) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(says);
    expect(line.msg).toMatch(/^invalid configuration: /);
  });

  // A folder that is there but holds none: every stored case pins a definition it would not have.
  it.each([
    [
      'DEFINITIONS_DIR',
      /DEFINITIONS_DIR must hold the procedure definitions \(got ".*": no definition in it\)/,
    ],
    ['RULE_SETS_DIR', /RULE_SETS_DIR must hold the rule sets \(got ".*": no rule set in it\)/],
  ])('%s naming an empty folder', (name, says) => {
    const empty = mkdtempSync(path.join(tmpdir(), 'cadreflow-empty-'));
    try {
      const run = startWith({ [name]: empty });
      expect(run.status).toBe(1);
      expect(run.lines).toHaveLength(1);
      const line = JSON.parse(run.lines[0]) as { level: number; msg: string };
      expect(line.level).toBe(60);
      expect(line.msg).toMatch(says);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
