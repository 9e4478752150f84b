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

/**
 * A folder that holds no procedure definition (or no rule set) starts a service that can neither
 * open a case nor read one already stored (each pins a definition and a rule set by version): a
 * mistyped DEFINITIONS_DIR pointing at another, empty folder is refused as a missing one is.
 */
export function refuseEmptyCatalog(
  loaded: { definitions: number; ruleSets: number },
  config: Pick<AppConfig, 'DEFINITIONS_DIR' | 'RULE_SETS_DIR'>,
): void {
  if (loaded.definitions === 0)
    throw new ConfigError(
      `invalid configuration: DEFINITIONS_DIR must hold the procedure definitions (got "${config.DEFINITIONS_DIR}": no definition in it)`,
    );
  if (loaded.ruleSets === 0)
    throw new ConfigError(
      `invalid configuration: RULE_SETS_DIR must hold the rule sets (got "${config.RULE_SETS_DIR}": no rule set in it)`,
    );
}
