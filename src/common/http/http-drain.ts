import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { INestApplication } from '@nestjs/common';
import { ServiceStopping } from '../../health/service-stopping';

/**
 * How long a connection must have been idle (since its last answer, or since it opened) for a stop
 * to close it: a client looping on it sends its next request well within that, even on a loaded
 * machine (at 50 ms, a test's clients still had requests cut), and that request is then answered.
 */
const IDLE_GRACE_MS = 1_000;
/** How often, during a stop, the connections turned idle are looked for (and closed). */
const SWEEP_MS = 50;

type Connection = { idleSince: number; running: number };
type Parser = { socket?: Socket };
type ConnectionsList = { idle(): Parser[] };

/**
 * A stop on a signal (SIGTERM, SIGINT) closes the application and, once it has, ends the process
 * with exit code 0 (after the logger's last lines; before, Nest raised the signal again).
 *
 * The HTTP side of a stop (a signal's, or any close of the application). From the first moment:
 * - a request already running finishes and gets its answer, with `Connection: close` when its
 *   answer has not started yet;
 * - a request that arrives on an open connection (or on a new one, while the listening socket is
 *   still open) is answered in full, with `Connection: close`, and Node then closes the connection;
 * - a connection is closed by the stop only when it is idle: no request running on it, none being
 *   read (Node's own list of connections says which are mid-message), and none for IDLE_GRACE_MS
 *   (since its last answer, or since it opened): one idle longer at the signal closes at the first
 *   look, one a client is looping on gets its next request answered. The first look is SWEEP_MS
 *   after the
 *   signal, so a request already on its way (written just before the signal) is read and answered
 *   rather than reset with its connection; the look is repeated every SWEEP_MS.
 *
 * Before, `server.closeIdleConnections()` ran at the signal and after every answer: it also
 * destroyed the connections a client had just opened (idle for Node until their request's bytes are
 * parsed) and those whose request was still in the socket's buffer, resetting requests the README
 * promises an answer. Node's `server.close()` (Nest's last step) calls that method too; it is
 * replaced here by the same careful sweep.
 */
export function enableGracefulStop(app: INestApplication): void {
  app.enableShutdownHooks([], { useProcessExit: true });
  const server = app.getHttpServer() as Server;
  const connections = new Map<Socket, Connection>();
  let draining = false;
  const stopping = serviceStopping(app);

  server.on('connection', (socket: Socket) => {
    connections.set(socket, { idleSince: Date.now(), running: 0 });
    socket.once('close', () => connections.delete(socket));
  });
  // Not prepended: a listener before Express's cut the service's throughput to a fraction.
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const connection = connections.get(request.socket);
    if (!connection) return;
    connection.running += 1;
    response.once('close', () => {
      connection.running -= 1;
      connection.idleSince = Date.now();
    });
  });

  app.use((_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (draining) askToClose(response);
    next();
  });

  const sweep = () => {
    const now = Date.now();
    const idle = idleSockets(server);
    for (const [socket, connection] of connections) {
      if (connection.running > 0 || (idle && !idle.has(socket))) continue;
      if (now - connection.idleSince < IDLE_GRACE_MS) continue;
      const current = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (current && !current.writableFinished) continue;
      socket.destroy();
    }
  };
  server.closeIdleConnections = sweep;

  // Nest asks the adapter first thing in a stop, before any module's hook (the listening socket
  // itself closes later, once the modules' own stops have run).
  const adapter = app.getHttpAdapter();
  const beforeClose = adapter.beforeClose?.bind(adapter);
  adapter.beforeClose = () => {
    draining = true;
    stopping?.begin();
    for (const socket of connections.keys()) {
      const current = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
      if (current) askToClose(current);
    }
    const timer = setInterval(sweep, SWEEP_MS).unref();
    server.once('close', () => clearInterval(timer));
    return beforeClose?.();
  };
}

/** The flag `/health` reads, where the application has the health module. */
function serviceStopping(app: INestApplication): ServiceStopping | undefined {
  try {
    return app.get(ServiceStopping, { strict: false });
  } catch {
    return undefined;
  }
}

function askToClose(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}

/** The sockets Node's HTTP parser holds no message on (undefined when Node does not say). */
function idleSockets(server: Server): Set<Socket> | undefined {
  const key = Object.getOwnPropertySymbols(server).find(
    (symbol) => symbol.description === 'http.server.connections',
  );
  const list = key && (server as unknown as Record<symbol, ConnectionsList | undefined>)[key];
  if (!list || typeof list.idle !== 'function') return undefined;
  return new Set(list.idle().flatMap((parser) => (parser.socket ? [parser.socket] : [])));
}
