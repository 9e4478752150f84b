import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { requestTimeStamp, timeStampStatus } from '../../src/audit/checkpoints/rfc3161';

const run = promisify(execFile);

/**
 * The RFC 3161 client against a local time-stamping authority: OpenSSL's `ts -reply` behind an
 * HTTP server, with a throw-away TSA certificate. No outside network.
 */
describe('RFC 3161 time-stamping of checkpoints', () => {
  const work = mkdtempSync(join(tmpdir(), 'cf-tsa-'));
  let server: Server;
  let url: string;

  beforeAll(async () => {
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-keyout',
      join(work, 'tsa.key'),
      '-out',
      join(work, 'tsa.crt'),
      '-subj',
      '/CN=cadreflow test TSA',
      '-addext',
      'extendedKeyUsage=critical,timeStamping',
    ]);
    writeFileSync(join(work, 'serial'), '01\n');
    writeFileSync(
      join(work, 'tsa.cnf'),
      [
        '[ tsa ]',
        'default_tsa = local',
        '[ local ]',
        `serial = ${join(work, 'serial')}`,
        `signer_cert = ${join(work, 'tsa.crt')}`,
        `signer_key = ${join(work, 'tsa.key')}`,
        'signer_digest = sha256',
        'default_policy = 1.2.3.4.1',
        'digests = sha256',
        'accuracy = secs:1',
        'ess_cert_id_alg = sha256',
        '',
      ].join('\n'),
    );
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const query = join(work, `q-${Date.now()}.tsq`);
        const reply = `${query}.tsr`;
        writeFileSync(query, Buffer.concat(chunks));
        execFile(
          'openssl',
          ['ts', '-reply', '-config', join(work, 'tsa.cnf'), '-queryfile', query, '-out', reply],
          (error) => {
            if (error) {
              response.statusCode = 500;
              response.end(String(error));
              return;
            }
            response.setHeader('Content-Type', 'application/timestamp-reply');
            response.end(readFileSync(reply));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(work, { recursive: true, force: true });
  });

  it('gets a granted time-stamp that OpenSSL verifies over the signed bytes', async () => {
    const signed = Buffer.from('{"format":"cadreflow-checkpoint/1","sequence":1}', 'utf8');
    const token = await requestTimeStamp(url, signed);
    expect(timeStampStatus(token)).toBe(0);
    writeFileSync(join(work, 'data'), signed);
    writeFileSync(join(work, 'token.tsr'), token);
    const verified = await run('openssl', [
      'ts',
      '-verify',
      '-data',
      join(work, 'data'),
      '-in',
      join(work, 'token.tsr'),
      '-CAfile',
      join(work, 'tsa.crt'),
    ]);
    expect(verified.stdout).toMatch(/Verification: OK/);
    // The same token does not vouch for other bytes.
    writeFileSync(join(work, 'other'), Buffer.from('something else'));
    await expect(
      run('openssl', [
        'ts',
        '-verify',
        '-data',
        join(work, 'other'),
        '-in',
        join(work, 'token.tsr'),
        '-CAfile',
        join(work, 'tsa.crt'),
      ]),
    ).rejects.toBeTruthy();
  });

  it('fails when the authority cannot be reached', async () => {
    await expect(
      requestTimeStamp(`${url.replace(/\/$/, '')}:1/`, Buffer.from('x')),
    ).rejects.toBeTruthy();
  });
});
