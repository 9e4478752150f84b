import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { CommandBus } from '@nestjs/cqrs';
import { ActOnCase } from '../../src/procedures/case/commands/case-commands';
import { loadConfig } from '../../src/config/app-config';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

/** A second instance of the service on the same database, as a second API node would run. */
async function startSecondInstance(t: TestApp): Promise<INestApplication> {
  const config = loadConfig({
    DATABASE_URL: t.db.url,
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    RUN_WORKERS: 'false',
    RATE_LIMIT_PER_MINUTE: '100000',
    QUEUE_PREFIX: t.queuePrefix,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.forConfig(config)],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  configureApp(app, { bodyLimitBytes: config.BODY_LIMIT_BYTES });
  await app.init();
  return app;
}

/** Listens on a free port, so many requests can run at once against one server. */
async function baseUrl(app: INestApplication): Promise<string> {
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

describe('concurrency edges', () => {
  let t: TestApp;
  let second: INestApplication;
  let urls: string[];
  let staff: Record<string, string>;

  const openBody = (extra: Record<string, unknown> = {}) => ({
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: 'p-an',
    positionId: 'pos-head',
    orgUnitId: 'ou-town',
    summary: 'Fill the post of head',
    ...extra,
  });
  const openCases = async () => {
    const { rows } = await t.db.pool.query<{ stream_id: string }>(
      "SELECT DISTINCT stream_id FROM events WHERE stream_id LIKE 'appointment-%'",
    );
    return rows.map((row) => row.stream_id);
  };

  beforeAll(async () => {
    t = await startTestApp('concurrency');
    second = await startSecondInstance(t);
    urls = [await baseUrl(t.app), await baseUrl(second)];
    staff = {
      Authorization: `Bearer ${t.token('staff-1', ['organization_staff', 'admin'], 'ou-town')}`,
    };
    const http = request(urls[0]);
    await http
      .post('/org-units')
      .set(staff)
      .send({ id: 'ou-town', name: 'Thị xã', kind: 'town' })
      .expect(201);
    for (const id of ['pos-head', 'pos-deputy', 'pos-secretary'])
      await http
        .post('/positions')
        .set(staff)
        .send({ id, title: id, orgUnitId: 'ou-town', appointingAuthority: 'ou-town', rank: 3 })
        .expect(201);
    await http
      .post('/cadres')
      .set(staff)
      .send({
        id: 'p-an',
        fullName: 'Nguyễn Văn An',
        dateOfBirth: '1980-01-01',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-town',
      })
      .expect(201);
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('answers 50 parallel requests with one Idempotency-Key, on two instances, with the first answer: one case exists', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        request(urls[index % 2])
          .post('/cases')
          .set(staff)
          .set('Idempotency-Key', 'open-head-once')
          .send(openBody()),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(50).fill(201));
    const first = answers[0];
    for (const answer of answers) {
      expect(answer.text).toBe(first.text);
      expect(answer.headers.etag).toBe(first.headers.etag);
    }
    expect(await openCases()).toEqual([`appointment-${first.body.id}`]);

    // The same key with another body is still refused, and writes nothing.
    const other = await request(urls[1])
      .post('/cases')
      .set(staff)
      .set('Idempotency-Key', 'open-head-once')
      .send(openBody({ positionId: 'pos-deputy' }));
    expect(other.status).toBe(422);
    expect(await openCases()).toHaveLength(1);

    await request(urls[0])
      .post(`/cases/${first.body.id}/withdraw`)
      .set(staff)
      .send({ reason: 'test done' })
      .expect(200);
  });

  it('lets one of many parallel opens for the same person and post through, and refuses the rest naming the open case', async () => {
    const before = await openCases();
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        request(urls[index % 2])
          .post('/cases')
          .set(staff)
          .send(openBody({ id: `c-race-${index}` })),
      ),
    );
    const opened = answers.filter((answer) => answer.status === 201);
    expect(opened).toHaveLength(1);
    const winner = opened[0].body.id as string;
    for (const answer of answers.filter((a) => a.status !== 201))
      expect({ status: answer.status, body: answer.body }).toMatchObject({
        status: 409,
        body: { rule: 'case.duplicate_open', openCaseId: winner },
      });
    expect((await openCases()).filter((stream) => !before.includes(stream))).toEqual([
      `appointment-${winner}`,
    ]);

    // Another post, or another procedure's definition for the post, is another slot.
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-deputy', positionId: 'pos-deputy' }))
      .expect(201);

    // A withdrawn or rejected case frees the slot; the next open goes through.
    await request(urls[1])
      .post(`/cases/${winner}/withdraw`)
      .set(staff)
      .send({ reason: 'opened twice' })
      .expect(200);
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-after-withdraw' }))
      .expect(201);
    const again = await request(urls[1])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-one-too-many' }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      rule: 'case.duplicate_open',
      openCaseId: 'c-after-withdraw',
    });
    await request(urls[1])
      .post('/cases/c-after-withdraw/reject')
      .set(staff)
      .send({ reason: 'not suitable' })
      .expect(200);
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-after-reject' }))
      .expect(201);
  });

  it('frees a slot whose release was lost: a closed holder does not hold it', async () => {
    // The slot claim of c-after-reject stays; closing it through the store alone (no release).
    await request(urls[0])
      .post('/cases/c-after-reject/withdraw')
      .set(staff)
      .send({ reason: 'x' })
      .expect(200);
    await t.db.pool.query(
      "DELETE FROM events WHERE stream_id LIKE 'caseslot-%' AND type = 'OpenCaseSlotReleased.v1' AND data->>'caseId' = 'c-after-reject'",
    );
    await request(urls[1])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-after-lost-release' }))
      .expect(201);
  });

  it('releases the slot when a closing command is delivered again after a crash lost the release', async () => {
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-redelivered', positionId: 'pos-secretary' }))
      .expect(201);
    const commands = t.app.get(CommandBus);
    const withdraw = () =>
      commands.execute(
        new ActOnCase(
          'c-redelivered',
          { type: 'WithdrawCase', data: { reason: 'moved elsewhere' } },
          {
            actor: { userId: 'system:saga', roles: ['organization_staff'], orgUnit: 'ou-town' },
            idSeed: 'saga:withdraw:c-redelivered',
            metadata: {
              actorId: 'system:saga',
              correlationId: 'c-redelivered',
              causationId: null,
              occurredAt: new Date().toISOString(),
            },
          },
        ),
      );
    await withdraw();
    // The process died after the case's append, before its release: the release never happened.
    await t.db.pool.query(
      "DELETE FROM events WHERE stream_id LIKE 'caseslot-%' AND type = 'OpenCaseSlotReleased.v1' AND data->>'caseId' = 'c-redelivered'",
    );
    await withdraw();
    await withdraw();
    const { rows } = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'caseslot-%' AND type = 'OpenCaseSlotReleased.v1' AND data->>'caseId' = 'c-redelivered'",
    );
    expect(rows[0].n).toBe(1);
    const caseEvents = await t.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE stream_id = 'appointment-c-redelivered' AND type = 'CaseWithdrawn.v1'",
    );
    expect(caseEvents.rows[0].n).toBe(1);
  });

  it('keeps a post held by a case opened before slots existed, until that case is closed', async () => {
    await request(urls[0])
      .post('/positions')
      .set(staff)
      .send({
        id: 'pos-legacy',
        title: 'Chánh Văn phòng',
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
      })
      .expect(201);
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-legacy', positionId: 'pos-legacy' }))
      .expect(201);
    // As it was before this release: no claim in the slot stream, the case in the case list.
    await t.db.pool.query(
      "DELETE FROM events WHERE stream_id = 'caseslot-appointment/p-an/pos-legacy'",
    );
    await t.db.pool.query(
      `INSERT INTO case_summaries (case_id, stream_id, procedure, definition, rule_set, person_id, position_id,
                                   org_unit_id, summary, status, opened_on, opened_sequence, updated_sequence)
       VALUES ('c-legacy', 'appointment-c-legacy', 'appointment', 'appointment.internal@1', 'vn-2025', 'p-an',
               'pos-legacy', 'ou-town', 'x', 'open', '2026-01-05', 1, 1)`,
    );
    const refused = await request(urls[1])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-legacy-2', positionId: 'pos-legacy' }));
    expect({ status: refused.status, body: refused.body }).toMatchObject({
      status: 409,
      body: { rule: 'case.duplicate_open', openCaseId: 'c-legacy' },
    });
    // Once withdrawn the post is free, even while the case list still shows the case open.
    await request(urls[1])
      .post('/cases/c-legacy/withdraw')
      .set(staff)
      .send({ reason: 'x' })
      .expect(200);
    await request(urls[0])
      .post('/cases')
      .set(staff)
      .send(openBody({ id: 'c-legacy-2', positionId: 'pos-legacy' }))
      .expect(201);
  });
});
