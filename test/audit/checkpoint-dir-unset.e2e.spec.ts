import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * CHECKPOINT_DIR unset on a database that records signed checkpoints: before, the service started
 * silently and `GET /audit/verify?stream=` said `intact` with no checkpoint part (a deleted tail
 * unseen). Now the start is refused in one line, unless CHECKPOINTS_UNCHECKED=true.
 */
describe('CHECKPOINT_DIR unset while the database records checkpoints', () => {
  let t: TestApp;
  const work = mkdtempSync(path.join(tmpdir(), 'cf-checkpoint-dir-unset-'));
  const keyFile = path.join(work, 'signer.pem');
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** `npm start`'s environment on this suite's database, without CHECKPOINT_DIR. */
  const env = (extra: Record<string, string>) => {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const key of Object.keys(base)) if (key.startsWith('CHECKPOINT')) delete base[key];
    return {
      ...base,
      DATABASE_URL: t.db.url,
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
      QUEUE_PREFIX: `cftest-checkpoint-dir-unset-${process.pid}`,
      RUN_WORKERS: 'false',
      ...extra,
    };
  };
  const args = ['-r', './test/support/swc-register.js', 'src/main.ts'];

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    t = await startTestApp('checkpoint-dir-unset', {
      CHECKPOINT_DIR: path.join(work, 'checkpoints'),
      CHECKPOINT_SIGNING_KEY_FILE: keyFile,
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_INTERVAL_MS: '0',
    });
    const staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    await buildRegistry(t, staff, { positions: [], people: [{ id: 'p-1' }] });
    await request(t.server as never)
      .post('/audit/checkpoints')
      .set(bearer(t.token('u-auditor', ['auditor'], 'ou-town')))
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('refuses to start, in one line naming CHECKPOINT_DIR, the checkpoint and the opt-out', () => {
    const run = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: env({}),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
    const last = JSON.parse(lines[lines.length - 1]) as { level: number; msg: string };
    expect(last.level).toBe(60);
    expect(last.msg).toMatch(
      /^invalid configuration: CHECKPOINT_DIR is not set, but the database records signed checkpoints \(the latest, 1, written at \d{4}-\d\d-\d\dT[\d:.]+Z\): set CHECKPOINT_DIR to the folder they were written to, or CHECKPOINTS_UNCHECKED=true to start without checking them$/,
    );
    expect(lines.filter((line) => /"level":60/.test(line))).toHaveLength(1);
  });

  it('refuses an opt-out that is neither true nor false', () => {
    const run = spawnSync(process.execPath, args, {
      cwd: ROOT,
      env: env({ CHECKPOINTS_UNCHECKED: 'yes' }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /CHECKPOINTS_UNCHECKED must be \\"true\\" or \\"false\\" \(got \\"yes\\"\)/,
    );
  });

  it('starts with CHECKPOINTS_UNCHECKED=true', async () => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: env({ CHECKPOINTS_UNCHECKED: 'true' }),
    });
    let out = '';
    const listening = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 90_000);
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('listening on')) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    expect({ listening, out: listening ? '' : out }).toEqual({ listening: true, out: '' });
  });
});
