import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { untilLogSettled } from '../support/settled-log';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/**
 * A checkpoint file cut short by a crash while it was written (empty, or JSON that stops halfway):
 * the last one is the leftover of a signing that never finished, like an events file left without
 * its checkpoint, and must not stop verification or every later checkpoint; one with checkpoints
 * after it is refused by its file name, never answered with a bare JSON error.
 */
describe('a torn checkpoint file', () => {
  let t: TestApp;
  let store: EventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-torn-checkpoint-'));
  const checkpointDir = join(work, 'checkpoints');
  const keysDir = join(work, 'keys');
  const http = () => request(t.server as never);
  let auditor: Record<string, string>;
  const root = join(__dirname, '../..');
  const env = () => ({
    ...process.env,
    DATABASE_URL: t.db.url,
    CHECKPOINT_DIR: checkpointDir,
    CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
    CHECKPOINT_KEY_ID: 'k1',
    CHECKPOINT_PUBLIC_KEYS_DIR: keysDir,
  });
  const cli = (...args: string[]) =>
    run(process.execPath, ['dist/audit/audit.cli.js', ...args], { cwd: root, env: env() }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  let notes = 0;
  /** Appends an event and waits until the settled log holds it (what a checkpoint covers). */
  const appendNote = async () => {
    await store.append(
      'cadre-p-torn',
      [
        {
          id: `torn-note-${(notes += 1)}`,
          type: 'AuditNote',
          data: {},
          metadata: {
            actorId: 'u-staff',
            correlationId: 'c',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 'any' },
    );
    await untilLogSettled(store, t.db.pool);
  };
  const sign = async (sequence: number) => {
    await appendNote();
    const signed = await http().post('/audit/checkpoints').set(auditor);
    expect([signed.status, signed.body.signed?.checkpoint?.sequence]).toEqual([201, sequence]);
  };
  const file = (sequence: number, kind: 'checkpoint.json' | 'events.ndjson') =>
    join(checkpointDir, `${String(sequence).padStart(10, '0')}.${kind}`);

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(
      join(work, 'signer.pem'),
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
    mkdirSync(keysDir);
    writeFileSync(
      join(keysDir, 'k1.pem'),
      publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    );
    t = await startTestApp('torn_checkpoint', {
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: keysDir,
      CHECKPOINT_INTERVAL_MS: '0',
    });
    store = t.app.get(EVENT_STORE);
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
      .send({ id: 'ou-town', name: 'Thị xã Kiểm Toán', kind: 'town' })
      .expect(201);
    auditor = { Authorization: `Bearer ${t.token('u-auditor', ['auditor'], 'ou-town')}` };
    for (const sequence of [1, 2, 3]) await sign(sequence);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('an empty last checkpoint file (a crash mid-write) is skipped by verify and set aside by the next signing', async () => {
    // The crash: the events file of checkpoint 4 written, its checkpoint file created but empty.
    await appendNote();
    writeFileSync(file(4, 'events.ndjson'), readFileSync(file(3, 'events.ndjson')));
    writeFileSync(file(4, 'checkpoint.json'), '');

    // Before: 500 internal.unexpected ("Unexpected end of JSON input").
    const verify = await http().get('/audit/verify').set(auditor);
    expect([verify.status, verify.body.status]).toEqual([200, 'intact']);
    expect(verify.body.checkpoint).toMatchObject({ sequence: 3 });

    const signed = await http().post('/audit/checkpoints').set(auditor);
    expect([signed.status, signed.body.signed?.checkpoint?.sequence]).toEqual([201, 4]);
    const names = readdirSync(checkpointDir);
    expect(names).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^0000000004\.checkpoint\.json\.torn-\d+$/),
        '0000000004.checkpoint.json',
      ]),
    );
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    const after = await http().get('/audit/verify').set(auditor);
    expect([after.body.status, after.body.checkpoint?.sequence]).toEqual(['intact', 4]);
  });

  it('npm run audit: verify --all and checkpoint carry on past a last checkpoint file cut short', async () => {
    await run(process.execPath, ['scripts/build-if-stale.js'], { cwd: root });
    await appendNote();
    writeFileSync(
      file(5, 'checkpoint.json'),
      readFileSync(file(4, 'checkpoint.json')).subarray(0, 40),
    );

    // Before: exit 1 with just "Unexpected end of JSON input", for both.
    const verify = await cli('verify', '--all');
    expect(`${verify.stdout}${verify.stderr}`).not.toMatch(/Unexpected end of JSON input/);
    expect(verify.code).toBe(0);
    const signing = await cli('checkpoint');
    expect([signing.code, signing.stderr]).toEqual([0, expect.anything()]);
    expect(signing.stdout).toMatch(/^signed checkpoint 5: /m);
  }, 240_000);

  it('a checkpoint file cut short with checkpoints after it is refused, named by its file', async () => {
    truncateSync(file(2, 'checkpoint.json'), 0);

    // Before: 500 internal.unexpected for both.
    const verify = await http().get('/audit/verify').set(auditor);
    expect([verify.status, verify.body.status]).toEqual([200, 'refused']);
    expect(verify.body.refusedBecause).toMatch(
      /checkpoint file 0000000002\.checkpoint\.json is unreadable: empty/,
    );
    await appendNote();
    const signing = await http().post('/audit/checkpoints').set(auditor);
    expect(signing.status).toBe(409);
    expect(signing.body).toMatchObject({ rule: 'checkpoint.refused' });
    expect(signing.body.detail).toMatch(/0000000002\.checkpoint\.json/);
    expect(readdirSync(checkpointDir).filter((name) => name.includes('checkpoint.json'))).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/^0000000006/)]),
    );
  });
});
