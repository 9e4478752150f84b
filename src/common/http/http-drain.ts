import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { INestApplication } from '@nestjs/common';

/**
 * A stop on a signal (SIGTERM, SIGINT) closes the application and, once it has, ends the process
 * with exit code 0 (after the logger's last lines; before, Nest raised the signal again).
 *
 * The HTTP side of a stop (a signal's, or any close of the application). The listening socket
 * closes as Nest always did; what was missing was the clients' keep-alive connections: they went
 * on being served request after request, the stop waited for them until SHUTDOWN_TIMEOUT_MS and
 * the forced exit cut the requests then running. From the first moment of the stop:
 * - a request already running finishes and gets its answer, with `Connection: close` when its
 *   answer has not started yet;
 * - a request that arrives on an open connection is answered in full, with `Connection: close`
 *   (a load balancer or a client then takes its next request to a new connection);
 * - an idle keep-alive connection is closed at once, and every connection that turns idle after
 *   that, so the stop ends as soon as the last request running has its answer.
 */
export function enableGracefulStop(app: INestApplication): void {
  app.enableShutdownHooks([], { useProcessExit: true });
  const server = app.getHttpServer() as Server;
  const running = new Set<ServerResponse>();
  let draining = false;

  const closeIdle = () => setImmediate(() => server.closeIdleConnections());
  const askToClose = (response: ServerResponse) => {
    if (!response.headersSent) response.setHeader('Connection', 'close');
  };

  app.use((_request: IncomingMessage, response: ServerResponse, next: () => void) => {
    if (draining) {
      askToClose(response);
      response.once('close', closeIdle);
    } else {
      running.add(response);
      response.once('close', () => {
        running.delete(response);
        if (draining) closeIdle();
      });
    }
    next();
  });

  // Nest asks the adapter first thing in a stop, before any module's hook (the listening socket
  // itself closes later, once the modules' own stops have run).
  const adapter = app.getHttpAdapter();
  const beforeClose = adapter.beforeClose?.bind(adapter);
  adapter.beforeClose = () => {
    draining = true;
    running.forEach(askToClose);
    server.closeIdleConnections();
    return beforeClose?.();
  };
}
