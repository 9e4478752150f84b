import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = join(__dirname, '../../scripts/verify-case-proof.mjs');

/** The script's exit code and first line for these arguments. */
async function verdict(...args: string[]): Promise<{ code: number; stdout: string }> {
  return run(process.execPath, [script, ...args]).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
  );
}

describe('scripts/verify-case-proof.mjs: inputs it cannot read', () => {
  let work: string;
  let proof: string;
  let key: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'proof-inputs-'));
    proof = join(work, 'proof.json');
    key = join(work, 'key.pem');
    writeFileSync(key, 'not a key');
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Before: "REFUSED: cannot read the proof: …", exit 1, as if the proof did not hold.
  it('an empty proof file: exit 3 naming it, nothing was checked', async () => {
    writeFileSync(proof, '');
    const outcome = await verdict(proof, key);
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toMatch(
      new RegExp(`^the proof file ${proof} is not JSON: .*; nothing was checked\\n$`),
    );
  });

  it('a missing proof file: exit 3 naming it, nothing was checked', async () => {
    const outcome = await verdict(join(work, 'absent.json'), key);
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toMatch(
      /^cannot read the proof file .*absent\.json: ENOENT.*; nothing was checked\n$/,
    );
  });

  // Before: "REFUSED: cannot read the proof: ENOENT … key.pem", blaming the proof.
  it('a missing or unreadable public key file: exit 3 naming the key file, not the proof', async () => {
    writeFileSync(proof, JSON.stringify({ format: 'cadreflow-case-proof/1' }));
    const missing = await verdict(proof, join(work, 'absent.pem'));
    expect(missing.code).toBe(3);
    expect(missing.stdout).toMatch(
      /^cannot read the public key file .*absent\.pem: ENOENT.*; nothing was checked\n$/,
    );
    const garbled = await verdict(proof, key);
    expect(garbled.code).toBe(3);
    expect(garbled.stdout).toMatch(
      /^the public key file .*key\.pem is not a public key: .*; nothing was checked\n$/,
    );
  });

  // Before: "REFUSED: checkpoint 1: signature does not match this public key", exit 1, as if the
  // checkpoint were forged; README: a key file that is not a usable public key is exit 3.
  it('an RSA public key: exit 3 naming the key file and its type, nothing checked', async () => {
    writeFileSync(proof, JSON.stringify({ format: 'cadreflow-case-proof/1' }));
    const rsa = join(work, 'rsa.pem');
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(rsa, publicKey.export({ type: 'spki', format: 'pem' }));
    const outcome = await verdict(proof, rsa);
    expect(outcome.code).toBe(3);
    expect(outcome.stdout).toBe(
      `the public key file ${rsa} holds an RSA key, not an Ed25519 one (checkpoints are signed with Ed25519); nothing was checked\n`,
    );
  });

  // Before: "REFUSED: the proof is malformed: Cannot read properties of undefined (reading 'checkpoint')".
  it('a proof without its parts: REFUSED naming the first part missing', async () => {
    const ed25519 = join(work, 'ed25519.pem');
    const { publicKey } = generateKeyPairSync('ed25519');
    writeFileSync(ed25519, publicKey.export({ type: 'spki', format: 'pem' }));
    writeFileSync(proof, JSON.stringify({ format: 'cadreflow-case-proof/1' }));
    expect(await verdict(proof, ed25519)).toEqual({
      code: 1,
      stdout: 'REFUSED: the proof has no checkpoint\n',
    });
    const unsigned = { format: 'cadreflow-case-proof/1', checkpoint: { checkpoint: {} } };
    writeFileSync(proof, JSON.stringify(unsigned));
    expect(await verdict(proof, ed25519)).toEqual({
      code: 1,
      stdout: 'REFUSED: the proof has no checkpoint.signature\n',
    });
    writeFileSync(
      proof,
      JSON.stringify({ ...unsigned, checkpoint: { checkpoint: {}, signature: 'x' }, events: {} }),
    );
    expect(await verdict(proof, ed25519)).toEqual({
      code: 1,
      stdout: "REFUSED: the proof's events is not an array\n",
    });
  });
});
