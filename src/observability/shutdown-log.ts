import { BeforeApplicationShutdown, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { stopTracing } from './tracing';

/**
 * One line when the service begins to stop: the signal that stopped it and how long it ran; and,
 * once everything has stopped, the last spans exported.
 */
@Injectable()
export class ShutdownLog implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly startedAt = Date.now();

  constructor(private readonly logger: PinoLogger) {
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
  }

  async onApplicationShutdown(): Promise<void> {
    await stopTracing().catch(() => undefined);
  }
}
