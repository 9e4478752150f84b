import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { Queue } from 'bullmq';
import { IncomingMessage, ServerResponse } from 'node:http';

/** Where the dashboard lives; its session cookie is scoped to this path. */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** The cookie carrying the admin's token for the dashboard's own page loads and API calls. */
export const QUEUE_SESSION_COOKIE = 'cf_queues_session';
/** Longest life of a dashboard session, however long the token itself still lives. */
export const QUEUE_SESSION_MAX_SECONDS = 15 * 60;

/**
 * `Set-Cookie` for a dashboard session: the token, readable by no script (HttpOnly), sent only by
 * same-site requests (SameSite=Strict: another site cannot drive the dashboard with it), only to
 * the dashboard (Path), over HTTPS when the request came over it (Secure), for `maxAge` seconds.
 */
export function sessionCookie(token: string, maxAge: number, secure: boolean): string {
  return [
    `${QUEUE_SESSION_COOKIE}=${token}`,
    'HttpOnly',
    'SameSite=Strict',
    `Path=${QUEUE_DASHBOARD_PATH}`,
    `Max-Age=${Math.max(0, Math.floor(maxAge))}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * bull-board over the service's BullMQ queues, as an Express app that expects to be mounted at
 * `/admin/queues`. Read-only: a failed job is replayed through `/dead-letters`, the one path that
 * keeps the dead letter's record.
 */
export function createQueueBoard(queues: Queue[]): RequestHandler {
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter: board,
    options: { uiConfig: { boardTitle: 'cadreflow jobs' } },
  });
  return board.getRouter() as RequestHandler;
}

export type RequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

interface MountableRequest extends IncomingMessage {
  url: string;
  baseUrl?: string;
  originalUrl?: string;
}

/**
 * Hands a request for `/admin/queues/...` to the board as Express would hand it to an app
 * mounted there: the URL relative to the mount point, the mount point as the base URL, both put
 * back afterwards. Resolves false when the board has nothing at that path.
 */
export function serveFromBoard(
  board: RequestHandler,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const mountable = request as MountableRequest;
  const { url, baseUrl } = mountable;
  const path = (mountable.originalUrl ?? url).slice(QUEUE_DASHBOARD_PATH.length);
  mountable.url = path.startsWith('/') ? path : `/${path}`;
  mountable.baseUrl = QUEUE_DASHBOARD_PATH;
  return new Promise((resolve, reject) => {
    const restore = (): void => {
      mountable.url = url;
      mountable.baseUrl = baseUrl;
    };
    response.once('finish', () => resolve(true));
    board(request, response, (error?: unknown) => {
      restore();
      if (error) reject(error);
      else resolve(false);
    });
  });
}
