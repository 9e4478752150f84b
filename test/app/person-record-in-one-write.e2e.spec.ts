import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

interface StoredRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  type: string;
  transaction_id: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
}

const SAGA = 'case-record';

/**
 * A re-appointment writes what the case-record saga would write on the person's record (the case
 * noted open and closed, the decision's post) and the decision's timers in its own writes; the
 * saga only where it could not (the record moved since this process wrote it).
 */
describe("the person's record, written with the case", () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('person-record-one-write', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    const post = {
      positionId: 'pos-head',
      from: addDays(today, -1800),
      termEnd: addDays(today, 60),
    };
    await buildRegistry(t, h.staff, {
      positions: [{ id: 'pos-head', rank: 5 }],
      people: [
        { id: 'p-one', posts: [post] },
        { id: 'p-two', posts: [post] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const tally = (members: number, forVotes: number) => ({
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  });

  const open = (caseId: string, personId: string) =>
    http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Tái bổ nhiệm',
      })
      .expect(201);

  /** Every step of the re-appointment after its opening; the decision's body. */
  async function toDecision(caseId: string) {
    const step = (id: string, who: string, body: object) =>
      http().post(`/cases/${caseId}/steps/${id}`).set(h[who]).send(body).expect(200);
    await step('self-assessment', 'staff', { heldOn: today, conclusion: 'ok' });
    await step('key-officials-confidence', 'secretary', {
      heldOn: today,
      minutesRef: 'B-1',
      tally: tally(40, 30),
    });
    await step('head-evaluation', 'leader', { heldOn: today, conclusion: 'ok' });
    await step('leadership-ballot', 'secretary', {
      heldOn: today,
      minutesRef: 'B-2',
      tally: tally(13, 11),
    });
    await step('vetting', 'staff', {
      heldOn: today,
      items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
        item,
        result: 'cleared',
      })),
    });
    const decided = await step('decision', 'leader', {
      heldOn: today,
      number: '302-QĐ/TU',
      signer: 'Bí thư',
      effectiveFrom: addDays(today, 60),
    });
    return decided.body.decision as { termEnd: string };
  }

  const caseEvent = async (caseId: string, type: string) =>
    (
      await t.db.pool.query<StoredRow>(
        `SELECT global_position::text, event_id, stream_id, type, transaction_id::text, data, metadata
           FROM events WHERE stream_id = $1 AND type = $2`,
        [`reappointment-${caseId}`, `${type}.v1`],
      )
    ).rows[0];

  /** What the event caused on the person's record and in timers of the case. */
  const causedBy = async (event: StoredRow) =>
    (
      await t.db.pool.query<StoredRow>(
        `SELECT global_position::text, event_id, stream_id, type, transaction_id::text, data, metadata
           FROM events
          WHERE metadata->>'causationId' = $1 AND metadata->>'actorId' = $2
          ORDER BY global_position`,
        [event.event_id, `system:saga:${SAGA}`],
      )
    ).rows;

  /** A store position (`<transaction>/<global position>`) as a pair that sorts as the store does. */
  const positionOf = (position: string) => position.split('/').map((part) => BigInt(part));
  const atOrAfter = (position: string, event: StoredRow) => {
    const [tx, at] = positionOf(position);
    const [eventTx, eventAt] = [BigInt(event.transaction_id), BigInt(event.global_position)];
    return tx > eventTx || (tx === eventTx && at >= eventAt);
  };

  /** Waits until the saga has handled every event up to `event`, so a double would be there. */
  async function sagaPassed(event: StoredRow) {
    for (let tries = 0; tries < 200; tries += 1) {
      const { rows } = await t.db.pool.query<{ position: string | null }>(
        'SELECT position FROM saga_checkpoints WHERE name = $1',
        [SAGA],
      );
      if (rows[0]?.position && atOrAfter(rows[0].position, event)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`saga ${SAGA} did not pass ${event.event_id}`);
  }

  /** The person's events of a type that name the case. */
  const recordEvents = async (personId: string, type: string, caseId: string) =>
    (
      await t.db.pool.query<StoredRow>(
        `SELECT transaction_id::text, data, metadata FROM events
          WHERE stream_id = $1 AND type = $2 AND data->>'caseId' = $3`,
        [`cadre-${personId}`, `${type}.v1`, caseId],
      )
    ).rows;

  it("writes the opening's note and the decision's post, note and timers in the case's own transactions, once", async () => {
    await open('r-one', 'p-one');
    const opened = await caseEvent('r-one', 'CaseOpened');
    expect(opened.metadata.writtenWith).toContain(SAGA);
    const openNote = await causedBy(opened);
    expect(openNote.map((row) => [row.stream_id, row.type, row.data.status])).toEqual([
      ['cadre-p-one', 'CaseNoted.v1', 'open'],
    ]);
    expect(openNote[0].transaction_id).toBe(opened.transaction_id);

    const { termEnd } = await toDecision('r-one');
    const decided = await caseEvent('r-one', 'DecisionIssued');
    expect(decided.metadata.writtenWith).toContain(SAGA);
    const written = await causedBy(decided);
    expect(written.map((row) => [row.type, row.data.kind ?? row.data.status ?? null])).toEqual(
      expect.arrayContaining([
        ['PostAssigned.v1', null],
        ['CaseNoted.v1', 'closed'],
        ['TimerScheduled.v1', 'reappointment-reminder'],
        ['TimerScheduled.v1', 'term-end'],
      ]),
    );
    expect(written).toHaveLength(4);
    expect(new Set(written.map((row) => row.transaction_id))).toEqual(
      new Set([decided.transaction_id]),
    );

    await sagaPassed(decided);
    expect(await causedBy(decided)).toHaveLength(4);
    expect(await recordEvents('p-one', 'PostAssigned', 'r-one')).toHaveLength(1);
    expect(await recordEvents('p-one', 'CaseNoted', 'r-one')).toHaveLength(2);
    const record = await http().get('/cadres/p-one').set(h.staff).expect(200);
    expect(record.body.openCases).toEqual([]);
    expect(record.body.posts).toEqual([
      expect.objectContaining({ positionId: 'pos-head', termEnd }),
    ]);
  });

  it('leaves the record to the saga when it moved since this process wrote it, and the saga writes it once', async () => {
    await open('r-two', 'p-two');
    // Another instance writes the record: the state this process kept of it is now behind.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const before = await store.readStream('cadre-p-two');
    await store.append(
      'cadre-p-two',
      [
        {
          id: 'status-from-elsewhere',
          type: 'PersonStatusRecorded',
          data: {
            personId: 'p-two',
            status: 'abroad',
            from: '2001-01-01',
            until: '2001-02-01',
            note: 'written by another instance',
          },
          metadata: {
            actorId: 'u-staff',
            correlationId: 'test',
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: before[before.length - 1].revision },
    );

    await toDecision('r-two');
    const decided = await caseEvent('r-two', 'DecisionIssued');
    expect(decided.metadata.writtenWith ?? []).not.toContain(SAGA);
    await sagaPassed(decided);
    const written = await causedBy(decided);
    expect(written.map((row) => row.type).sort()).toEqual([
      'CaseNoted.v1',
      'PostAssigned.v1',
      'TimerScheduled.v1',
      'TimerScheduled.v1',
    ]);
    expect(written.every((row) => row.transaction_id !== decided.transaction_id)).toBe(true);
    expect(await recordEvents('p-two', 'PostAssigned', 'r-two')).toHaveLength(1);
  });
});
