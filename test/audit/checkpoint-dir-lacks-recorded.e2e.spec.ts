import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { refuseFolderLackingRecorded } from '../../src/audit/checkpoints/recorded-checkpoint';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { createTestDatabase } from '../support/test-database';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../..');

/**
 * A CHECKPOINT_DIR that is not the folder the database's checkpoints were written to (mistyped,
 * not mounted): before, the service started, verification answered `no-checkpoint` though the
 * database recorded checkpoints, and the next signing created the folder and began a second chain
 * from checkpoint 1 in it.
 */
describe('a CHECKPOINT_DIR lacking the checkpoints the database records', () => {
  let t: TestApp;
  const work = mkdtempSync(path.join(tmpdir(), 'cf-checkpoint-dir-'));
  const checkpointDir = path.join(work, 'checkpoints');
  const keyFile = path.join(work, 'signer.pem');
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let auditor: Record<string, string>;
  /** An auditor of the town, under the province: not the service's operator. */
  let unitAuditor: Record<string, string>;
  const http = () => request(t.server as never);

  /** Starts the service as `npm start` does on this suite's database; it must refuse to start. */
  const startWith = (folder: string) => {
    const run = spawnSync(
      process.execPath,
      ['-r', './test/support/swc-register.js', 'src/main.ts'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: t.db.url,
          JWT_SECRET: TEST_JWT_SECRET,
          PORT: String(40_000 + Math.floor(Math.random() * 10_000)),
          QUEUE_PREFIX: `cftest-checkpoint-dir-${process.pid}`,
          RUN_WORKERS: 'false',
          CHECKPOINT_DIR: folder,
          CHECKPOINT_SIGNING_KEY_FILE: keyFile,
          CHECKPOINT_KEY_ID: 'k1',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    const lines = run.stdout.split('\n').filter((line) => line.trim() !== '');
    return { status: run.status, lines };
  };

  beforeAll(async () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
    t = await startTestApp('checkpoint-dir', {
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: keyFile,
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_INTERVAL_MS: '0',
    });
    const staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-province'));
    unitAuditor = bearer(t.token('u-unit-auditor', ['auditor'], 'ou-town'));
    const today = vietnamToday();
    await buildRegistry(t, staff, {
      within: { id: 'ou-province', name: 'Tỉnh Demo', kind: 'province' },
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        {
          id: 'p-1',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
          pool: ['pos-head'],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-1',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-1',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Case c-1',
      })
      .expect(201);
    const signed = await http().post('/audit/checkpoints').set(auditor).expect(201);
    expect(signed.body.signed.checkpoint.sequence).toBe(1);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it.each([
    ['a folder that does not exist', 'checkpionts', /\(no such folder\)/],
    ['an empty folder', 'empty', /\(no 0000000001\.checkpoint\.json in it\)/],
  ])('refuses to start on %s, in one line naming CHECKPOINT_DIR', (_, name, why) => {
    const folder = path.join(work, name);
    if (name === 'empty') mkdirSync(folder);
    const run = startWith(folder);
    expect(run.status).toBe(1);
    expect(run.lines).toHaveLength(1);
    const line = JSON.parse(run.lines[0]) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toMatch(
      /^invalid configuration: CHECKPOINT_DIR ".*" lacks checkpoint 1, which the database records as written at \d{4}-\d\d-\d\dT[\d:.]+Z /,
    );
    expect(line.msg).toMatch(why);
    // Nothing created in its place.
    expect(existsSync(path.join(work, 'checkpionts'))).toBe(false);
  });

  it('takes a new folder on a database that records no checkpoint (a first start)', async () => {
    const fresh = await createTestDatabase('checkpoint-dir-fresh');
    try {
      await expect(
        refuseFolderLackingRecorded(fresh.url, path.join(work, 'new')),
      ).resolves.toBeUndefined();
    } finally {
      await fresh.drop();
    }
  });

  it('while running, a folder gone is reported as such, and no second chain is begun', async () => {
    const aside = path.join(work, 'aside');
    renameSync(checkpointDir, aside);
    try {
      const store = await http().get('/audit/verify').set(auditor).expect(200);
      // Before: `no-checkpoint`, as though none had ever been signed.
      expect(store.body).toMatchObject({
        status: 'refused',
        refusedCode: 'recorded_checkpoint_missing',
      });
      expect(store.body.refusedBecause).toMatch(
        /CHECKPOINT_DIR ".*" lacks checkpoint 1, which the database records as written at .* \(no such folder\)/,
      );
      const stream = await http().get('/audit/verify?stream=cadre-p-1').set(auditor).expect(200);
      expect(stream.body).toMatchObject({
        intact: false,
        checkpoint: { status: 'refused', refusedCode: 'recorded_checkpoint_missing' },
      });
      // The case's proof: the checkpoint out of reach is named (before: 404 "no signed
      // checkpoint covers case c-1 yet", as though none had been signed over it).
      const proof = await http().get('/audit/cases/c-1/proof').set(auditor).expect(409);
      expect(proof.body).toMatchObject({ rule: 'checkpoint.recorded_missing', checkpoint: 1 });
      expect(proof.body.message).toMatch(
        /CHECKPOINT_DIR ".*" lacks checkpoint 1, which the database records as written at .* \(no such folder\)/,
      );
      // A unit's auditor: the same refusal, the server's folder not named (before: its path).
      const unitProof = await http().get('/audit/cases/c-1/proof').set(unitAuditor).expect(409);
      expect(unitProof.body).toMatchObject({ rule: 'checkpoint.recorded_missing', checkpoint: 1 });
      expect(unitProof.body.message).toBe(
        "the service's checkpoint folder lacks checkpoint 1, which the database records as signed; ask the operator to restore it",
      );
      expect(JSON.stringify(unitProof.body)).not.toContain(work);
      // Before: 201, checkpoint 1 again in a folder created for it.
      const signing = await http().post('/audit/checkpoints').set(auditor).expect(409);
      expect(signing.body).toMatchObject({ rule: 'checkpoint.refused' });
      expect(existsSync(checkpointDir)).toBe(false);
    } finally {
      rmSync(checkpointDir, { recursive: true, force: true });
      renameSync(aside, checkpointDir);
    }
    const back = await http().get('/audit/verify').set(auditor).expect(200);
    expect(back.body.status).toBe('intact');
    const proof = await http().get('/audit/cases/c-1/proof').set(auditor).expect(200);
    expect(proof.body.checkpoint.checkpoint.sequence).toBe(1);
  });
});
