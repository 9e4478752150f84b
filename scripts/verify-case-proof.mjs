#!/usr/bin/env node
// Checks a case's proof (GET /audit/cases/:id/proof) without the service: plain Node, no
// dependencies, only the Ed25519 public key of the checkpoint's signer.
//
//   node scripts/verify-case-proof.mjs proof.json public-key.pem
//
// 1. the checkpoint's signature, over the RFC 8785 JSON of `checkpoint.checkpoint`;
// 2. each event's hash, recomputed from its content and chained from revision 0;
// 3. the chain link at the covered revision is the leaf, and the leaf's path leads to the signed
//    Merkle root (RFC 6962 hashing: leaf 0x00, node 0x01).
// Exit codes: 0 the proof holds (it says what is covered); 1 REFUSED, naming the first thing that
// does not hold; 2 usage; 3 the file is not a proof at all (a refusal the server answered instead,
// saved by curl, or another JSON), or the proof or key file cannot be read (missing, empty, not
// JSON, not a public key): nothing was checked, which says nothing about the case.
import { createHash, createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** RFC 8785 JSON: object keys sorted by UTF-16 code units, numbers and strings as JSON.stringify. */
function canonical(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item ?? null)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => value[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
}

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const PROOF_FORMAT = 'cadreflow-case-proof/1';
const EXIT_NOT_A_PROOF = 3;

/**
 * Why a parsed file is not a proof this script checks, or null when it is one. The server's
 * refusal (an RFC 9457 problem: 403 audit.proof_withholds_ballot, 401, …) is named with its rule
 * and detail, so it is not read as a failed integrity check.
 */
function notAProof(file) {
  if (file === null || typeof file !== 'object' || Array.isArray(file))
    return 'it holds no JSON object';
  if (file.format === PROOF_FORMAT) return null;
  const status = file.status ?? file.statusCode;
  const detail = file.detail ?? file.message;
  if (file.format === undefined && typeof status === 'number' && detail !== undefined)
    return `the server refused the export (${file.rule ?? `HTTP ${status}`}: ${detail})`;
  if (file.format === undefined) return `it has no "format" (a proof has "${PROOF_FORMAT}")`;
  return `its format is ${JSON.stringify(file.format)}, not "${PROOF_FORMAT}"`;
}

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * The first part a proof lacks, named as the export writes it, or null when every part is there
 * (before: "the proof is malformed: Cannot read properties of undefined (reading 'checkpoint')").
 */
function missingPart(proof) {
  const parts = [
    ['checkpoint', proof.checkpoint, 'object'],
    ['checkpoint.checkpoint', proof.checkpoint?.checkpoint, 'object'],
    ['checkpoint.signature', proof.checkpoint?.signature, 'string'],
    ['events', proof.events, 'array'],
    ['leaf', proof.leaf, 'object'],
    ['leaf.revision', proof.leaf?.revision, 'number'],
    ['leaf.hash', proof.leaf?.hash, 'string'],
    ['path', proof.path, 'array'],
    ['streamId', proof.streamId, 'string'],
  ];
  for (const [name, value, kind] of parts) {
    const holds =
      kind === 'array'
        ? Array.isArray(value)
        : kind === 'object'
          ? isObject(value)
          : typeof value === kind;
    if (!holds)
      return value === undefined
        ? `the proof has no ${name}`
        : `the proof's ${name} is not ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;
  }
  return null;
}

function check(proof, key) {
  const missing = missingPart(proof);
  if (missing !== null) return missing;
  const { checkpoint: signed, events, leaf, path, streamId } = proof;
  const payload = signed.checkpoint;
  const signatureOk = verify(
    null,
    Buffer.from(canonical(payload), 'utf8'),
    key,
    Buffer.from(signed.signature, 'base64'),
  );
  if (!signatureOk)
    return `checkpoint ${payload.sequence}: signature does not match this public key`;
  if (leaf.streamId !== streamId) return `the leaf is for ${leaf.streamId}, not ${streamId}`;

  let previous = Buffer.alloc(0);
  let head = null;
  const sorted = [...events].sort((a, b) => a.revision - b.revision);
  for (const [index, event] of sorted.entries()) {
    if (event.streamId !== streamId) return `event ${event.id} belongs to ${event.streamId}`;
    if (event.revision !== index) return `revision ${index} is missing from the export`;
    const digest = sha256(
      Buffer.from(
        canonical({
          streamId: event.streamId,
          id: event.id,
          type: event.type,
          schemaVersion: event.schemaVersion,
          data: event.data,
          metadata: event.metadata,
        }),
        'utf8',
      ),
    );
    const link = sha256(previous, digest);
    if (link.toString('hex') !== event.hash)
      return `revision ${index} (event ${event.id}): content does not match its hash`;
    previous = link;
    if (index === leaf.revision) head = link.toString('hex');
  }
  if (head === null)
    return `the export stops before revision ${leaf.revision}, which the checkpoint covers`;
  if (head !== leaf.hash)
    return `the chain at revision ${leaf.revision} does not match the checkpoint's leaf`;

  let node = sha256(
    Buffer.from([0]),
    Buffer.from(JSON.stringify([leaf.streamId, leaf.revision, leaf.hash]), 'utf8'),
  );
  for (const step of path) {
    const sibling = Buffer.from(step.hash, 'hex');
    node =
      step.side === 'left'
        ? sha256(Buffer.from([1]), sibling, node)
        : sha256(Buffer.from([1]), node, sibling);
  }
  if (node.toString('hex') !== payload.root)
    return `the inclusion path does not lead to checkpoint ${payload.sequence}'s root`;
  return {
    covered: leaf.revision + 1,
    later: sorted.length - (leaf.revision + 1),
    sequence: payload.sequence,
    createdAt: payload.createdAt,
    keyId: payload.keyId,
    root: payload.root,
  };
}

const [proofFile, keyFile] = process.argv.slice(2);
if (!proofFile || !keyFile) {
  process.stderr.write('usage: node scripts/verify-case-proof.mjs proof.json public-key.pem\n');
  process.exit(2);
}
/**
 * Reads one input, or stops with EXIT_NOT_A_PROOF naming the file: a proof or key that cannot be
 * read was not checked, which says nothing about the case (before: "REFUSED", exit 1, and a
 * missing key file was blamed on the proof).
 */
function readInput(file, what, parse) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return unreadable(`cannot read the ${what} ${file}: ${messageOf(error)}`);
  }
  try {
    return parse(text);
  } catch (error) {
    return unreadable(`the ${what} ${file} is not ${parse.holds}: ${messageOf(error)}`);
  }
}

function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}

function unreadable(why) {
  process.stdout.write(`${why}; nothing was checked\n`);
  process.exit(EXIT_NOT_A_PROOF);
}

const parseJson = Object.assign((text) => JSON.parse(text), { holds: 'JSON' });
const parseKey = Object.assign((text) => createPublicKey(text), { holds: 'a public key' });

const file = readInput(proofFile, 'proof file', parseJson);
const why = notAProof(file);
if (why !== null) {
  process.stdout.write(`this file is not a proof: ${why}; nothing was checked\n`);
  process.exit(EXIT_NOT_A_PROOF);
}
const publicKey = readInput(keyFile, 'public key file', parseKey);
// Checkpoints are signed with Ed25519: another key (RSA, EC) cannot check them, and its "does not
// match" would read as a forged checkpoint (before: "REFUSED: … signature does not match", exit 1).
if (publicKey.asymmetricKeyType !== 'ed25519')
  unreadable(
    `the public key file ${keyFile} holds an ${publicKey.asymmetricKeyType.toUpperCase()} key, not an Ed25519 one (checkpoints are signed with Ed25519)`,
  );
let result;
try {
  result = check(file, publicKey);
} catch (error) {
  // A proof whose parts are missing or of the wrong shape does not hold.
  result = `the proof is malformed: ${messageOf(error)}`;
}
if (typeof result === 'string') {
  process.stdout.write(`REFUSED: ${result}\n`);
  process.exit(1);
}
process.stdout.write(
  `OK: revisions 0..${result.covered - 1} are covered by checkpoint ${result.sequence} (${result.createdAt}, key ${result.keyId}, root ${result.root})` +
    (result.later > 0 ? `; ${result.later} later event(s) are not yet covered` : '') +
    '\n',
);
