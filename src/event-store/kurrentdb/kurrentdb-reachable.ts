import { BACKWARDS, END, KurrentDBClient } from '@kurrent/kurrentdb-client';

/**
 * Resolves when the KurrentDB server named by the connection string answers a read of `$all`
 * (it is up and has a leader); rejects with the client's error otherwise, or after `timeoutMs`
 * when nothing answers at all.
 */
export async function pingKurrentDb(connectionString: string, timeoutMs = 5000): Promise<void> {
  const client = KurrentDBClient.connectionString(connectionString);
  let timer: NodeJS.Timeout | undefined;
  try {
    const read = (async () => {
      for await (const _ of client.readAll({
        maxCount: 1,
        direction: BACKWARDS,
        fromPosition: END,
      }))
        break;
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([read, timeout]);
  } finally {
    clearTimeout(timer);
    await client.dispose().catch(() => undefined);
  }
}
