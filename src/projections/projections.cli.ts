import { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { openCliDatabase } from './cli-database';
import { rebuildProjection } from './projection-rebuild';
import { countEventsAfter, readProjectionStatus } from './projection-status';
import { REGISTERED_PROJECTIONS } from './registered-projections';

/**
 * npm run projections -- status
 * npm run projections -- rebuild <name>
 * Uses DATABASE_URL (default postgres://postgres@127.0.0.1:5432/cadreflow).
 */
const program = new Command()
  .name('projections')
  .description('read models: status and rebuild from position 0');

program
  .command('status')
  .description("each projection's position, events handled and lag in events")
  .option('--json', 'print JSON instead of a table')
  .action(async (options: { json?: boolean }) => {
    const db = openCliDatabase();
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
      process.stderr.write(
        `unknown projection "${name}"; known: ${REGISTERED_PROJECTIONS.map((p) => p.name).join(', ')}\n`,
      );
      process.exitCode = 2;
      return;
    }
    const db = openCliDatabase();
    // Total grows while writers append; the bar's total is refreshed as progress comes in.
    let total = await countEventsAfter(db.pool, null, Number.MAX_SAFE_INTEGER);
    const bar = new SingleBar(
      {
        format: `${name} [{bar}] {percentage}% | {value}/{total} events | {rate} ev/s | ETA {eta_formatted}`,
        etaBuffer: 50,
      },
      Presets.shades_classic,
    );
    const started = Date.now();
    let startCount: number | null = null;
    bar.start(total, 0, { rate: 0 });
    try {
      const result = await rebuildProjection({
        pool: db.pool,
        store: db.store,
        projection,
        batchSize: Number(options.batchSize),
        onProgress: (progress) => {
          startCount ??= progress.eventsHandled;
          if (progress.eventsHandled > total) {
            total = progress.eventsHandled;
            bar.setTotal(total);
          }
          const seconds = (Date.now() - started) / 1000;
          bar.update(progress.eventsHandled, {
            rate: seconds > 0 ? Math.round((progress.eventsHandled - startCount) / seconds) : 0,
          });
        },
      });
      bar.stop();
      const seconds = (Date.now() - started) / 1000;
      process.stdout.write(
        `rebuilt ${name}: ${result.eventsHandled} events${result.resumed ? ' (resumed)' : ''} in ${seconds.toFixed(1)} s, swapped in at ${result.position ?? '(start)'}\n`,
      );
    } catch (error) {
      bar.stop();
      process.stderr.write(
        `rebuild of ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      process.stderr.write('run the same command again to resume from where it stopped\n');
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
