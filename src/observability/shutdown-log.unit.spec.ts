import { PinoLogger } from 'nestjs-pino';
import { loadConfig } from '../config/app-config';
import { ShutdownLog } from './shutdown-log';

/** What the shutdown logger was told, by level. */
function recordingLogger() {
  const lines: { level: string; message: string }[] = [];
  const logger = {
    setContext: () => undefined,
    info: (_fields: unknown, message: string) => lines.push({ level: 'info', message }),
    fatal: (_fields: unknown, message: string) => lines.push({ level: 'fatal', message }),
  } as unknown as PinoLogger;
  return { logger, lines };
}

describe('ShutdownLog', () => {
  let exit: jest.SpyInstance;
  beforeEach(() => {
    jest.useFakeTimers();
    exit = jest.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
  });
  afterEach(() => {
    exit.mockRestore();
    jest.useRealTimers();
  });

  it('ends a stop on a signal that is still running after SHUTDOWN_TIMEOUT_MS, saying so', () => {
    const { logger, lines } = recordingLogger();
    const log = new ShutdownLog(logger, loadConfig({ SHUTDOWN_TIMEOUT_MS: '2000' }));
    log.beforeApplicationShutdown('SIGTERM');
    jest.advanceTimersByTime(1999);
    expect(exit).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(exit).toHaveBeenCalledWith(1);
    expect(lines.at(-1)).toEqual({
      level: 'fatal',
      message: 'shutdown did not finish within 2000 ms (SHUTDOWN_TIMEOUT_MS); exiting now',
    });
  });

  it('never ends the process for an application closed in-process (no signal)', () => {
    const { logger } = recordingLogger();
    new ShutdownLog(
      logger,
      loadConfig({ SHUTDOWN_TIMEOUT_MS: '1000' }),
    ).beforeApplicationShutdown();
    jest.advanceTimersByTime(60_000);
    expect(exit).not.toHaveBeenCalled();
  });

  it('refuses a SHUTDOWN_TIMEOUT_MS outside 1000-300000', () => {
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: '10' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });
});
