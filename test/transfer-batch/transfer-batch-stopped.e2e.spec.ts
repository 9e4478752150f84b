import request from 'supertest';
import { BULK_WRITES } from '../../src/common/tokens';
import { BulkWrites } from '../../src/event-store/bulk-writes';
import { TestApp } from '../support/test-app';
import { appWithPeopleInPost } from './people-in-post';

/**
 * A batch that loses one of its people between its check and its write: a transfer for that
 * person is opened alone (`POST /cases`) just before the batch's chunk goes out. The batch is
 * refused (409 `transfer_batch.conflict`) and must say it stopped and why, not read as opening
 * for good: sent again it is refused before it writes (the person's case is open), so nothing
 * else would move it on. Once that case is withdrawn, the batch sent again opens and the stop
 * is over.
 */
describe('a transfer batch refused as a conflict', () => {
  const PEOPLE = ['p-stop-1', 'p-stop-2', 'p-stop-3'];
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);

  beforeAll(async () => {
    ({ t, staff } = await appWithPeopleInPost('transfer_batch_stopped', {}, PEOPLE));
  }, 60_000);
  afterAll(async () => {
    await t?.close();
  });

  const batch = {
    id: 'tb-stop',
    entries: PEOPLE.map((personId) => ({
      personId,
      currentPositionId: 'pos-old',
      positionId: 'pos-new',
      orgUnitId: 'ou-town',
      reason: 'Sắp xếp tổ chức bộ máy theo Đề án 05-ĐA/TU',
    })),
  };
  const openAlone = () =>
    http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'c-alone',
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-stop-2',
        positionId: 'pos-new',
        orgUnitId: 'ou-town',
        summary: 'Điều động riêng',
      })
      .expect(201);

  it('is kept as stopped with the reason until it is sent again and opens', async () => {
    // The batch has checked its entries (p-stop-2 free) when its chunks are about to be written.
    const bulkWrites = t.app.get<BulkWrites>(BULK_WRITES);
    const during = bulkWrites.during.bind(bulkWrites);
    jest.spyOn(bulkWrites, 'during').mockImplementationOnce(async (write) => {
      await openAlone();
      return during(write);
    });
    const refused = await http().post('/transfer-batches').set(staff).send(batch).expect(409);
    expect(refused.body.rule).toBe('transfer_batch.conflict');

    const stopped = await http().get('/transfer-batches/tb-stop').set(staff).expect(200);
    expect(stopped.body).toMatchObject({
      status: 'stopped',
      total: 3,
      opened: 0,
      caseIds: [],
      stoppedBecause: { rule: 'transfer_batch.conflict', message: refused.body.message },
    });

    // Sent again it is refused before it writes (p-stop-2's transfer is open): still stopped.
    const again = await http().post('/transfer-batches').set(staff).send(batch).expect(422);
    expect(again.body.errors).toMatchObject([{ index: 1, rule: 'case.duplicate_open' }]);
    const still = await http().get('/transfer-batches/tb-stop').set(staff).expect(200);
    expect(still.body).toMatchObject({ status: 'stopped', opened: 0 });

    await http().post('/cases/c-alone/withdraw').set(staff).send({ reason: 'mở nhầm' }).expect(200);
    const opened = await http().post('/transfer-batches').set(staff).send(batch).expect(201);
    expect(opened.body).toMatchObject({
      status: 'opened',
      opened: 3,
      openedNow: 3,
      caseIds: ['tb-stop-1', 'tb-stop-2', 'tb-stop-3'],
      stoppedBecause: null,
    });
  }, 60_000);
});
