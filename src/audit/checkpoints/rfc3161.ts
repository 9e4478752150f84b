import { createHash, randomBytes } from 'node:crypto';

/**
 * A minimal RFC 3161 client: asks a time-stamping authority (TSA) to sign sha256 of a checkpoint's
 * signed bytes, and keeps the DER response (the TimeStampToken inside proves the checkpoint existed
 * at that time, outside our own clock). The token is stored, not verified here: check it with the
 * TSA's certificate (`openssl ts -verify -data <bytes> -in <token.tsr> -CAfile <tsa-ca.pem>`).
 */
const SHA256_OID = Buffer.from('0609608648016503040201', 'hex');

function der(tag: number, content: Buffer): Buffer {
  const length = content.length;
  const header =
    length < 0x80
      ? Buffer.from([tag, length])
      : length < 0x100
        ? Buffer.from([tag, 0x81, length])
        : Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}

/** DER TimeStampReq: v1, sha256 message imprint, a random nonce, certReq = true. */
export function timeStampRequest(bytes: Buffer, nonce: Buffer = randomBytes(8)): Buffer {
  const digest = createHash('sha256').update(bytes).digest();
  const algorithm = der(0x30, Buffer.concat([SHA256_OID, Buffer.from([0x05, 0x00])]));
  const imprint = der(0x30, Buffer.concat([algorithm, der(0x04, digest)]));
  // A positive INTEGER: a leading zero byte when the top bit is set.
  const nonceInteger = der(
    0x02,
    nonce[0] & 0x80 ? Buffer.concat([Buffer.from([0]), nonce]) : nonce,
  );
  return der(
    0x30,
    Buffer.concat([
      Buffer.from([0x02, 0x01, 0x01]),
      imprint,
      nonceInteger,
      Buffer.from([0x01, 0x01, 0xff]),
    ]),
  );
}

/** Reads a DER header at `offset`: where the content starts and how long it is. */
function readHeader(
  buffer: Buffer,
  offset: number,
): { tag: number; start: number; length: number } {
  const tag = buffer[offset];
  let length = buffer[offset + 1];
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = 0;
    for (let index = 0; index < octets; index += 1) length = length * 256 + buffer[start + index];
    start += octets;
  }
  return { tag, start, length };
}

/** The PKIStatus of a TimeStampResp (0 granted, 1 granted with modifications, ≥ 2 refused). */
export function timeStampStatus(response: Buffer): number {
  const outer = readHeader(response, 0);
  const statusInfo = readHeader(response, outer.start);
  const status = readHeader(response, statusInfo.start);
  if (outer.tag !== 0x30 || statusInfo.tag !== 0x30 || status.tag !== 0x02)
    throw new Error('not an RFC 3161 TimeStampResp');
  return response.readUIntBE(status.start, status.length);
}

/**
 * POSTs the request to the TSA; resolves with its DER response when the stamp was granted. Gives
 * up after 10 s, or at once when `abandon` fires (the service stopping).
 */
export async function requestTimeStamp(
  url: string,
  bytes: Buffer,
  abandon?: AbortSignal,
): Promise<Buffer> {
  const timeout = AbortSignal.timeout(10_000);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: new Uint8Array(timeStampRequest(bytes)),
    signal: abandon ? AbortSignal.any([timeout, abandon]) : timeout,
  });
  if (!response.ok) throw new Error(`time-stamping authority answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  const status = timeStampStatus(body);
  if (status > 1) throw new Error(`time-stamping authority refused the request (status ${status})`);
  return body;
}
