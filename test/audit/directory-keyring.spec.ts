import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DirectoryKeyring,
  KEYS_DIR_REREAD_MS,
} from '../../src/audit/checkpoints/directory-keyring';
import { KeysDirectoryUnreadable } from '../../src/audit/checkpoints/keys-directory-unreadable';

/**
 * A file of CHECKPOINT_PUBLIC_KEYS_DIR that cannot be read on a later read is refused naming the
 * file (before: "Invalid time value", or the PEM decoder's error, no file named), on every use
 * until a read succeeds again.
 */
describe('a keys directory read again with a file that cannot be read', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cf-directory-keyring-'));
  let clock = 0;
  const keyring = () => new DirectoryKeyring(dir, () => clock);
  const later = () => (clock += KEYS_DIR_REREAD_MS);

  beforeEach(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'k1.pem'),
      generateKeyPairSync('ed25519').publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['k1.retired', 'garbage\n', /k1\.retired holds no ISO time \(got "garbage"\)/],
    ['k1.retired', '', /k1\.retired holds no ISO time \(it is empty\)/],
    ['k2.pem', 'junk\n', /k2\.pem holds no public key in PEM/],
  ])('%s holding %j', (file, content, named) => {
    const keys = keyring();
    writeFileSync(join(dir, file), content);
    later();
    expect(() => keys.ids()).toThrow(KeysDirectoryUnreadable);
    expect(() => keys.ids()).toThrow(named);
    expect(keys.unreadable()).toMatch(named);
    rmSync(join(dir, file));
    later();
    expect(keys.unreadable()).toBeNull();
    expect(keys.ids()).toEqual(['k1']);
  });

  it('the directory itself gone: its error named after the directory (before: "cannot be read: itself ENOENT")', () => {
    const keys = keyring();
    rmSync(dir, { recursive: true, force: true });
    later();
    expect(() => keys.ids()).toThrow(
      new RegExp(`^CHECKPOINT_PUBLIC_KEYS_DIR ${dir} cannot be read: ENOENT`),
    );
    expect(keys.unreadable()).not.toMatch(/itself/);
  });
});
