import request from 'supertest';
import { BULK_WRITES } from '../../src/common/tokens';
import { BulkWrites } from '../../src/event-store/bulk-writes';
import { TransferBatchEntries } from '../../src/procedures/transfer-batch/transfer-batch-entries';
import { streamEventCount } from '../support/stream-event-count';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * The same list sent several times at once (a double click, a client retrying before the first
 * answer) is one batch, as it is sent one after the other: each copy answers 201 with the batch,
 * the copies that opened nothing with `openedNow: 0`, and each case is opened once. Before, the
 * copies that lost the race were told of an Idempotency-Key they never sent (409
 * `idempotency.id_reused`, the batch's opening event "stored with other content") or that the
 * batch's own case id was taken (422 `case.id_taken` for `tb-…-1`).
 */
describe('the same transfer batch sent several times at once', () => {
  const PEOPLE = Array.from({ length: 12 }, (_, i) => `p-once-${i}`);
  const COPIES = 4;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    ({ t, staff } = await appWithPeopleInPost('transfer_batch_sent_at_once', {}, PEOPLE));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const entriesOf = (people: string[], reason: string) =>
    people.map((personId) => ({
      personId,
      currentPositionId: 'pos-old',
      positionId: 'pos-new',
      orgUnitId: 'ou-town',
      reason,
    }));
  const send = (body: object) => http().post('/transfer-batches').set(staff).send(body);
  const sendAtOnce = (bodies: object[]) => Promise.all(bodies.map(send));
  afterEach(() => jest.restoreAllMocks());

  it('answers every copy with the one batch and opens each case once', async () => {
    const body = { entries: entriesOf(PEOPLE.slice(0, 3), 'Sắp xếp theo Đề án 05-ĐA/TU') };
    const answers = await sendAtOnce(Array.from({ length: COPIES }, () => body));

    for (const answer of answers)
      expect({ status: answer.status, body: answer.body }).toMatchObject({
        status: 201,
        body: { status: 'opened', total: 3, opened: 3 },
      });
    const batchId: string = answers[0].body.batchId;
    expect(batchId).toMatch(/^tb-[0-9a-f]{20}$/);
    expect(answers.map((answer) => answer.body.batchId)).toEqual(Array(COPIES).fill(batchId));
    expect(answers.map((answer) => answer.body.caseIds)).toEqual(
      Array(COPIES).fill([1, 2, 3].map((n) => `${batchId}-${n}`)),
    );
    // One copy opened the cases (or several copies a part each), the others nothing.
    const openedNow = answers.map((answer) => answer.body.openedNow as number);
    expect(openedNow.reduce((sum, n) => sum + n, 0)).toBe(3);

    // Each case opened once: its id reserved once and its stream opened once.
    expect(await streamEventCount(t.db.pool, [`caseid-${batchId}-%`])).toBe(3);
    const openings = await t.db.pool.query<{ stream_id: string }>(
      "SELECT stream_id FROM events WHERE stream_id LIKE $1 AND type LIKE 'CaseOpened.%'",
      [`rotation-${batchId}-%`],
    );
    expect(openings.rows.map((row) => row.stream_id).sort()).toEqual(
      [1, 2, 3].map((n) => `rotation-${batchId}-${n}`),
    );
    const batchEvents = await t.db.pool.query<{ type: string }>(
      'SELECT type FROM events WHERE stream_id = $1 ORDER BY revision',
      [`transferbatch-${batchId}`],
    );
    // Stored names carry their schema version (`TransferBatchOpened.v1`).
    expect(batchEvents.rows.map((row) => row.type.replace(/\.v\d+$/, ''))).toEqual([
      'TransferBatchOpened',
      'TransferBatchChunkOpened',
    ]);

    // Sent again afterwards it is the same batch, as before.
    const again = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(again.body).toMatchObject({ batchId, openedNow: 0, opened: 3 });
  }, 60_000);

  it('refuses a copy of an id sent at once with other entries as that id taken, opening it once', async () => {
    const first = { id: 'tb-once-shared', entries: entriesOf(PEOPLE.slice(3, 5), 'Danh sách 1') };
    const other = { id: 'tb-once-shared', entries: entriesOf(PEOPLE.slice(3, 6), 'Danh sách 2') };
    const answers = await sendAtOnce([first, other, first, other]);

    const opened = answers.filter((answer) => answer.status === 201);
    const refused = answers.filter((answer) => answer.status !== 201);
    // Whichever list was opened first, its copies answer with the batch and the other list's
    // copies are refused as naming a batch opened with other entries.
    const total: number = opened[0]?.body.total;
    expect(opened.map((answer) => answer.body)).toEqual([
      expect.objectContaining({ batchId: 'tb-once-shared', status: 'opened', total }),
      expect.objectContaining({ batchId: 'tb-once-shared', status: 'opened', total }),
    ]);
    expect(refused.map((answer) => ({ status: answer.status, body: answer.body }))).toEqual(
      Array(2).fill({
        status: 409,
        body: expect.objectContaining({
          rule: 'transfer_batch.id_taken',
          field: 'id',
          message: expect.stringContaining('tb-once-shared was opened with other entries'),
        }),
      }),
    );
    expect(await streamEventCount(t.db.pool, ['caseid-tb-once-shared-%'])).toBe(total);
  }, 60_000);

  // Sent at once, the copies mostly meet at the batch's opening event; these two make a copy meet
  // the first request later, at each place it can.

  it('answers a copy that checked its entries while the first request opened them as the batch', async () => {
    const body = { entries: entriesOf(PEOPLE.slice(6, 9), 'Đề án 06-ĐA/TU') };
    // The copy has read the batch (not opened yet) and checks its entries only once the first
    // request has opened them: it finds its own cases' ids taken and their people's cases open.
    const entries = t.app.get(TransferBatchEntries);
    const check = entries.check.bind(entries);
    let copyChecking!: () => void;
    const copyAtCheck = new Promise<void>((resolve) => (copyChecking = resolve));
    let firstAnswered!: () => void;
    const firstDone = new Promise<void>((resolve) => (firstAnswered = resolve));
    jest.spyOn(entries, 'check').mockImplementationOnce(async (...args) => {
      copyChecking();
      await firstDone;
      return check(...args);
    });
    const copy = Promise.resolve(send(body));
    await copyAtCheck;
    const first = await send(body);
    firstAnswered();
    const copied = await copy;

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'opened', opened: 3, openedNow: 3 });
    const batchId: string = first.body.batchId;
    expect({ status: copied.status, body: copied.body }).toMatchObject({
      status: 201,
      body: { batchId, status: 'opened', opened: 3, openedNow: 0, caseIds: first.body.caseIds },
    });
    expect(await streamEventCount(t.db.pool, [`caseid-${batchId}-%`])).toBe(3);
  }, 60_000);

  it('answers a copy whose cases the first request wrote before it as the batch', async () => {
    const body = { entries: entriesOf(PEOPLE.slice(9, 12), 'Đề án 07-ĐA/TU') };
    // The first request has opened the batch when the copy arrives; the copy checks its entries
    // (none opened yet) and writes its chunk only after the first request has written its own.
    const bulkWrites = t.app.get<BulkWrites>(BULK_WRITES);
    const during = bulkWrites.during.bind(bulkWrites);
    let copyWriting!: () => void;
    const copyAtWrite = new Promise<void>((resolve) => (copyWriting = resolve));
    let firstWritten!: () => void;
    const firstDone = new Promise<void>((resolve) => (firstWritten = resolve));
    let copy!: Promise<request.Response>;
    jest
      .spyOn(bulkWrites, 'during')
      .mockImplementationOnce(async (write) => {
        copy = Promise.resolve(send(body));
        await copyAtWrite;
        try {
          return await during(write);
        } finally {
          firstWritten();
        }
      })
      .mockImplementationOnce(async (write) => {
        copyWriting();
        await firstDone;
        return during(write);
      });
    const first = await send(body);
    const copied = await copy;

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'opened', opened: 3, openedNow: 3 });
    const batchId: string = first.body.batchId;
    expect({ status: copied.status, body: copied.body }).toMatchObject({
      status: 201,
      body: { batchId, status: 'opened', opened: 3, openedNow: 0, caseIds: first.body.caseIds },
    });
    expect(await streamEventCount(t.db.pool, [`caseid-${batchId}-%`])).toBe(3);
    // Not stopped: the copy's refused chunk was no conflict of the batch's.
    const read = await http().get(`/transfer-batches/${batchId}`).set(staff).expect(200);
    expect(read.body).toMatchObject({ status: 'opened', stoppedBecause: null });
  }, 60_000);
});
