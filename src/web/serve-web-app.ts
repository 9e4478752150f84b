import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';

interface Request {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Response {
  setHeader(name: string, value: string): void;
  type(value: string): Response;
  send(body: string): void;
}

/** Paths the web app never takes over, even for a browser asking for HTML. */
const NEVER = /^\/(docs|docs-json|health|metrics)(\/|$)|^\/assets\/|^\/admin\/queues(\/|$)/;

/** Pages that are the web app's alone: no API answers there, so any client gets the page. */
const APP_ONLY = /^\/(index\.html)?$/;

/**
 * Serves the built web application (Vite output) at `/`: its hashed assets as static files, and
 * `index.html` for any other GET that asks for HTML (a browser opening `/cases/c-1` gets the app;
 * the API, asked for JSON or CSV by the app's fetch calls, answers as before) and for `/` whatever
 * it asks for (`curl http://127.0.0.1:3000/` asks for any type and got a 404 problem). Does nothing
 * when the folder has no index.html (the web app not built).
 */
export function serveWebApp(app: INestApplication, dir: string): boolean {
  const indexFile = path.join(dir, 'index.html');
  if (!existsSync(indexFile)) return false;
  const index = keptIndex(indexFile);
  const express = app as NestExpressApplication;
  express.useStaticAssets(path.join(dir, 'assets'), {
    prefix: '/assets/',
    index: false,
    immutable: true,
    maxAge: '365d',
    fallthrough: false,
  });
  express.use((request: Request, response: Response, next: () => void) => {
    const accept = String(request.headers.accept ?? '');
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      (APP_ONLY.test(request.path) || (accept.includes('text/html') && !NEVER.test(request.path)))
    ) {
      response.setHeader('Cache-Control', 'no-cache');
      response.type('html').send(index());
      return;
    }
    next();
  });
  return true;
}

/**
 * The page as the folder holds it now: a rebuild of the web app (new hashed assets, a new
 * index.html naming them) is served at once, where a copy read at start would name assets the
 * rebuild removed (a blank page until restart). Read again only when the file has changed; while
 * it is being rewritten (missing or empty), the last good copy is served.
 */
function keptIndex(indexFile: string): () => string {
  let kept = { mtimeMs: -1, html: '' };
  return () => {
    try {
      const { mtimeMs } = statSync(indexFile);
      if (mtimeMs !== kept.mtimeMs) {
        const html = readFileSync(indexFile, 'utf8');
        if (html) kept = { mtimeMs, html };
      }
    } catch {
      // Missing for a moment during a rebuild: keep serving the last good copy.
    }
    return kept.html;
  };
}
