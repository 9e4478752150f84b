import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { prepareInfrastructure, StartupError } from './bootstrap/startup-checks';
import { ConfigError, loadConfig } from './config/app-config';
import { DefinitionFileError } from './workflow/definition-error';
import { WorkflowCatalog } from './workflow/workflow-catalog';
import { projectRoot } from './common/project-root';
import * as path from 'node:path';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const say = (line: string) => process.stdout.write(`cadreflow: ${line}\n`);
  if (!config.JWT_SECRET)
    say('warning: JWT_SECRET is not set; using the development secret (never in production)');
  // A broken definition or rule set file stops the start here, naming the file and the field.
  WorkflowCatalog.load(
    {
      definitions: config.DEFINITIONS_DIR,
      ruleSets: config.RULE_SETS_DIR,
      calendar: config.CALENDAR_DIR,
    },
    projectRoot(),
  );
  await prepareInfrastructure(config, say);
  const app = await NestFactory.create(AppModule.forConfig(config), {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureApp(app, {
    bodyLimitBytes: config.BODY_LIMIT_BYTES,
    webDir: path.resolve(projectRoot(), config.WEB_DIR),
  });
  await app.listen(config.PORT);
  say(
    `listening on http://127.0.0.1:${config.PORT} (API docs at /docs, event store: ${config.EVENT_STORE})`,
  );
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof StartupError ||
    error instanceof DefinitionFileError
  ) {
    process.stderr.write(`cadreflow: ${error.message}\n`);
  } else if ((error as { code?: string }).code === 'EADDRINUSE') {
    process.stderr.write(
      `cadreflow: port already in use (${(error as Error).message}): stop the other process or set PORT\n`,
    );
  } else {
    process.stderr.write(
      `cadreflow: failed to start: ${(error as Error)?.message ?? String(error)}\n`,
    );
  }
  process.exit(1);
});
