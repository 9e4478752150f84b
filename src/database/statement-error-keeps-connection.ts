import { EventEmitter } from 'node:events';
import { DatabaseError, Pool, PoolClient, QueryConfig, QueryResult } from 'pg';
import { checkOutClient } from './checked-out-client';
import { isConnectionLost } from './connection-loss';

type QueryCallback = (error: Error | undefined, result?: QueryResult) => void;

/**
 * Whether an error is a statement's, on a connection still fit for the next one: the server
 * answered with an ERROR (a refused append's wrong expected revision, a unique or check violation,
 * a trigger that refuses, a cancelled statement) and then its ReadyForQuery. A FATAL or PANIC, a
 * lost connection, or an error the driver raised itself (a bad parameter) leaves it in doubt.
 */
export function isStatementError(error: unknown): boolean {
  return (
    error instanceof DatabaseError &&
    error.severity === 'ERROR' &&
    !isConnectionLost(error) &&
    !error.code?.startsWith('XX')
  );
}

/** The transaction status each connection's last ReadyForQuery reported ('I': idle, outside one). */
const transactionStatus = new WeakMap<PoolClient, string | undefined>();

function watchTransactionStatus(client: PoolClient): void {
  if (transactionStatus.has(client)) return;
  transactionStatus.set(client, undefined);
  const connection = (client as unknown as { connection?: EventEmitter }).connection;
  // pg's own listener runs first and settles the query; this one runs in the same emit, before
  // the caller's continuation, so the status read there is the one the failed statement left.
  connection?.on('readyForQuery', (message: { status?: string }) =>
    transactionStatus.set(client, message.status),
  );
}

/**
 * `pool.query` without pg-pool's one costly habit: it discards the connection after *any* error,
 * so every refused append (HTTP 409), every idempotent retry that meets its own event id and every
 * rule a trigger enforces closed a connection, and the next statement paid for a new one (a
 * PostgreSQL backend started, authenticated and its caches warmed: milliseconds of both
 * processes' CPU; the lifecycle bench on long records churned 32 connections a run). Here a
 * statement's error outside a transaction hands the connection back to the pool; anything else
 * discards it as before.
 */
export function keepConnectionOnStatementError(pool: Pool): void {
  const run = async (text: string | QueryConfig, values?: unknown[]): Promise<QueryResult> => {
    const client: PoolClient = await checkOutClient(pool);
    watchTransactionStatus(client);
    try {
      const result = await client.query(text as QueryConfig, values);
      client.release();
      return result;
    } catch (error) {
      // Kept only outside a transaction: text that began one (`BEGIN; …`) and failed inside it
      // would hand the next caller an aborted transaction.
      const reusable = isStatementError(error) && transactionStatus.get(client) === 'I';
      client.release(reusable ? undefined : (error as Error));
      throw error;
    }
  };
  const query = (
    text: string | QueryConfig,
    valuesOrCallback?: unknown[] | QueryCallback,
    callback?: QueryCallback,
  ): Promise<QueryResult> | void => {
    const values = typeof valuesOrCallback === 'function' ? undefined : valuesOrCallback;
    const done = typeof valuesOrCallback === 'function' ? valuesOrCallback : callback;
    const result = run(text, values);
    if (!done) return result;
    result.then(
      (rows) => done(undefined, rows),
      (error: Error) => done(error),
    );
  };
  pool.query = query as typeof pool.query;
}
