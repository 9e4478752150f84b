/**
 * SQLSTATE classes and socket errors that mean "the connection is gone", not "this statement is
 * wrong": a terminated backend (57P01 admin shutdown / pg_terminate_backend, 57P02 crash
 * shutdown, 57P03 cannot connect now), class 08 (connection exception), a server refusing a new
 * connection, a refused or reset socket, or the driver noticing the socket closed. Work that failed this way is retried on a new
 * connection; it says nothing about the event or job being handled.
 */
const LOST_SQLSTATES = new Set(['57P01', '57P02', '57P03']);
/**
 * A server that is up but refuses a new connection: 53300 too_many_connections (raised only while
 * a connection is made). 55000 object_not_in_prerequisite_state is also raised by statements
 * (currval before nextval, …), so it counts only with the words PostgreSQL uses when a database
 * is closed to connections (ALTER DATABASE … ALLOW_CONNECTIONS false).
 */
const REFUSED_SQLSTATES = new Set(['53300']);
const CLOSED_DATABASE_SQLSTATE = '55000';
const CLOSED_DATABASE_MESSAGE = /is not currently accepting connections/i;
const LOST_SOCKET_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const LOST_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /client has encountered a connection error/i,
  /connection is not queryable/i,
  /timeout exceeded when trying to connect/i,
];

/**
 * Failures raised only while a connection is being made (the server or the socket refused it, or
 * it was not made in time): no statement ran on it. 55000 counts only with a closed database's words.
 */
const REFUSED_AT_CONNECT_SQLSTATES = new Set(['53300', '57P03']);
const REFUSED_SOCKET_CODES = new Set(['ECONNREFUSED']);
const REFUSED_MESSAGES = [/timeout exceeded when trying to connect/i];

export function isConnectionRefused(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  const words = typeof message === 'string' ? message : '';
  if (typeof code === 'string') {
    if (REFUSED_AT_CONNECT_SQLSTATES.has(code) || REFUSED_SOCKET_CODES.has(code)) return true;
    if (code === CLOSED_DATABASE_SQLSTATE) return CLOSED_DATABASE_MESSAGE.test(words);
  }
  return REFUSED_MESSAGES.some((pattern) => pattern.test(words));
}

export function isConnectionLost(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (LOST_SQLSTATES.has(code) || code.startsWith('08') || LOST_SOCKET_CODES.has(code))
      return true;
    if (REFUSED_SQLSTATES.has(code)) return true;
    if (code === CLOSED_DATABASE_SQLSTATE)
      return typeof message === 'string' && CLOSED_DATABASE_MESSAGE.test(message);
  }
  return typeof message === 'string' && LOST_MESSAGES.some((pattern) => pattern.test(message));
}
