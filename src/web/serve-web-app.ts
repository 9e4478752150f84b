import { existsSync, readFileSync } from 'node:fs';
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
  const index = readFileSync(indexFile, 'utf8');
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
      response.type('html').send(index);
      return;
    }
    next();
  });
  return true;
}
