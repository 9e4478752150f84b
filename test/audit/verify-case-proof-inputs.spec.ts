import { execFile } from 'node:child_process';
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
});
