import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { LoadedBatch } from './loaded-transfer-batch';
import { settledByOtherCopy } from './transfer-batch-copy-at-once';
import { TransferBatchState } from './transfer-batch.events';

/** A batch that exists: opening, opened or stopped. */
type ExistingBatch = Exclude<TransferBatchState, { status: 'none' }>;

const opening = (opened: number): ExistingBatch => ({
  status: 'opening',
  batchId: 'tb-x',
  contentHash: 'h',
  total: 1000,
  opened,
  orgUnitId: 'ou-town',
  definition: 'transfer.standard',
  caseIds: [],
  leaves: {},
  stoppedBecause: null,
});
const at = (revision: number, state: TransferBatchState): LoadedBatch => ({ state, revision });

/** A reload answering each of `batches` in turn, then the last one for ever. */
const reading = (batches: LoadedBatch[]) => {
  let read = 0;
  return jest.fn(async () => batches[Math.min(read++, batches.length - 1)]);
};

describe('a copy of a batch waiting for the request opening it', () => {
  it('answers with the batch once the other request has opened all of it', async () => {
    const opened = at(2, { ...opening(1000), status: 'opened' });
    const reload = reading([at(0, opening(0)), at(1, opening(500)), opened]);
    await expect(settledByOtherCopy(reload, 'tb-x', 1_000)).resolves.toBe(opened);
  });

  it('answers with the refusal the batch stopped with', async () => {
    const stoppedBecause = { rule: 'transfer_batch.conflict', message: 'caseslot-… moved' };
    const reload = reading([
      at(0, opening(0)),
      at(1, { ...opening(0), status: 'stopped', stoppedBecause }),
    ]);
    const refusal = await settledByOtherCopy(reload, 'tb-x', 1_000).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(DomainRuleViolation);
    expect(refusal).toMatchObject({ ...stoppedBecause, category: 'conflict' });
  });

  it('keeps waiting while the batch moves, however long it takes in all', async () => {
    const moving = Array.from({ length: 12 }, (_, i) => at(i, opening(i)));
    const opened = at(12, { ...opening(1000), status: 'opened' });
    // Each read moves the batch; the whole wait is longer than the standstill limit.
    await expect(settledByOtherCopy(reading([...moving, opened]), 'tb-x', 50)).resolves.toBe(
      opened,
    );
  });

  it('refuses as being opened, naming the batch, once it stands still for the limit', async () => {
    const reload = reading([at(0, opening(0)), at(1, opening(500))]);
    const refusal = await settledByOtherCopy(reload, 'tb-x', 300).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainRuleViolation);
    expect(refusal).toMatchObject({
      rule: 'transfer_batch.opening',
      category: 'conflict',
      field: 'id',
      details: { batchId: 'tb-x', opened: 500, total: 1000 },
    });
    expect((refusal as Error).message).toContain(
      '(500 of 1000 opened) and has not moved for 0.3 s',
    );
  });
});
