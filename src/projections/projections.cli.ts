import { Command } from 'commander';
import { cliProgram, EXIT_USAGE } from '../cli/cli-program';
import { progressReporter } from '../cli/progress';
import { openCliDatabase } from './cli-database';
import { Projection } from './projection';
import { rebuildProjection } from './projection-rebuild';
import { countEventsAfter, readProjectionStatus } from './projection-status';
import { REGISTERED_PROJECTIONS } from './registered-projections';

/**
 * npm run projections -- status
 * npm run projections -- rebuild <name>
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cadreflow).
 */
const program: Command = cliProgram(
  'projections',
  'read models: status and rebuild from position 0',
);

program
  .command('status')
  .description("each projection's position, events handled and lag in events")
  .option('--json', 'print JSON instead of a table')
  .action(async (options: { json?: boolean }) => {
    const db = openCliDatabase('projections');
    try {
      const statuses = await readProjectionStatus(db.pool, REGISTERED_PROJECTIONS);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(statuses, null, 2)}\n`);
        return;
      }
      for (const s of statuses) {
        const notes = [
          s.needsRebuild
            ? `NEEDS REBUILD (built with v${s.builtWithVersion}, code is v${s.version})`
            : '',
          s.rebuild ? `rebuild in progress/interrupted at ${s.rebuild.eventsHandled} events` : '',
          s.lastError ? `last error: ${s.lastError}` : '',
        ].filter(Boolean);
        process.stdout.write(
          `${s.name.padEnd(24)} v${s.version}  position ${s.position ?? '(start)'}  handled ${s.eventsHandled}  ` +
            `lag ${s.lag}${s.lagCapped ? '+' : ''}  updated ${s.updatedAt ?? '-'}${notes.length ? `  ${notes.join('; ')}` : ''}\n`,
        );
      }
    } finally {
      await db.close();
    }
  });

program
  .command('rebuild')
  .argument('<name>', `projection name (${REGISTERED_PROJECTIONS.map((p) => p.name).join(', ')})`)
  .description('rebuild into new tables from position 0, then swap them in; the API keeps serving')
  .option('--batch-size <n>', 'events per transaction', '5000')
  .action(async (name: string, options: { batchSize: string }) => {
    const projection = REGISTERED_PROJECTIONS.find((p) => p.name === name);
    if (!projection) {
      program.error(
        `projections: unknown projection "${name}"; known: ${REGISTERED_PROJECTIONS.map((p) => p.name).join(', ')}`,
        { exitCode: EXIT_USAGE, code: 'projections.unknownProjection' },
      );
    }
    const batchSize = Number(options.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      program.error(
        `projections: --batch-size must be a whole number above 0; got ${options.batchSize}`,
        {
          exitCode: EXIT_USAGE,
          code: 'projections.batchSize',
        },
      );
    }
    process.exitCode = await runRebuild(projection!, batchSize);
  });

/** The rebuild with its progress; 0 once swapped in, 1 on a failure (saying what a rerun does). */
async function runRebuild(projection: Projection, batchSize: number): Promise<number> {
  const name = projection.name;
  const db = openCliDatabase('projections');
  // A bar on a terminal; plain lines (every 10 % or 5 s) in a log or a pipe.
  const progress = progressReporter({ label: `rebuild ${name}`, unit: 'events' });
  const started = Date.now();
  // Events the new tables hold committed: where a rerun resumes.
  let committed = 0;
  try {
    // Total grows while writers append; the bar's total is refreshed as progress comes in.
    let total = await countEventsAfter(db.pool, null, Number.MAX_SAFE_INTEGER);
    const result = await rebuildProjection({
      pool: db.pool,
      store: db.store,
      projection,
      batchSize,
      onStart: (resumedFrom) => {
        committed = resumedFrom?.eventsHandled ?? 0;
        process.stderr.write(
          resumedFrom
            ? `rebuild ${name}: resumed at ${committed} events (position ${resumedFrom.position ?? '(start)'}), where the interrupted rebuild stopped\n`
            : `rebuild ${name}: from position 0\n`,
        );
        progress.update(committed, total);
      },
      onProgress: ({ eventsHandled }) => {
        committed = eventsHandled;
        total = Math.max(total, eventsHandled);
        progress.update(eventsHandled, total);
      },
    });
    progress.stop(true);
    const seconds = (Date.now() - started) / 1000;
    process.stdout.write(
      `rebuilt ${name}: ${result.eventsHandled} events${result.resumed ? ' (resumed)' : ''} in ${seconds.toFixed(1)} s, swapped in at ${result.position ?? '(start)'}\n`,
    );
    return 0;
  } catch (error) {
    progress.stop();
    process.stderr.write(
      `rebuild of ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.stderr.write(
      committed > 0
        ? `run the same command again: it resumes at ${committed} events, the last batch the new tables committed\n`
        : `run the same command again: it starts over from position 0 (no batch of the new tables was committed; a smaller --batch-size commits more often)\n`,
    );
    return 1;
  } finally {
    await db.close();
  }
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
