import request from 'supertest';
import { IdempotentAnswersSweep } from '../../src/common/idempotent-answers-sweep';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A write's answer kept for its Idempotency-Key is replayed only to the grant it was given to: the
 * same user under another grant (another unit, or now linked to the case's subject) is not shown
 * the case the first grant opened. Kept answers expire after IDEMPOTENCY_TTL_HOURS.
 */
describe('Idempotency-Key answers and the grant they were given to', () => {
  let t: TestApp;
  const http = () => request(t.server as never);
  const bearer = (roles: string[], unit: string, personId?: string) => ({
    Authorization: `Bearer ${t.token('u-staff', roles, unit, personId)}`,
  });
  const opening = (summary = 'Bổ nhiệm Phó trưởng phòng') => ({
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-pooled',
    positionId: 'pos-deputy',
    orgUnitId: 'ou-town',
    summary,
  });

  beforeAll(async () => {
    t = await startTestApp('idempotency-grants');
    await buildRegistry(t, bearer(['organization_staff'], 'ou-town'), {
      within: { id: 'ou-province', name: 'Tỉnh Thử', kind: 'province' },
      positions: [{ id: 'pos-deputy', rank: 5 }],
      people: [{ id: 'p-pooled', pool: ['pos-deputy'] }],
    });
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-province')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-xa', name: 'Thị xã Bên Cạnh', kind: 'town', parentId: 'ou-province' })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to replay a case to the same user under a grant that cannot read it (another unit, or the case subject), and replays it to the first grant', async () => {
    const town = bearer(['organization_staff'], 'ou-town');
    const first = await http()
      .post('/cases')
      .set(town)
      .set('Idempotency-Key', 'k-grant')
      .send(opening())
      .expect(201);
    const elsewhere = bearer(['organization_staff'], 'ou-xa');
    await http().get(`/cases/${first.body.id}`).set(elsewhere).expect(403);
    const subject = bearer(['organization_staff'], 'ou-town', 'p-pooled');

    for (const grant of [elsewhere, subject]) {
      const replay = await http()
        .post('/cases')
        .set(grant)
        .set('Idempotency-Key', 'k-grant')
        .send(opening());
      // Before: 201 with the whole case view of the first grant.
      expect({ status: replay.status, rule: replay.body.rule }).toEqual({
        status: 422,
        rule: 'idempotency.key_reused',
      });
      expect(replay.body.detail).toContain('another grant');
      expect(replay.body).not.toHaveProperty('id');
    }
    const retried = await http()
      .post('/cases')
      .set(town)
      .set('Idempotency-Key', 'k-grant')
      .send(opening())
      .expect(201);
    expect(retried.body).toEqual(first.body);
    await http()
      .post(`/cases/${first.body.id}/withdraw`)
      .set(town)
      .send({ reason: 'thử' })
      .expect(200);
  });

  it('deletes the answers older than IDEMPOTENCY_TTL_HOURS (24 by default) and keeps the younger ones', async () => {
    const town = bearer(['organization_staff'], 'ou-town');
    const first = await http()
      .post('/cases')
      .set(town)
      .set('Idempotency-Key', 'k-old')
      .send(opening('Lần đầu'))
      .expect(201);
    await http()
      .post(`/cases/${first.body.id}/withdraw`)
      .set(town)
      .send({ reason: 'thử' })
      .expect(200);
    await t.db.pool.query(
      "UPDATE idempotent_requests SET created_at = now() - interval '25 hours' WHERE idem_key = 'k-old'",
    );
    // Before: kept for ever (there was no sweep).
    expect(await t.app.get(IdempotentAnswersSweep).sweep()).toBe(1);
    const { rows } = await t.db.pool.query<{ idem_key: string }>(
      'SELECT idem_key FROM idempotent_requests ORDER BY idem_key',
    );
    expect(rows.map((row) => row.idem_key)).toEqual(['k-grant']);
  });
});
