import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { untilLogSettled } from '../support/settled-log';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A case stream whose first event was deleted behind the service: the first event names the case's
 * unit, so no scope places what is left. Before, `GET /audit/verify?stream=` answered 403 to an
 * auditor whose grant covers every unit, while the whole-store check named the missing revision;
 * now that auditor is told what is missing. A grant below the top is still refused, as for a stream
 * of another unit.
 */
describe('audit verify of a stream whose first event was deleted', () => {
  let t: TestApp;
  let store: EventStore;
  const work = mkdtempSync(join(tmpdir(), 'cf-first-event-deleted-'));
  const today = vietnamToday();
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let auditor: Record<string, string>;
  const http = () => request(t.server as never);

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
    t = await startTestApp('first_event_deleted', {
      CHECKPOINT_DIR: join(work, 'checkpoints'),
      CHECKPOINT_SIGNING_KEY_FILE: join(work, 'signer.pem'),
      CHECKPOINT_KEY_ID: 'k1',
      CHECKPOINT_PUBLIC_KEYS_DIR: join(work, 'keys'),
      CHECKPOINT_INTERVAL_MS: '0',
      RUN_WORKERS: 'true',
    });
    store = t.app.get(EVENT_STORE);
    const staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    await buildRegistry(t, staff, {
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
    await http()
      .post('/cases/c-1/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post and standards agreed' })
      .expect(200);
    await untilQuiet();
    await http().post('/audit/checkpoints').set(auditor).expect(201);
    const { rows } = await t.db.pool.query(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-1'",
    );
    expect(rows[0].n).toBeGreaterThan(1);
    await t.db.pool.query(
      "DELETE FROM events WHERE stream_id = 'appointment-c-1' AND revision = 0",
    );
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('a top-level auditor is told revision 0 is missing (before: 403 scope.out_of_scope)', async () => {
    const checked = await http().get('/audit/verify?stream=appointment-c-1').set(auditor);
    expect([checked.status, checked.body.rule]).toEqual([200, undefined]);
    expect(checked.body).toMatchObject({
      streamId: 'appointment-c-1',
      ok: false,
      brokenAtRevision: 0,
      reason: 'revision 0 is missing',
      intact: false,
      checkpoint: {
        status: 'parted',
        finding: {
          kind: 'deleted-event',
          streamId: 'appointment-c-1',
          revision: 0,
          detail: 'revision 0 is gone',
        },
      },
    });
    // The whole-store check names the same.
    const whole = await http().get('/audit/verify').set(auditor).expect(200);
    expect(whole.body.findings).toEqual([
      expect.objectContaining({ kind: 'deleted-event', streamId: 'appointment-c-1', revision: 0 }),
    ]);
  });

  it('a grant below the top is refused as for a stream of another unit', async () => {
    const admin = bearer(t.token('u-admin', ['admin'], 'ou-town'));
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-ward', name: 'Phường Một', kind: 'ward', parentId: 'ou-town' })
      .expect(201);
    const wardAuditor = bearer(t.token('u-ward-auditor', ['auditor'], 'ou-ward'));
    const refused = await http().get('/audit/verify?stream=appointment-c-1').set(wardAuditor);
    expect([refused.status, refused.body.rule]).toEqual([403, 'scope.out_of_scope']);
    expect(refused.body.checkpoint).toBeUndefined();
  });
});
