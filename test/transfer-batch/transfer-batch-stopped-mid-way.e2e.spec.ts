import request from 'supertest';
import { BULK_WRITES } from '../../src/common/tokens';
import { BulkWrites } from '../../src/event-store/bulk-writes';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * A batch of three chunks whose second is refused as a conflict (entry 600's person got a case of
 * their own meanwhile). The third chunk, sent once the second has failed, expects the batch where
 * the second would have left it: had the stop been recorded there first, the third would have
 * gone through and opened its cases past the refused ones. The third is held here until the stop
 * is recorded (or long enough to tell it is not coming), so that order is what is tested.
 */
describe('a transfer batch stopped after its first chunk', () => {
  const PEOPLE = 1_100;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  const personId = (i: number) => `p-gap-${i}`;
  const casesWritten = async () =>
    (
      await t.db.pool.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM events WHERE stream_id LIKE 'caseid-tb-gap-%'",
      )
    ).rows[0].n;

  beforeAll(async () => {
    ({ t, staff } = await appWithPeopleInPost(
      'transfer_batch_mid_way',
      { TRANSFER_BATCH_MAX_ENTRIES: '2000' },
      Array.from({ length: PEOPLE }, (_, i) => personId(i)),
    ));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the first chunk, writes none after the refused one, and says it stopped', async () => {
    const body = {
      id: 'tb-gap',
      entries: Array.from({ length: PEOPLE }, (_, i) => ({
        personId: personId(i),
        currentPositionId: 'pos-old',
        positionId: 'pos-new',
        orgUnitId: 'ou-town',
        reason: `Sắp xếp tổ chức bộ máy, mục ${i + 1}`,
      })),
    };
    const bulkWrites = t.app.get<BulkWrites>(BULK_WRITES);
    const during = bulkWrites.during.bind(bulkWrites);
    jest.spyOn(bulkWrites, 'during').mockImplementationOnce(async (write) => {
      await http()
        .post('/cases')
        .set(staff)
        .send({
          procedure: 'transfer',
          definition: 'transfer.standard',
          personId: personId(600),
          positionId: 'pos-new',
          orgUnitId: 'ou-town',
          summary: 'Điều động riêng',
        })
        .expect(201);
      return during(write);
    });
    const store = t.app.get<EventStore>(EVENT_STORE);
    const appendMany = store.appendMany.bind(store);
    const stopRecorded = async () => {
      for (let waited = 0; waited < 2_000; waited += 50) {
        const batch = await store.readStream('transferbatch-tb-gap');
        if (batch.some((event) => event.type === 'TransferBatchStopped')) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const appends = jest.spyOn(store, 'appendMany').mockImplementation(async (list, options) => {
      if (list.some((append) => append.streamId === 'caseid-tb-gap-1001')) {
        await options?.after?.catch(() => undefined);
        await stopRecorded();
      }
      return appendMany(list, options);
    });
    try {
      const refused = await http().post('/transfer-batches').set(staff).send(body).expect(409);
      expect(refused.body.rule).toBe('transfer_batch.conflict');
    } finally {
      appends.mockRestore();
    }
    expect(await casesWritten()).toBe(500);
    const progress = await http().get('/transfer-batches/tb-gap').set(staff).expect(200);
    expect(progress.body).toMatchObject({
      status: 'stopped',
      opened: 500,
      stoppedBecause: { rule: 'transfer_batch.conflict' },
    });
  }, 120_000);
});
