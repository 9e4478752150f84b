import { Command } from 'commander';
import { openCliDatabase } from '../projections/cli-database';
import { describeCheck, postgresStreamIds, verifyStreams } from './audit-verification';

/**
 * npm run audit -- verify --all            every stream's hash chain
 * npm run audit -- verify --stream <id>    one stream
 * Exits 1 when any chain is broken, naming the stream and the revision.
 */
const program = new Command()
  .name('audit')
  .description('tamper evidence checks on the event store');

program
  .command('verify')
  .description('recompute hash chains; print broken streams with the first broken revision')
  .option('--all', 'check every stream')
  .option(
    '--stream <id>',
    'check one stream (repeatable)',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .option('--verbose', 'also print streams that are intact')
  .action(async (options: { all?: boolean; stream: string[]; verbose?: boolean }) => {
    if (!options.all && options.stream.length === 0) {
      process.stderr.write('say what to verify: --all or --stream <id>\n');
      process.exitCode = 2;
      return;
    }
    const db = openCliDatabase();
    try {
      const ids = options.all ? postgresStreamIds(db.pool) : iterate(options.stream);
      const { checked, broken } = await verifyStreams(db.store, ids, (check) => {
        if (!check.ok || options.verbose) process.stdout.write(`${describeCheck(check)}\n`);
      });
      process.stdout.write(`${checked} streams checked, ${broken.length} broken\n`);
      if (broken.length > 0) process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

async function* iterate(ids: string[]): AsyncGenerator<string> {
  yield* ids;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
