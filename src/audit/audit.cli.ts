import { cliProgram, EXIT_USAGE } from '../cli/cli-program';
import { openCliDatabase } from '../projections/cli-database';
import { describeCheck, postgresStreamIds, verifyStreams } from './audit-verification';
import { resolveCheckpointSettings } from './checkpoints/checkpoint-settings';
import {
  CheckpointFinding,
  CheckpointRefused,
  CheckpointVerification,
  StoreDisagrees,
  verifyAgainstCheckpoint,
} from './checkpoints/checkpoint-ledger';
import { signCheckpoint } from './checkpoints/sign-checkpoint';
import { Keyring } from './checkpoints/checkpoint-keys';
import { WitnessDirectory } from './checkpoints/witness-directory';
import { latestRecordedCheckpoint } from './checkpoints/recorded-checkpoint';
import {
  describeDisagreement,
  HistoryDisagreement,
  storeContentHashes,
  wholeStoreHistoryDisagreements,
} from './history-agreement';
import { StreamCheckpointCheck } from './checkpoints/stream-checkpoint-check';
import { StreamCheckWithCheckpoint, verifyStreamIntegrity } from './stream-integrity';
import { assertStoreAgrees, verifyWholeStore } from './store-verification';

/**
 * npm run audit -- verify --all            every stream's hash chain, then the whole store against
 *                                          the latest signed checkpoint (when CHECKPOINT_DIR is set)
 * npm run audit -- verify --stream <id>    one stream, as GET /audit/verify?stream= checks it: its
 *                                          chain, the latest signed checkpoint (when CHECKPOINT_DIR
 *                                          is set: a deleted tail) and the audit history
 * npm run audit -- checkpoint              sign a checkpoint now (CHECKPOINT_* settings), after
 *                                          verifying the store as POST /audit/checkpoints does
 * Exits 1 when any chain is broken, the store parts from the checkpoint or the audit history
 * disagrees with the store, naming the stream and the revision.
 */
const program = cliProgram('audit', 'tamper evidence checks on the event store');

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
      program.error('audit: say what to verify: --all or --stream <id>', {
        exitCode: EXIT_USAGE,
        code: 'audit.nothingToVerify',
      });
    }
    // Two answers to one question: which would the exit code be about?
    if (options.all && options.stream.length > 0) {
      program.error('audit: --all and --stream name two things to verify: give one of them', {
        exitCode: EXIT_USAGE,
        code: 'audit.twoTargets',
      });
    }
    const db = openCliDatabase('audit');
    // Every 5 s on stderr, so a long --all run shows it is moving (in a terminal and in a log).
    let checkedSoFar = 0;
    const ticker = setInterval(
      () => process.stderr.write(`audit: ${checkedSoFar} streams checked so far\n`),
      5000,
    );
    try {
      const settings = resolveCheckpointSettings(process.env);
      const outsideCopy =
        settings.dir && settings.keyring ? { dir: settings.dir, keyring: settings.keyring } : null;
      if (!options.all) {
        // Each named stream as GET /audit/verify?stream= checks it: chain, checkpoint, history.
        if (!(await namedStreamsIntact(db, options.stream, outsideCopy, options.verbose)))
          process.exitCode = 1;
        if (!outsideCopy)
          process.stderr.write(
            'audit: CHECKPOINT_DIR not set: checked each chain against itself and the audit history only, not against a signed checkpoint (a deleted tail goes unseen)\n',
          );
        return;
      }
      const intact = await everyStreamIntact(db, outsideCopy, options.verbose, () => {
        checkedSoFar += 1;
      });
      if (!intact) process.exitCode = 1;
    } finally {
      clearInterval(ticker);
      await db.close();
    }
  });

program
  .command('checkpoint')
  .description(
    'sign a checkpoint over the whole store now (CHECKPOINT_DIR, CHECKPOINT_SIGNING_KEY_FILE)',
  )
  .action(async () => {
    const settings = resolveCheckpointSettings(process.env);
    const { dir, keyring, key } = settings;
    if (!dir || !keyring || !key) {
      program.error(
        'audit: set CHECKPOINT_DIR and CHECKPOINT_SIGNING_KEY_FILE to sign checkpoints',
        {
          exitCode: EXIT_USAGE,
          code: 'audit.checkpointNotConfigured',
        },
      );
      return;
    }
    const db = openCliDatabase('audit');
    try {
      const started = Date.now();
      // As POST /audit/checkpoints: never signed over a store already changed behind the service.
      assertStoreAgrees(await verifyWholeStore({ pool: db.pool, store: db.store, dir, keyring }));
      const { created, signed } = await signCheckpoint({
        pool: db.pool,
        store: db.store,
        settings: { dir, keyring, key, tsaUrl: settings.tsaUrl },
        now: new Date(),
      });
      const payload = signed.checkpoint;
      process.stdout.write(
        `${created ? 'signed' : 'nothing new since'} checkpoint ${payload.sequence}: ${payload.events} events, ${payload.streams} streams, up to position ${payload.position ?? '-'}, root ${payload.root}, key ${payload.keyId} (${Date.now() - started} ms)\n`,
      );
    } catch (error) {
      if (error instanceof StoreDisagrees || error instanceof CheckpointRefused) {
        process.stderr.write(`audit: checkpoint not signed: ${error.message}\n`);
        process.exitCode = 1;
      } else throw error;
    } finally {
      await db.close();
    }
  });

/**
 * `verify --all`: every stream's chain, then the audit history against the whole store, then (with
 * the outside copy) the whole store against the latest signed checkpoint; true when all agree.
 */
async function everyStreamIntact(
  db: ReturnType<typeof openCliDatabase>,
  outsideCopy: { dir: WitnessDirectory; keyring: Keyring } | null,
  verbose: boolean | undefined,
  tick: () => void,
): Promise<boolean> {
  let intact = true;
  const empty: string[] = [];
  const { checked, broken } = await verifyStreams(db.store, postgresStreamIds(db.pool), (check) => {
    tick();
    if (check.ok && check.eventsChecked === 0) {
      empty.push(check.streamId);
      return;
    }
    if (!check.ok || verbose) process.stdout.write(`${describeCheck(check)}\n`);
  });
  for (const streamId of empty) {
    process.stderr.write(
      `audit: stream ${streamId} has no events: nothing to verify (check the id)\n`,
    );
  }
  process.stdout.write(
    `${checked - empty.length} streams checked, ${broken.length} broken${empty.length > 0 ? `, ${empty.length} not found` : ''}\n`,
  );
  if (broken.length > 0 || empty.length > 0) intact = false;
  if (!(await historyAgrees(db))) intact = false;
  if (outsideCopy) {
    const report = await verifyAgainstCheckpoint({
      store: db.store,
      ...outsideCopy,
      recorded: await latestRecordedCheckpoint(db.pool),
    });
    process.stdout.write(describeCheckpointVerification(report));
    if (report.status === 'tampered' || report.status === 'refused') intact = false;
  } else {
    process.stderr.write(
      'audit: CHECKPOINT_DIR not set: checked each chain against itself only, not against a signed checkpoint\n',
    );
  }
  return intact;
}

/**
 * The named streams, each checked as the API checks one (verifyStreamIntegrity): a broken chain, a
 * parting from the checkpoint (a rewritten event, a deleted tail) and each history line that
 * disagrees are printed; true when every stream is intact. A named stream without events is a
 * wrong id, not an intact chain.
 */
async function namedStreamsIntact(
  db: ReturnType<typeof openCliDatabase>,
  streamIds: string[],
  outsideCopy: { dir: WitnessDirectory; keyring: Keyring } | null,
  verbose: boolean | undefined,
): Promise<boolean> {
  const checks: StreamCheckWithCheckpoint[] = [];
  for (const streamId of streamIds)
    checks.push(
      await verifyStreamIntegrity({
        pool: db.pool,
        store: db.store,
        streamId,
        ...(outsideCopy ? { checkpoints: outsideCopy } : {}),
      }),
    );
  const empty = checks.filter((check) => check.ok && check.eventsChecked === 0);
  const found = checks.filter((check) => !empty.includes(check));
  for (const check of found) {
    if (!check.ok || verbose) process.stdout.write(`${describeCheck(check)}\n`);
  }
  for (const check of checks) {
    const finding = check.checkpoint?.finding;
    if (check.checkpoint?.status === 'parted' && finding)
      process.stdout.write(`${describeFinding(finding)}\n`);
    else if (check.checkpoint?.status === 'refused')
      process.stdout.write(`checkpoint REFUSED: ${check.checkpoint.refusedBecause}\n`);
    // A stream without events is named as not found below, not as "not yet covered".
    else if (check.checkpoint && !empty.includes(check))
      process.stdout.write(`${check.streamId}: ${describeCoverage(check.checkpoint)}\n`);
  }
  for (const check of empty)
    process.stderr.write(
      `audit: stream ${check.streamId} has no events: nothing to verify (check the id)\n`,
    );
  const broken = found.filter((check) => !check.ok).length;
  const parted = checks.filter((check) => check.checkpoint?.status === 'parted').length;
  process.stdout.write(
    `${found.length} streams checked, ${broken} broken${parted > 0 ? `, ${parted} part from the signed checkpoint` : ''}${empty.length > 0 ? `, ${empty.length} not found` : ''}\n`,
  );
  const disagreements = checks.flatMap((check) => check.historyDisagreements);
  await printDisagreements(db, disagreements);
  return (
    empty.length === 0 &&
    checks.every((check) => check.intact && check.checkpoint?.status !== 'refused')
  );
}

/** The audit history's lines against the whole store, printed. */
async function historyAgrees(db: ReturnType<typeof openCliDatabase>): Promise<boolean> {
  const disagreements = await wholeStoreHistoryDisagreements(db.pool, db.store);
  await printDisagreements(db, disagreements);
  return disagreements.length === 0;
}

/** Each disagreeing line beside the hash the store's content gives now (not its stored hash). */
async function printDisagreements(
  db: ReturnType<typeof openCliDatabase>,
  disagreements: HistoryDisagreement[],
): Promise<void> {
  const contentHashes = await storeContentHashes(db.store, disagreements);
  disagreements.forEach((found, index) =>
    process.stdout.write(
      `${describeDisagreement({ ...found, storeContentHash: contentHashes[index] })}\n`,
    ),
  );
  process.stdout.write(`audit history: ${disagreements.length} line(s) disagree with the store\n`);
}

/** The checkpoint verdict in lines an auditor can act on. */
function describeCheckpointVerification(report: CheckpointVerification): string {
  const lines: string[] = [];
  const checkpoint = report.checkpoint;
  if (report.status === 'refused') lines.push(`checkpoint REFUSED: ${report.refusedBecause}`);
  else if (!checkpoint) lines.push('no signed checkpoint yet: nothing is covered');
  else
    lines.push(
      `checkpoint ${checkpoint.sequence} (${checkpoint.createdAt}, key ${checkpoint.keyId}): ${report.covered} of ${checkpoint.events} covered events as signed, ${report.notYetCovered} not yet covered`,
    );
  for (const finding of report.findings) lines.push(describeFinding(finding));
  return `${lines.join('\n')}\n`;
}

/**
 * How far the latest checkpoint covers a stream that agrees with it, as the API's
 * `checkpoint.status` and `coveredRevision` say it: without it an auditor cannot tell whether the
 * comparison ran at all.
 */
function describeCoverage(check: StreamCheckpointCheck): string {
  if (!check.checkpoint) return 'no signed checkpoint yet: nothing is covered';
  const sequence = check.checkpoint.sequence;
  if (check.coveredRevision === null)
    return `not yet covered by checkpoint ${sequence} (${check.notYetCovered} event(s) after it)`;
  const after =
    check.notYetCovered > 0 ? ` (${check.notYetCovered} event(s) after it not yet covered)` : '';
  return `covered by checkpoint ${sequence} up to revision ${check.coveredRevision}${after}`;
}

/** Where a stream parts from the checkpoint (or breaks its chain after it), in one line. */
function describeFinding(finding: CheckpointFinding): string {
  if (finding.kind === 'chain-broken')
    return `${finding.streamId}: BROKEN after the checkpoint at revision ${finding.revision}${finding.position ? ` (position ${finding.position})` : ''}: ${finding.detail}`;
  return `${finding.streamId}: PARTS at revision ${finding.revision}${finding.position ? ` (position ${finding.position})` : ''}: ${finding.kind}: ${finding.detail}${finding.further > 0 ? ` (+${finding.further} more in this stream)` : ''}`;
}

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
