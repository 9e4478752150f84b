/**
 * SQLSTATE classes and socket errors that mean "the connection is gone", not "this statement is
 * wrong": a terminated backend (57P01 admin shutdown / pg_terminate_backend, 57P02 crash
 * shutdown, 57P03 cannot connect now), class 08 (connection exception), a refused or reset socket,
 * or the driver noticing the socket closed. Work that failed this way is retried on a new
 * connection; it says nothing about the event or job being handled.
 */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const LOST_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /client has encountered a connection error/i,
  /connection is not queryable/i,
  /timeout exceeded when trying to connect/i,
];

export function isConnectionLost(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (LOST_SQLSTATES.has(code) || code.startsWith('08') || LOST_SOCKET_CODES.has(code))
      return true;
  }
  return typeof message === 'string' && LOST_MESSAGES.some((pattern) => pattern.test(message));
}
