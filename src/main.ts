import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { prepareInfrastructure, StartupError } from './bootstrap/startup-checks';
import { ConfigError, loadConfig } from './config/app-config';
import { refuseEmptyCatalog, refuseMissingFolders } from './config/configured-folders';
import { resolveCheckpointSettings } from './audit/checkpoints/checkpoint-settings';
import { refuseFolderLackingRecorded } from './audit/checkpoints/recorded-checkpoint';
import { refuseCheckpointDirUnset } from './audit/checkpoints/checkpoint-dir-unset';
import { DefinitionFileError } from './workflow/definition-error';
import { WorkflowCatalog } from './workflow/workflow-catalog';
import { projectRoot } from './common/project-root';
import { startTracing } from './observability/tracing';
import * as path from 'node:path';

/**
 * Lines written before the application's own logger exists (and if it never does): the same
 * JSON stream on stdout as every other line of the service. The few lines of a start (migrations
 * applied, the address it listens on, why it could not start) are written whatever LOG_LEVEL
 * says, as they were before the stream was JSON: supervisors and tests wait for "listening on".
 */
const startup = pino({ level: startupLevel(process.env.LOG_LEVEL) }).child({ context: 'Startup' });

/** `info`, or LOG_LEVEL when it is more verbose (debug, trace). */
function startupLevel(level: string | undefined): string {
  return level === 'debug' || level === 'trace' ? level : 'info';
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The files and folders it names, each refused by its variable before anything starts.
  refuseMissingFolders(config, projectRoot());
  resolveCheckpointSettings(config);
  // A broken definition or rule set file, or a folder with none, stops the start here, naming the
  // file and the field (or the variable), before any other line is written. The service then runs
  // on this catalog (AppModule is handed it), so the files are read once.
  const catalog = WorkflowCatalog.load(
    {
      definitions: config.DEFINITIONS_DIR,
      ruleSets: config.RULE_SETS_DIR,
      calendar: config.CALENDAR_DIR,
    },
    projectRoot(),
  );
  refuseEmptyCatalog(
    { definitions: catalog.definitions.size, ruleSets: catalog.ruleSets.length },
    config,
  );
  if (!config.JWT_SECRET)
    startup.warn('JWT_SECRET is not set; using the development secret (never in production)');
  // On only with OTEL_EXPORTER_OTLP_ENDPOINT; before the application, so every span is exported.
  if (startTracing(process.env, (line) => startup.warn(line)))
    startup.info(
      { endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT },
      'tracing on: OpenTelemetry spans exported over OTLP/HTTP',
    );
  await prepareInfrastructure(
    config,
    (line) => startup.info(line),
    (line) => startup.warn(line),
  );
  // Only the database tells which checkpoints were written: a folder lacking them is refused here.
  await refuseFolderLackingRecorded(config.DATABASE_URL, config.CHECKPOINT_DIR);
  // …and so is no folder at all, unless the operator says to start without checking them.
  await refuseCheckpointDirUnset({
    databaseUrl: config.DATABASE_URL,
    checkpointDir: config.CHECKPOINT_DIR,
    unchecked: process.env.CHECKPOINTS_UNCHECKED,
  });
  const app = await NestFactory.create(AppModule.forConfig(config, { catalog }), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app, {
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    webDir: path.resolve(projectRoot(), config.WEB_DIR),
  });
  await app.listen(config.PORT);
  startup.info(
    { port: config.PORT, eventStore: config.EVENT_STORE },
    `listening on http://127.0.0.1:${config.PORT} (API docs at /docs, event store: ${config.EVENT_STORE})`,
  );
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof DefinitionFileError
  ) {
    startup.fatal(error.message);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    startup.fatal(
      `port already in use (${(error as Error).message}): stop the other process or set PORT`,
    );
  } else {
    startup.fatal({ err: error }, `failed to start: ${(error as Error)?.message ?? String(error)}`);
  }
  process.exit(1);
});
