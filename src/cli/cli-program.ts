import { Command, CommanderError } from 'commander';

/** Exit status of a command line the tool cannot read (unknown flag, missing argument), as Unix tools use it. */
export const EXIT_USAGE = 2;

/**
 * A commander program with the conventions every cadreflow CLI follows: `--help` prints usage to
 * stdout and exits 0; an unknown flag, a missing argument or an unknown command is named on
 * stderr and exits 2, before anything is read or written.
 */
export function cliProgram(name: string, description: string): Command {
  return new Command()
    .name(name)
    .description(description)
    .showHelpAfterError(`(${name} --help for usage)`)
    .allowExcessArguments(false)
    .exitOverride((error: CommanderError) => {
      process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    });
}

/**
 * Where a PostgreSQL URL points, for a line on stderr: user, host, port and database; never the
 * password.
 */
export function describeDatabase(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || '(default)';
    const user = url.username ? `${decodeURIComponent(url.username)}@` : '';
    const host = url.hostname || url.searchParams.get('host') || 'localhost';
    return `database ${database} at ${user}${host}:${url.port || '5432'}`;
  } catch {
    return 'database (DATABASE_URL is not a URL)';
  }
}

/** Prints the database a CLI is about to work on, so nobody seeds or rebuilds the wrong one. */
export function announceDatabase(cli: string, databaseUrl: string): void {
  process.stderr.write(`${cli}: ${describeDatabase(databaseUrl)}\n`);
}
