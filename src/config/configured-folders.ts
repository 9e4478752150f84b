import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { AppConfig, ConfigError } from './app-config';

const FOLDERS = ['DEFINITIONS_DIR', 'RULE_SETS_DIR', 'CALENDAR_DIR'] as const;

/**
 * The folders the configuration names, checked at start, each named by its variable: before, a
 * missing DEFINITIONS_DIR and a missing RULE_SETS_DIR failed alike with a bare ENOENT, and a
 * missing CALENDAR_DIR started as if no year had an official holiday schedule.
 */
export function refuseMissingFolders(
  config: Pick<AppConfig, (typeof FOLDERS)[number]>,
  root: string,
): void {
  for (const name of FOLDERS) {
    const folder = path.resolve(root, config[name]);
    const problem = !existsSync(folder)
      ? 'no such folder'
      : !statSync(folder).isDirectory()
        ? 'not a folder'
        : null;
    if (problem)
      throw new ConfigError(
        `invalid configuration: ${name} must be a folder (got "${config[name]}": ${problem})`,
      );
  }
}
