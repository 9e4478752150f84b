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

type ReadyForQuery = { status?: string };

/**
 * The transaction status the last ReadyForQuery of each connection reported ('I': idle, outside
 * a transaction), or undefined while its statement runs. pg settles a failed statement on the
 * server's ErrorResponse, not on the ReadyForQuery after it; when that arrives in a later chunk
 * (seen once on a loaded CI machine) the status is not yet the failed statement's own.
 */
const transactionStatus = new WeakMap<PoolClient, string | undefined>();

function connectionOf(client: PoolClient): EventEmitter | undefined {
  return (client as unknown as { connection?: EventEmitter }).connection;
}

function watchTransactionStatus(client: PoolClient): void {
  if (!transactionStatus.has(client)) {
    // pg's own listener runs first and settles a statement that succeeded; this one runs in the
    // same emit, before the caller's continuation.
    connectionOf(client)?.on('readyForQuery', (message: ReadyForQuery) =>
      transactionStatus.set(client, message.status),
    );
  }
  transactionStatus.set(client, undefined);
}

/** Bounds the wait for a ReadyForQuery that a failed statement's connection still owes. */
const READY_FOR_QUERY_WAIT_MS = 5_000;

/** Calls back with the status of the connection's next ReadyForQuery, or undefined if it ends. */
function onNextReadyForQuery(client: PoolClient, settle: (status?: string) => void): void {
  const connection = connectionOf(client);
  if (!connection) return settle(undefined);
  const done = (status?: string): void => {
    clearTimeout(timer);
    connection.removeListener('readyForQuery', ready);
    connection.removeListener('end', ended);
    settle(status);
  };
  const ready = (message: ReadyForQuery): void => done(message.status);
  const ended = (): void => done(undefined);
  const timer = setTimeout(ended, READY_FOR_QUERY_WAIT_MS);
  connection.on('readyForQuery', ready);
  connection.on('end', ended);
}

/**
 * Hands a connection whose statement failed back to the pool when the failure was the statement's
 * own and left no transaction open, and discards it otherwise. Text that began a transaction
 * (`BEGIN; …`) and failed inside it would hand the next caller an aborted transaction.
 */
function releaseAfterError(client: PoolClient, error: unknown): void {
  if (!isStatementError(error)) return client.release(error as Error);
  const release = (status?: string): void =>
    client.release(status === 'I' ? undefined : (error as Error));
  const status = transactionStatus.get(client);
  if (status !== undefined) release(status);
  else onNextReadyForQuery(client, release);
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
      // The caller hears of the error at once; the connection goes back when its state is known.
      releaseAfterError(client, error);
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
