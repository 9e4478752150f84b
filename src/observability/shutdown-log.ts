import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  OnApplicationShutdown,
} from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { stopTracing } from './tracing';

/**
 * One line when the service begins to stop: the signal that stopped it and how long it ran; and,
 * once everything has stopped, the last spans exported. A stop on a signal that has not ended
 * within SHUTDOWN_TIMEOUT_MS ends the process anyway, saying so: a dependency that never answers
 * (a Redis connection cut mid-close) must not leave a process that was told to stop running on.
 */
@Injectable()
export class ShutdownLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly startedAt = Date.now();

  constructor(
    private readonly logger: PinoLogger,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    logger.setContext('Shutdown');
  }

  beforeApplicationShutdown(signal?: string): void {
    this.logger.info(
      {
        signal: signal ?? null,
        uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      },
      `shutting down${signal ? ` on ${signal}` : ''}`,
    );
    // Only a signal's stop: an application closed in-process (a test, a CLI) is its caller's.
    if (signal) this.exitAfter(this.config.SHUTDOWN_TIMEOUT_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    await stopTracing().catch(() => undefined);
  }

  private exitAfter(timeoutMs: number): void {
    // Unref'd: a stop that finishes lets the process end without waiting for it.
    setTimeout(() => {
      this.logger.fatal(
        { timeoutMs },
        `shutdown did not finish within ${timeoutMs} ms (SHUTDOWN_TIMEOUT_MS); exiting now`,
      );
      process.exit(1);
    }, timeoutMs).unref();
  }
}
