import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { untilLogSettled } from '../support/settled-log';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The verdicts of `GET /audit/verify` an outside audit found wrong: a case read as intact against
 * a refused checkpoint (its events file edited), and the whole-store check answering intact over
 * a chain broken after the last checkpoint (it walked those events without checking them).
 */
describe('audit verify verdicts: a refused checkpoint, a chain broken after the checkpoint', () => {
  let t: TestApp;
  let store: EventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-verify-verdicts-'));
  const checkpointDir = join(work, 'checkpoints');
  const today = vietnamToday();
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let staff: Record<string, string>;
  let auditor: Record<string, string>;
  const http = () => request(t.server as never);

  const openCase = async (id: string) => {
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id,
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: `p-${id}`,
        positionId: `pos-head-${id}`,
        orgUnitId: 'ou-town',
        summary: `Case ${id}`,
      })
      .expect(201);
  };

  /** Until the store stops growing (sagas done) and the audit history has copied all of it. */
  const untilQuiet = async () => {
    let last = '';
    for (let sameFor = 0, i = 0; sameFor < 8; i++) {
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

  beforeAll(async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(
      join(work, 'signer.pem'),
      privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    );
    mkdirSync(join(work, 'keys'));
    writeFileSync(
      join(work, 'keys', 'k1.pem'),
      publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    );
    t = await startTestApp('verify_verdicts', {
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: join(work, 'keys'),
      CHECKPOINT_INTERVAL_MS: '0',
      RUN_WORKERS: 'true',
    });
    store = t.app.get(EVENT_STORE);
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    const caseIds = ['c-1', 'c-2'];
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        ...caseIds.map((id) => ({ id: `pos-head-${id}`, rank: 5 })),
      ],
      people: caseIds.map((id) => ({
        id: `p-${id}`,
        posts: [
          { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
        ],
        pool: [`pos-head-${id}`],
      })),
    });
    await openCase('c-1');
    await untilQuiet();
    await http().post('/audit/checkpoints').set(auditor).expect(201);
    // After the checkpoint: not yet covered.
    await openCase('c-2');
    await untilQuiet();
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('the whole store reads tampered when an event after the checkpoint was edited in the store and the history alike', async () => {
    const before = await http().get('/audit/verify').set(auditor).expect(200);
    expect(before.body).toMatchObject({ status: 'intact', findings: [] });
    expect(before.body.notYetCovered).toBeGreaterThan(0);
    const edit = (table: string, summary: string) =>
      t.db.pool.query(
        `UPDATE ${table} SET data = jsonb_set(data, '{summary}', to_jsonb($1::text))
          WHERE stream_id = 'appointment-c-2' AND revision = 0`,
        [summary],
      );
    // The data changed with its hash left alone, in the store and in the audit history's copy.
    await edit('events', 'Rewritten');
    await edit('audit_history', 'Rewritten');
    try {
      const one = await http().get('/audit/verify?stream=appointment-c-2').set(auditor).expect(200);
      expect(one.body).toMatchObject({ ok: false, reasonCode: 'content_mismatch', intact: false });
      // Before: {"status":"intact","findings":[]}, the events after the checkpoint never checked.
      const whole = await http().get('/audit/verify').set(auditor).expect(200);
      expect(whole.body.status).toBe('tampered');
      expect(whole.body.findings).toEqual([
        expect.objectContaining({
          kind: 'chain-broken',
          streamId: 'appointment-c-2',
          revision: 0,
          detail: 'not yet covered: stored content does not match its hash',
        }),
      ]);
      const refused = await http().post('/audit/checkpoints').set(auditor).expect(409);
      expect(refused.body.message).toMatch(/appointment-c-2 revision 0 \(chain-broken\)/);
    } finally {
      await edit('events', 'Case c-2');
      await edit('audit_history', 'Case c-2');
    }
    const after = await http().get('/audit/verify').set(auditor).expect(200);
    expect(after.body).toMatchObject({ status: 'intact', findings: [] });
  });

  it('a case checked against a refused checkpoint (one digest of its events file edited) is not intact', async () => {
    const eventsFile = join(checkpointDir, '0000000001.events.ndjson');
    const original = readFileSync(eventsFile, 'utf8');
    const lines = original.split('\n');
    const at = lines.findIndex((line) => line.includes('appointment-c-1'));
    lines[at] = lines[at].replace(
      /[0-9a-f]{64}/,
      (digest) => (digest[0] === '0' ? '1' : '0') + digest.slice(1),
    );
    writeFileSync(eventsFile, lines.join('\n'));
    try {
      const one = await http().get('/audit/verify?stream=appointment-c-1').set(auditor).expect(200);
      // Before: "intact": true beside "checkpoint": {"status": "refused", …}.
      expect(one.body).toMatchObject({
        ok: true,
        historyDisagreements: [],
        intact: false,
        checkpoint: { status: 'refused', refusedCode: 'root_not_rebuilt' },
      });
      expect(one.body.checkpoint.refusedBecause).toMatch(
        /the events files do not rebuild the root checkpoint 1 signs/,
      );
      const whole = await http().get('/audit/verify').set(auditor).expect(200);
      expect(whole.body).toMatchObject({ status: 'refused', refusedCode: 'root_not_rebuilt' });
    } finally {
      writeFileSync(eventsFile, original);
    }
    const again = await http().get('/audit/verify?stream=appointment-c-1').set(auditor).expect(200);
    expect(again.body).toMatchObject({ intact: true, checkpoint: { status: 'covered' } });
  });
});
