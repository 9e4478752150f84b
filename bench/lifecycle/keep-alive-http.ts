import { Agent, request } from 'node:http';

/** An answer's status and body text. */
export interface PlainAnswer {
  status: number;
  text: string;
}

/** One pool of kept-alive connections for the whole bench, as a browser or a proxy keeps them. */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

/**
 * A request through `node:http` on kept-alive connections. The bench shares the service's two
 * cores, and global `fetch` (undici behind WHATWG streams) spends several times the CPU of a plain
 * request per call; what the bench's client burns is taken from the service under test.
 */
export function plainRequest(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<PlainAnswer> {
  return sendOnce(url, method, headers, body).catch((error: unknown) => {
    // A kept-alive connection the service closed for idleness as this request went out on it:
    // the service never read the request (it closes only idle connections), so sending it again
    // on a new connection is what a browser does (Node's http docs, `request.reusedSocket`).
    if (error instanceof StaleConnection) return sendOnce(url, method, headers, body);
    throw error;
  });
}

class StaleConnection extends Error {}

function sendOnce(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<PlainAnswer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const sent = request(
      url,
      {
        method,
        agent,
        headers:
          body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        answered = true;
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        sent.reusedSocket && !answered && error.code === 'ECONNRESET'
          ? new StaleConnection(error.message)
          : error,
      ),
    );
    sent.end(body);
  });
}

/** `fetch` instead, to compare the two clients (`BENCH_HTTP_CLIENT=fetch`). */
async function fetchRequest(
  url: string,
  method: 'GET' | 'POST',
  headers: Record<string, string>,
  body?: string,
): Promise<PlainAnswer> {
  const response = await fetch(url, { method, headers, body });
  return { status: response.status, text: await response.text() };
}

/** The bench's HTTP client: `node:http` kept alive unless BENCH_HTTP_CLIENT=fetch. */
export const benchRequest = process.env.BENCH_HTTP_CLIENT === 'fetch' ? fetchRequest : plainRequest;
