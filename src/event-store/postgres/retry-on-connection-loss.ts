import { isConnectionLost } from '../../database/connection-loss';

/**
 * Sends an append once more, on a new connection, when its connection was lost on the way
 * (pg_terminate_backend, a failover, a pooler cutting it). The first attempt may or may not have
 * committed; sending the same batch again is safe because appends are idempotent by event id: if
 * it was stored, the second attempt finds it and answers as the first would have (ADR 5). The
 * caller then sees one outcome instead of an error for a write that may well be stored.
 */
export async function retryOnConnectionLoss<T>(append: () => Promise<T>): Promise<T> {
  try {
    return await append();
  } catch (error) {
    if (!isConnectionLost(error)) throw error;
    return append();
  }
}
