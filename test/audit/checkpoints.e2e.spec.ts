import { execFile } from 'node:child_process';
import { generateKeyPairSync, KeyObject } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { chainHash, contentDigest } from '../../src/event-store/hash-chain';
import { parseStoredEventName } from '../../src/event-store/stored-event-names';
import { Keyring, signingKeyFromPem } from '../../src/audit/checkpoints/checkpoint-keys';
import {
  createCheckpoint,
  verifyAgainstCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-ledger';
import { WitnessDirectory } from '../../src/audit/checkpoints/witness-directory';
import { CheckpointService } from '../../src/audit/checkpoints/checkpoint.service';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { untilLogSettled } from '../support/settled-log';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

function ed25519(): { privatePem: string; publicPem: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    publicPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    publicKey,
  };
}

/**
 * Signed checkpoints (issue 22, ADR 10) on real PostgreSQL: what a database administrator can do
 * behind the service (rewrite an event, recompute a chain, delete a stream or a tail, insert an
 * older event) is caught against the checkpoint kept outside the database, with its location.
 */
describe('signed checkpoints', () => {
  let t: TestApp;
  let store: EventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-checkpoints-'));
  const checkpointDir = join(work, 'checkpoints');
  const keysDir = join(work, 'keys');
  const signer = ed25519();
  const stranger = ed25519();
  const today = vietnamToday();
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let staff: Record<string, string>;
  let auditor: Record<string, string>;
  const http = () => request(t.server as never);

  const openCase = async (id: string) => {
    const opened = await http()
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
      });
    expect([opened.status, opened.body.rule]).toEqual([201, undefined]);
    await http()
      .post(`/cases/${id}/steps/leadership-round-1`)
      .set(staff)
      .send({ heldOn: today, minutesRef: `BB-${id}`, conclusion: 'post and standards agreed' })
      .expect(200);
    await untilQuiet();
  };

  /**
   * Until the sagas have written what the last request set off (the case noted on the person's
   * record, deadline timers): a checkpoint signed before then would leave those for "not yet
   * covered", and how long they take depends on the machine's load: the store unchanged for two
   * seconds (one was once too short on a loaded machine) and every event of it in the settled log.
   */
  const untilQuiet = async () => {
    let last = '';
    let sameFor = 0;
    for (const started = Date.now(); sameFor < 8;) {
      if (Date.now() - started > 60_000) throw new Error('the store did not settle within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 250));
      const { rows } = await t.db.pool.query('SELECT count(*)::text AS n FROM events');
      sameFor = rows[0].n === last ? sameFor + 1 : 0;
      last = rows[0].n;
    }
    await untilLogSettled(store, t.db.pool);
  };

  beforeAll(async () => {
    writeFileSync(join(work, 'signer.pem'), signer.privatePem);
    rmSync(keysDir, { recursive: true, force: true });
    mkdirSync(keysDir);
    writeFileSync(join(keysDir, 'k1.pem'), signer.publicPem);
    t = await startTestApp('checkpoints', {
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: keysDir,
      CHECKPOINT_INTERVAL_MS: '0',
      // The audit history projection runs: the verification compares it with the store.
      RUN_WORKERS: 'true',
    });
    store = t.app.get(EVENT_STORE);
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    const caseIds = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6'];
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        ...caseIds.map((id) => ({ id: `pos-head-${id}`, rank: 5 })),
      ],
      people: [
        ...caseIds.map((id) => ({
          id: `p-${id}`,
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
          pool: [`pos-head-${id}`],
        })),
        { id: 'p-2' },
      ],
    });
    for (const id of ['a-1', 'a-2', 'a-3', 'a-4']) await openCase(id);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('signs a checkpoint on demand, for auditors and admins only; nothing new → the last one stands', async () => {
    await http().post('/audit/checkpoints').set(staff).expect(403);
    const first = await http().post('/audit/checkpoints').set(auditor).expect(201);
    expect(first.body).toMatchObject({
      created: true,
      signed: { checkpoint: { sequence: 1, keyId: 'k1', format: 'cadreflow-checkpoint/1' } },
    });
    expect(first.body.signed.checkpoint.events).toBeGreaterThan(8);
    const again = await http().post('/audit/checkpoints').set(auditor).expect(201);
    expect(again.body).toMatchObject({ created: false, signed: { checkpoint: { sequence: 1 } } });
    const { rows } = await t.db.pool.query('SELECT sequence, key_id FROM audit_checkpoints');
    expect(rows).toEqual([{ sequence: '1', key_id: 'k1' }]);
  });

  it('verifies the whole store as covered, then counts what came after as not yet covered', async () => {
    const intact = await http().get('/audit/verify').set(auditor).expect(200);
    expect(intact.body).toMatchObject({ status: 'intact', notYetCovered: 0, findings: [] });
    expect(intact.body.covered).toBe(intact.body.checkpoint.events);
    await openCase('a-5');
    const later = await http().get('/audit/verify').set(auditor).expect(200);
    expect(later.body.status).toBe('intact');
    expect(later.body.notYetCovered).toBeGreaterThanOrEqual(2);
    const one = await http().get('/audit/verify?stream=appointment-a-5').set(auditor).expect(200);
    expect(one.body.checkpoint).toMatchObject({ status: 'not-yet-covered', coveredRevision: null });
    await http().get('/audit/verify').set(staff).expect(403);
    const second = await http().post('/audit/checkpoints').set(auditor).expect(201);
    expect(second.body.signed.checkpoint).toMatchObject({ sequence: 2 });
    expect(second.body.signed.checkpoint.previous).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exports a case with its proof; the standalone script accepts it and refuses a modified one', async () => {
    const proof = await http().get('/audit/cases/a-2/proof').set(auditor).expect(200);
    expect(proof.body).toMatchObject({
      format: 'cadreflow-case-proof/1',
      streamId: 'appointment-a-2',
      notYetCovered: 0,
    });
    const proofFile = join(work, 'proof.json');
    const keyFile = join(work, 'k1.pub.pem');
    writeFileSync(proofFile, JSON.stringify(proof.body));
    writeFileSync(keyFile, signer.publicPem);
    const script = join(__dirname, '../../scripts/verify-case-proof.mjs');
    const accepted = await run(process.execPath, [script, proofFile, keyFile]);
    expect(accepted.stdout).toMatch(/^OK: revisions 0\.\.\d+ are covered by checkpoint 2/);

    const refuse = async (change: (body: typeof proof.body) => void, why: RegExp) => {
      const body = JSON.parse(JSON.stringify(proof.body));
      change(body);
      writeFileSync(proofFile, JSON.stringify(body));
      const outcome = await run(process.execPath, [script, proofFile, keyFile]).then(
        () => 'accepted',
        (error: { code: number; stdout: string }) => `${error.code} ${error.stdout}`,
      );
      expect(outcome).toMatch(why);
    };
    await refuse(
      (body) => (body.events[0].data.summary = 'Rewritten'),
      /^1 REFUSED: revision 0 .* content does not match its hash/,
    );
    await refuse((body) => body.events.pop(), /^1 REFUSED: the export stops before revision/);
    await refuse(
      (body) => (body.checkpoint.checkpoint.createdAt = '2020-01-01T00:00:00.000Z'),
      /^1 REFUSED: checkpoint 2: signature does not match/,
    );
    writeFileSync(keyFile, stranger.publicPem);
    writeFileSync(proofFile, JSON.stringify(proof.body));
    await expect(run(process.execPath, [script, proofFile, keyFile])).rejects.toMatchObject({
      code: 1,
    });
    await http().get('/audit/cases/a-2/proof').set(staff).expect(403);
    await http().get('/audit/cases/no-such-case/proof').set(auditor).expect(403);
  });

  it('gives no proof of a case whose secret ballot the reader may not see (the proof holds the counts)', async () => {
    // appointment.internal's expanded nomination is not announced: staff and leadership only.
    await http()
      .post('/cases/a-5/steps/expanded-nomination')
      .set(bearer(t.token('u-secretary', ['ballot_secretary'], 'ou-town')))
      .send({
        heldOn: today,
        minutesRef: 'BB-N',
        members: 25,
        summoned: 25,
        present: 24,
        invalid: 0,
        candidates: [
          { personId: 'p-a-5', votes: 17 },
          { personId: 'p-2', votes: 7 },
        ],
      })
      .expect(200);
    await untilQuiet();
    await http().post('/audit/checkpoints').set(auditor).expect(201);
    // Before: 200 with the events as stored, 17 and 7 among them.
    const refused = await http().get('/audit/cases/a-5/proof').set(auditor).expect(403);
    expect(refused.body).toMatchObject({ rule: 'audit.proof_withholds_ballot', field: 'id' });
    expect(refused.body.message).toMatch(
      /revision \d+\) holds ballot counts you may not see \(not announced/,
    );
    expect(JSON.stringify(refused.body)).not.toMatch(/"votes"/);
    // The refusal saved by curl in place of the proof is named as such, with its own exit code.
    // Before: "REFUSED: unknown proof format undefined", exit 1, as a failed integrity check.
    const saved = join(work, 'refused-proof.json');
    writeFileSync(saved, refused.text);
    const key = join(work, 'refused-proof-key.pem');
    writeFileSync(key, signer.publicPem);
    const script = join(__dirname, '../../scripts/verify-case-proof.mjs');
    const outcome = await run(process.execPath, [script, saved, key]).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code: number; stdout: string }) => error,
    );
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toBe(
      `this file is not a proof: the server refused the export (audit.proof_withholds_ballot: ${refused.body.detail}); nothing was checked\n`,
    );
    // A case without such a ballot still has its proof.
    await http().get('/audit/cases/a-2/proof').set(auditor).expect(200);
  });

  it('checks the whole store and signs checkpoints for a top-level grant only', async () => {
    await http()
      .post('/org-units')
      .set(bearer(t.token('u-admin', ['admin'], 'ou-town')))
      .send({ id: 'ou-commune', name: 'Xã Demo', kind: 'commune', parentId: 'ou-town' })
      .expect(201);
    const communeAuditor = bearer(t.token('u-commune-auditor', ['auditor'], 'ou-commune'));
    // Before: 200 naming the town's streams among the findings, and the store's totals.
    const verify = await http().get('/audit/verify').set(communeAuditor).expect(403);
    // Before: titled "For an admin of a top-level unit only" (an auditor there may), and
    // "checking the whole store cover the work of every unit".
    expect(verify.body).toMatchObject({
      rule: 'scope.top_level_only',
      title: 'For a grant on a top-level unit only',
    });
    expect(verify.body.detail).toMatch(
      /^the checks of the whole store cover the work of every unit/,
    );
    const sign = await http().post('/audit/checkpoints').set(communeAuditor).expect(403);
    expect(sign.body).toMatchObject({ rule: 'scope.top_level_only' });
  });

  it('refuses a checkpoint signed by an unknown key or by a key after it was rotated out', async () => {
    const dir = new WitnessDirectory(join(work, 'other'));
    await createCheckpoint({
      store,
      dir,
      key: signingKeyFromPem(stranger.privatePem, 'k2'),
      keyring: new Keyring([{ keyId: 'k2', publicKey: stranger.publicKey }]),
      now: new Date('2026-06-01T00:00:00Z'),
    });
    const unknown = await verifyAgainstCheckpoint({
      store,
      dir,
      keyring: new Keyring([{ keyId: 'k1', publicKey: signer.publicKey }]),
    });
    expect(unknown).toMatchObject({ status: 'refused' });
    expect(unknown.refusedBecause).toMatch(/signed by unknown key k2/);
    const rotated = await verifyAgainstCheckpoint({
      store,
      dir,
      keyring: new Keyring([
        { keyId: 'k2', publicKey: stranger.publicKey, retiredAt: '2026-05-01T00:00:00.000Z' },
      ]),
    });
    expect(rotated.refusedBecause).toMatch(/after it was rotated out/);
    // A key id naming another key's public part: the signature does not match.
    const impostor = await verifyAgainstCheckpoint({
      store,
      dir,
      keyring: new Keyring([{ keyId: 'k2', publicKey: signer.publicKey }]),
    });
    expect(impostor.refusedBecause).toMatch(/signature does not match key k2/);
    const kept = await verifyAgainstCheckpoint({
      store,
      dir,
      keyring: new Keyring([
        { keyId: 'k2', publicKey: stranger.publicKey, retiredAt: '2026-07-01T00:00:00.000Z' },
      ]),
    });
    expect(kept.status).toBe('intact');
  });

  it('catches each tampering behind the service with the stream and revision where it parts', async () => {
    const pool = t.db.pool;
    const lastRevision = async (stream: string) =>
      Number(
        (await pool.query('SELECT max(revision) AS r FROM events WHERE stream_id = $1', [stream]))
          .rows[0].r,
      );
    // The history has copied every event of the case before anything is changed.
    for (let i = 0; i < 40; i++) {
      const { rows: copied } = await pool.query(
        `SELECT (SELECT count(*) FROM audit_history WHERE stream_id = 'appointment-a-1') =
                (SELECT count(*) FROM events WHERE stream_id = 'appointment-a-1') AS done`,
      );
      if (copied[0].done) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // 1. UPDATE one event's data: cadre-p-2, revision 0.
    await pool.query(
      `UPDATE events SET data = jsonb_set(data, '{fullName}', '"Người khác"')
        WHERE stream_id = 'cadre-p-2' AND revision = 0`,
    );
    // 2. UPDATE, then recompute that stream's chain so it verifies against itself.
    await pool.query(
      `UPDATE events SET data = jsonb_set(data, '{summary}', '"Rewritten"')
        WHERE stream_id = 'appointment-a-1' AND revision = 0`,
    );
    const { rows } = await pool.query(
      `SELECT event_id, stream_id, revision, type, schema_version, data, metadata
         FROM events WHERE stream_id = 'appointment-a-1' ORDER BY revision`,
    );
    let previous: Buffer | null = null;
    const recomputed: string[] = [];
    for (const row of rows) {
      const digest = contentDigest({
        streamId: row.stream_id,
        id: row.event_id,
        type: parseStoredEventName(row.type).type,
        schemaVersion: row.schema_version,
        data: row.data,
        metadata: row.metadata,
      });
      const link = chainHash(previous, digest);
      await pool.query('UPDATE events SET content_hash = $1, hash = $2 WHERE event_id = $3', [
        digest,
        link,
        row.event_id,
      ]);
      previous = link;
      recomputed.push(link.toString('hex'));
    }
    const selfCheck = await http()
      .get('/audit/verify?stream=appointment-a-1')
      .set(auditor)
      .expect(200);
    // The chain alone says ok; the checkpoint says where it parts.
    expect(selfCheck.body).toMatchObject({
      ok: true,
      checkpoint: { status: 'parted', finding: { kind: 'rewritten', revision: 0 } },
    });
    // Not intact (before: nothing said so but the checkpoint's own status). The audit history,
    // a copy taken at append, still shows the original hash; the check names both.
    const shown = await http().get('/cases/a-1/history').set(auditor).expect(200);
    expect(shown.body.events).toHaveLength(rows.length);
    expect(shown.body.events[0].hash).not.toBe(recomputed[0]);
    expect(selfCheck.body.intact).toBe(false);
    expect(selfCheck.body.historyDisagreements[0]).toEqual({
      code: 'history_disagrees',
      streamId: 'appointment-a-1',
      revision: 0,
      eventId: rows[0].event_id,
      historyHash: shown.body.events[0].hash,
      storeHash: recomputed[0],
      storeContentHash: recomputed[0],
      columns: ['hash', 'data'],
    });
    // Every later link changed with the recomputed chain: each line is named.
    expect(
      selfCheck.body.historyDisagreements.map((found: { revision: number }) => found.revision),
    ).toEqual(rows.map((_, revision) => revision));
    // 3. DELETE a whole stream.
    await pool.query("DELETE FROM events WHERE stream_id = 'appointment-a-3'");
    // 4. DELETE a stream's tail.
    const a2Last = await lastRevision('appointment-a-2');
    await pool.query("DELETE FROM events WHERE stream_id = 'appointment-a-2' AND revision = $1", [
      a2Last,
    ]);
    // 5. INSERT an event older than the checkpoint (an early transaction id and sequence number).
    const forged = (
      await pool.query(
        `INSERT INTO events (global_position, transaction_id, stream_id, revision, event_id, type,
                             schema_version, data, metadata, content_hash, hash, recorded_at)
         SELECT 0, e.transaction_id, 'appointment-forged', 0, 'forged-1', e.type, e.schema_version,
                e.data, e.metadata, e.content_hash, e.hash, e.recorded_at
           FROM events e ORDER BY e.transaction_id, e.global_position LIMIT 1
         RETURNING transaction_id::text || '/0' AS position`,
      )
    ).rows[0].position as string;

    // 6. Swap two covered events' places in the global order (in no hash; before: not found).
    const placeOf = async (stream: string) =>
      (
        await pool.query(
          'SELECT global_position::text AS gp FROM events WHERE stream_id = $1 AND revision = 0',
          [stream],
        )
      ).rows[0].gp as string;
    const [caseAt, personAt] = [await placeOf('appointment-a-4'), await placeOf('cadre-p-a-4')];
    await pool.query('UPDATE events SET global_position = -1 WHERE global_position = $1', [caseAt]);
    await pool.query('UPDATE events SET global_position = $1 WHERE global_position = $2', [
      caseAt,
      personAt,
    ]);
    await pool.query('UPDATE events SET global_position = $1 WHERE global_position = -1', [
      personAt,
    ]);

    const report = await http().get('/audit/verify').set(auditor).expect(200);
    expect(report.body.status).toBe('tampered');
    const byStream = Object.fromEntries(
      (report.body.findings as { streamId: string }[]).map((f) => [f.streamId, f]),
    );
    expect(byStream['cadre-p-2']).toMatchObject({ kind: 'rewritten', revision: 0 });
    expect(byStream['appointment-a-1']).toMatchObject({
      kind: 'rewritten',
      revision: 0,
      detail: expect.stringMatching(/chain was recomputed/),
    });
    expect(byStream['appointment-a-3']).toMatchObject({ kind: 'deleted-stream', revision: 0 });
    expect(byStream['appointment-a-2']).toMatchObject({ kind: 'deleted-tail', revision: a2Last });
    expect(byStream['appointment-forged']).toMatchObject({
      kind: 'inserted',
      revision: 0,
      position: forged,
    });
    expect(byStream['appointment-a-4']).toMatchObject({
      kind: 'moved',
      revision: 0,
      detail: expect.stringMatching(/^covered at position \d+\/\d+, now stored at /),
    });
    expect(byStream['cadre-p-a-4']).toMatchObject({ kind: 'moved', revision: 0 });
    expect(Object.keys(byStream).sort()).toEqual([
      'appointment-a-1',
      'appointment-a-2',
      'appointment-a-3',
      'appointment-a-4',
      'appointment-forged',
      'cadre-p-2',
      'cadre-p-a-4',
    ]);
    // The history parts from each changed stream: lines that differ (a-1, cadre-p-2, and the
    // swapped places), lines whose events were deleted (a-2, a-3), and the inserted event's line,
    // missing below the history's checkpoint (before: a-1 only, the one whose hashes changed).
    const historyStreams = (report.body.historyDisagreements as { streamId: string }[]).map(
      (found) => found.streamId,
    );
    expect([...new Set(historyStreams)]).toEqual([
      'appointment-a-1',
      'appointment-a-2',
      'appointment-a-3',
      'appointment-a-4',
      'appointment-forged',
      'cadre-p-2',
      'cadre-p-a-4',
    ]);
    expect(
      (report.body.historyDisagreements as { streamId: string; columns: string[] }[]).find(
        (found) => found.streamId === 'cadre-p-a-4',
      ),
    ).toMatchObject({ revision: 0, columns: ['global_position'] });
    // A deleted stream lies in no unit any more: an auditor whose grant covers every unit is told
    // of it as the whole-store check tells (before: 403 from the stream's own check).
    const deleted = await http().get('/audit/verify?stream=appointment-a-3').set(auditor);
    expect([deleted.status, deleted.body.rule]).toEqual([200, undefined]);
    expect(deleted.body).toMatchObject({
      streamId: 'appointment-a-3',
      eventsChecked: 0,
      intact: false,
      checkpoint: {
        status: 'parted',
        finding: { kind: 'deleted-stream', streamId: 'appointment-a-3', revision: 0 },
      },
    });
    // A stream never stored is no finding: 404 for that auditor.
    await http().get('/audit/verify?stream=appointment-never').set(auditor).expect(404);
    // A grant below the top cannot place it, and is told nothing of it, as of one never stored.
    const admin = bearer(t.token('u-admin', ['admin'], 'ou-town'));
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-ward', name: 'Phường Một', kind: 'ward', parentId: 'ou-town' })
      .expect(201);
    const wardAuditor = bearer(t.token('u-ward-auditor', ['auditor'], 'ou-ward'));
    for (const stream of ['appointment-a-3', 'appointment-never']) {
      const refused = await http().get(`/audit/verify?stream=${stream}`).set(wardAuditor);
      expect([refused.status, refused.body.rule]).toEqual([403, 'scope.out_of_scope']);
      expect(refused.body.checkpoint).toBeUndefined();
    }
    await openCase('a-6');
    // Asked for, a checkpoint is refused over a changed store, naming where (before: 201).
    const asked = await http().post('/audit/checkpoints').set(auditor).expect(409);
    expect(asked.body).toMatchObject({ rule: 'checkpoint.store_disagrees' });
    expect(asked.body.message).toMatch(/appointment-a-1 revision 0 \(rewritten\)/);
    expect(asked.body.message).toMatch(/cadre-p-2 revision 0 \(rewritten\)/);
    // The timer's still adds what is new: the covered history stays what was signed.
    expect((await t.app.get(CheckpointService).create()).created).toBe(true);
    const still = await http().get('/audit/verify').set(auditor).expect(200);
    expect(still.body.status).toBe('tampered');
    expect(still.body.findings).toHaveLength(7);
  });

  it('npm run audit: checkpoint refuses the changed store as the API does; verify names the history line', async () => {
    const root = join(__dirname, '../..');
    await run(process.execPath, ['scripts/build-if-stale.js'], { cwd: root });
    const env = {
      ...process.env,
      DATABASE_URL: t.db.url,
      CHECKPOINT_DIR: checkpointDir,
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: keysDir,
    };
    const cli = (...args: string[]) =>
      run(process.execPath, ['dist/audit/audit.cli.js', ...args], { cwd: root, env }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
    // Something new to sign that does not chain onto the rewritten history.
    await store.append(
      'cadre-p-cli',
      [
        {
          id: 'new-after-the-rewrite',
          type: 'AuditNote',
          data: {},
          metadata: { actorId: 'dba', correlationId: 'c', causationId: null, occurredAt: today },
        },
      ],
      { expectedRevision: 'any' },
    );
    const files = readdirSync(checkpointDir).sort();
    // Before: "signed checkpoint 5", rc 0.
    const signing = await cli('checkpoint');
    expect(signing.code).toBe(1);
    expect(signing.stderr).toMatch(
      /audit: checkpoint not signed: the store was changed behind the service at .*appointment-a-1 revision 0 \(rewritten\)/,
    );
    expect(readdirSync(checkpointDir).sort()).toEqual(files);
    const verify = await cli('verify', '--stream', 'appointment-a-1');
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain('1 streams checked, 0 broken');
    expect(verify.stdout).toMatch(
      /^appointment-a-1: HISTORY DISAGREES at revision 0 \(event [^)]+\) \(differs in hash, data\): audit history hash [0-9a-f]{64}, store hash [0-9a-f]{64}$/m,
    );
    // A line forged into the history with no event behind it (before: not named by verify --all;
    // checkpoint refuses on the same whole-store comparison).
    await t.db.pool.query(
      `INSERT INTO audit_history
         SELECT 'forged-line', 99999, global_position, 'appointment-ghost', stream_kind, 'ghost',
                0, event_type, schema_version, actor_id, roles, org_unit, definition_version,
                rule_set, occurred_at, recorded_at, correlation_id, causation_id, hash, person_id,
                data
           FROM audit_history WHERE stream_id = 'appointment-a-4' AND revision = 0`,
    );
    const all = await cli('verify', '--all');
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(
      /^appointment-ghost: HISTORY DISAGREES at revision 0 \(event forged-line\): audit history hash [0-9a-f]{64}, store hash \(event gone from the store\)$/m,
    );
    // cadre-p-2's data edited in place, its hash left alone. Before: "audit history hash 4e65…,
    // store hash 4e65…", the stored hash column beside the history's, two equal values.
    const edited = all.stdout.match(
      /^cadre-p-2: HISTORY DISAGREES at revision 0 \(event [^)]+\) \(differs in data\): audit history hash ([0-9a-f]{64}), store content now hashes to ([0-9a-f]{64}) \(its stored hash ([0-9a-f]{64}) no longer matches it\)$/m,
    );
    expect(edited).not.toBeNull();
    const [, historyHash, contentHash, storedHash] = edited!;
    expect(contentHash).not.toBe(historyHash);
    expect(storedHash).toBe(historyHash);
    // A covered stream's last event deleted from the store and from the history alike: its chain
    // and its history agree with what is left; only the checkpoint sees the tail gone. One stream
    // is checked as the API checks it (before: "1 streams checked, 0 broken", exit 0).
    const a6 = 'appointment-a-6';
    const { rows: tail } = await t.db.pool.query(
      'SELECT max(revision) AS r, count(*) AS n FROM events WHERE stream_id = $1',
      [a6],
    );
    const last = Number(tail[0].r);
    for (let i = 0; i < 40; i++) {
      const { rows: copied } = await t.db.pool.query(
        'SELECT count(*) AS n FROM audit_history WHERE stream_id = $1',
        [a6],
      );
      if (copied[0].n === tail[0].n) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await t.db.pool.query('DELETE FROM events WHERE stream_id = $1 AND revision = $2', [a6, last]);
    await t.db.pool.query('DELETE FROM audit_history WHERE stream_id = $1 AND revision = $2', [
      a6,
      last,
    ]);
    const api = await http().get(`/audit/verify?stream=${a6}`).set(auditor).expect(200);
    expect(api.body).toMatchObject({
      ok: true,
      intact: false,
      historyDisagreements: [],
      checkpoint: { status: 'parted', finding: { kind: 'deleted-tail', revision: last } },
    });
    const one = await cli('verify', '--stream', a6);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(
      new RegExp(`^${a6}: PARTS at revision ${last} \\(position [^)]+\\): deleted-tail: `, 'm'),
    );
    expect(one.stdout).toContain('1 streams checked, 0 broken, 1 part from the signed checkpoint');
    expect(one.stdout).toContain('audit history: 0 line(s) disagree with the store');
  }, 240_000);

  it('signs no checkpoint over a new event that chains onto a rewritten history', async () => {
    await store.append(
      'appointment-a-1',
      [
        {
          id: 'after-the-rewrite',
          type: 'AuditNote',
          data: {},
          metadata: { actorId: 'dba', correlationId: 'c', causationId: null, occurredAt: today },
        },
      ],
      { expectedRevision: 'any' },
    );
    const refused = await http().post('/audit/checkpoints').set(auditor).expect(409);
    expect(refused.body).toMatchObject({ rule: 'checkpoint.store_disagrees' });
    expect(refused.body.message).toMatch(/appointment-a-1 revision \d+/);
    // The timer, which signs without verifying first, refuses it too (once the store's reads
    // reach the new event: nothing new to sign until then).
    let timer: unknown;
    // Up to 30 s: on a machine loaded by parallel suites the reads took more than 10 s to reach it.
    for (let i = 0; i < 120; i++) {
      timer = await t.app
        .get(CheckpointService)
        .create()
        .catch((error: unknown) => error);
      // Events of other streams after the last checkpoint may be signed first (created: true):
      // the timer signs what its reads reach, until they reach the new event (was: a break there,
      // and the check failed about one run in two).
      if (timer instanceof Error) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(String(timer)).toMatch(
      /appointment-a-1 revision \d+: stored hash does not extend the covered chain/,
    );
    // The outside copy is untouched by all of it.
    expect(readFileSync(join(checkpointDir, '0000000001.checkpoint.json'), 'utf8')).toContain(
      '"sequence": 1',
    );
  });
});
