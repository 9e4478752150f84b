import { HealthExtra } from '../../health/health-extras';
import { Keyring } from './checkpoint-keys';

/**
 * `/health` → `checkpointKeys` (only where CHECKPOINT_PUBLIC_KEYS_DIR is set): down, the file and
 * what is wrong with it under `message`, while a file of that folder cannot be read, as no
 * checkpoint is verified or signed meanwhile (before: 200 while both answered 500). Read again on
 * a later call once fixed.
 */
export function checkpointKeysHealth(keyring: () => Keyring | null): HealthExtra {
  return {
    name: 'checkpointKeys',
    check: async () => {
      const unreadable = keyring()?.unreadable() ?? null;
      return unreadable
        ? { healthy: false, data: { message: unreadable } }
        : { healthy: true, data: {} };
    },
  };
}
