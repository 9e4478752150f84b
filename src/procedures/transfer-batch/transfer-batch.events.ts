/**
 * A transfer batch (điều động hàng loạt): a reorganisation's list of people moved at once, each
 * opened as a transfer case. Its stream records who opened it, when and how many, and each chunk
 * of cases as it is written (in the same transaction as the chunk's cases on PostgreSQL), so its
 * fold is the batch's progress. The kind has no hyphen (stream names are `<kind>-<id>`).
 */
export const transferBatchStream = (batchId: string): string => `transferbatch-${batchId}`;

/** The case a batch entry opens: the batch id and the entry's place in it (1-based). */
export const batchCaseId = (batchId: string, index: number): string => `${batchId}-${index + 1}`;

export type TransferBatchOpenedData = {
  batchId: string;
  /** SHA-256 of the entries as given: the same id with other entries is another batch. */
  contentHash: string;
  total: number;
  orgUnitId: string;
  definition: string;
};

export type TransferBatchChunkOpenedData = {
  /** Index (0-based) of the chunk's first entry. */
  first: number;
  caseIds: string[];
  /** The post each case's person leaves (its entry's currentPositionId), in `caseIds`' order. */
  leaves?: string[];
};

/** Why the batch stopped before its last case: the refusal its request answered. */
export type TransferBatchStoppedData = {
  rule: string;
  message: string;
};

export type TransferBatchEvent =
  | { type: 'TransferBatchOpened'; data: TransferBatchOpenedData }
  | { type: 'TransferBatchChunkOpened'; data: TransferBatchChunkOpenedData }
  | { type: 'TransferBatchStopped'; data: TransferBatchStoppedData };

export type TransferBatchState =
  | { status: 'none' }
  | {
      /** `stopped`: refused part-way (a conflict), and not continued since; see stoppedBecause. */
      status: 'opening' | 'opened' | 'stopped';
      batchId: string;
      contentHash: string;
      total: number;
      opened: number;
      orgUnitId: string;
      definition: string;
      caseIds: string[];
      /** The post each case's person leaves, by case id (cases of chunks that recorded it). */
      leaves: Record<string, string>;
      stoppedBecause: TransferBatchStoppedData | null;
    };

export const initialTransferBatchState = (): TransferBatchState => ({ status: 'none' });

/** Pure fold of a batch stream. */
export function evolveTransferBatch(
  state: TransferBatchState,
  event: { type: string; data: unknown },
): TransferBatchState {
  if (event.type === 'TransferBatchOpened') {
    const data = event.data as TransferBatchOpenedData;
    return {
      status: data.total === 0 ? 'opened' : 'opening',
      ...data,
      opened: 0,
      caseIds: [],
      leaves: {},
      stoppedBecause: null,
    };
  }
  if (event.type === 'TransferBatchChunkOpened' && state.status !== 'none') {
    const data = event.data as TransferBatchChunkOpenedData;
    const opened = state.opened + data.caseIds.length;
    return {
      ...state,
      opened,
      caseIds: [...state.caseIds, ...data.caseIds],
      leaves: {
        ...state.leaves,
        ...Object.fromEntries(
          data.caseIds.flatMap((id, i) => (data.leaves ? [[id, data.leaves[i]]] : [])),
        ),
      },
      status: opened >= state.total ? 'opened' : 'opening',
      // Sent again and moving: the earlier stop is over.
      stoppedBecause: null,
    };
  }
  if (event.type === 'TransferBatchStopped' && state.status !== 'none')
    return { ...state, status: 'stopped', stoppedBecause: event.data as TransferBatchStoppedData };
  return state;
}
