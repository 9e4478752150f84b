import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { KEYS_DIR_REREAD_MS } from '../../src/audit/checkpoints/directory-keyring';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { untilLogSettled } from '../support/settled-log';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A checkpoint key retired while the service runs (`keys/<keyId>.retired` written, README: Audit
 * checkpoints) counts on that running instance within KEYS_DIR_REREAD_MS, with no restart: it
 * signs no more checkpoints, and checkpoints it signed from the retirement on are refused. Before,
 * CHECKPOINT_PUBLIC_KEYS_DIR was read once at start, so the instance went on signing with the
 * retired key and reading its checkpoints as intact until it was restarted.
 */
describe('a checkpoint key retired while the service runs', () => {
  let t: TestApp;
  let store: EventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-key-retirement-'));
  const checkpointDir = join(work, 'checkpoints');
  const keysDir = join(work, 'keys');
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let staff: Record<string, string>;
  let auditor: Record<string, string>;
  const http = () => request(t.server as never);

  /** Until the audit history has copied every event (the whole-store check compares them). */
  const untilQuiet = async () => {
    let last = '';
    for (let sameFor = 0, i = 0; sameFor < 4; i++) {
      if (i > 240) throw new Error('the store did not settle within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await t.db.pool.query(
        `SELECT (SELECT count(*) FROM events)::text || '/' ||
                (SELECT count(*) FROM audit_history)::text AS n`,
      );
      const [events, lines] = rows[0].n.split('/');
      sameFor = rows[0].n === last && events === lines ? sameFor + 1 : 0;
      last = rows[0].n;
    }
    await untilLogSettled(store, t.db.pool);
  };
  /** A person recorded: events for a checkpoint to cover. */
  const addPerson = async (id: string) => {
    await http()
      .post('/cadres')
      .set(staff)
      .send({
        id,
        fullName: `Người ${id}`,
        dateOfBirth: '1982-05-05',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
    await untilQuiet();
  };
  /** Writes the retirement, then waits until a running instance has read its keys again. */
  const retireK1 = async (at: string) => {
    writeFileSync(join(keysDir, 'k1.retired'), `${at}\n`);
    await new Promise((resolve) => setTimeout(resolve, KEYS_DIR_REREAD_MS + 500));
  };

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
    t = await startTestApp('key_retirement', {
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: keysDir,
      CHECKPOINT_INTERVAL_MS: '0',
      // The audit history projection runs: the whole-store check compares it with the store.
      RUN_WORKERS: 'true',
    });
    store = t.app.get(EVENT_STORE);
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    await http()
      .post('/org-units')
      .set(bearer(t.token('u-admin', ['admin'], 'ou-town')))
      .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
      .expect(201);
    await addPerson('p-1');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs no checkpoint with it once retired, and keeps those it signed before', async () => {
    const first = await http().post('/audit/checkpoints').set(auditor).expect(201);
    expect(first.body).toMatchObject({ created: true, signed: { checkpoint: { keyId: 'k1' } } });
    await retireK1(new Date().toISOString());
    await addPerson('p-2');
    // Before: 201, a checkpoint signed by the retired key, which every verifier then refuses.
    const refused = await http().post('/audit/checkpoints').set(auditor).expect(409);
    expect(refused.body).toMatchObject({ rule: 'checkpoint.refused' });
    expect(refused.body.message).toMatch(
      /checkpoint 2 not signed: .*k1 .*after it was rotated out/,
    );
    expect(readdirSync(checkpointDir).filter((name) => name.startsWith('0000000002'))).toEqual([]);
    const verified = await http().get('/audit/verify').set(auditor).expect(200);
    expect(verified.body).toMatchObject({ status: 'intact', findings: [] });
  }, 60_000);

  it('refuses the checkpoints it signed from a retirement dated before them', async () => {
    await retireK1('2000-01-01T00:00:00.000Z');
    // Before: "intact", until the service was restarted.
    const verified = await http().get('/audit/verify').set(auditor).expect(200);
    expect(verified.body).toMatchObject({ status: 'refused', refusedCode: 'key_rotated_out' });
    expect(verified.body.refusedBecause).toMatch(/signed by key k1 .*after it was rotated out/);
  }, 60_000);

  it('refuses, naming the file, while a key file cannot be read, and recovers once it is fixed', async () => {
    await retireK1('garbage');
    const unreadable = /k1\.retired holds no ISO time \(got "garbage"\)/;
    // Before: 500 internal.unexpected for both, "Invalid time value" with no file named.
    const stream = await http().get('/audit/verify?stream=cadre-p-1').set(auditor).expect(200);
    expect(stream.body.checkpoint).toMatchObject({
      status: 'refused',
      refusedCode: 'keys_unreadable',
    });
    expect(stream.body.checkpoint.refusedBecause).toMatch(unreadable);
    const whole = await http().get('/audit/verify').set(auditor).expect(200);
    expect(whole.body).toMatchObject({ status: 'refused', refusedCode: 'keys_unreadable' });
    const signing = await http().post('/audit/checkpoints').set(auditor).expect(503);
    expect(signing.body).toMatchObject({ rule: 'checkpoint.keys_unreadable' });
    expect(signing.body.message).toMatch(unreadable);
    // Before: 200, every check up.
    const health = await http().get('/health').expect(503);
    expect(health.body.down).toContain('checkpointKeys');
    expect(health.body.details.checkpointKeys.message).toMatch(unreadable);

    rmSync(join(keysDir, 'k1.retired'));
    await new Promise((resolve) => setTimeout(resolve, KEYS_DIR_REREAD_MS + 500));
    const recovered = await http().get('/audit/verify').set(auditor).expect(200);
    expect(recovered.body).toMatchObject({ status: 'intact', findings: [] });
    const healthAgain = await http().get('/health');
    expect(healthAgain.body.details.checkpointKeys).toEqual({ status: 'up' });
  }, 60_000);
});
