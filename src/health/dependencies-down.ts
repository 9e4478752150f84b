import { HealthCheckResult } from '@nestjs/terminus';
import { SERVICE_UNAVAILABLE } from '../common/problems/service-unavailable';

/** The names people know the checks by, for the problem's detail. */
const KNOWN_AS: Record<string, string> = {
  postgres: 'PostgreSQL',
  redis: 'Redis',
  eventStore: 'the event store',
  service: 'this instance',
  checkpointKeys: 'the checkpoint keys folder',
};

/**
 * A failed health check as a 503 problem (`service.unavailable`) naming each check that is down
 * and why, with the checks' results kept under `details` (and `info`, the ones up) for monitors.
 */
export class DependenciesDown extends Error {
  readonly rule = SERVICE_UNAVAILABLE;
  readonly category = 'unavailable';
  readonly field = undefined;
  readonly details: Record<string, unknown>;

  constructor(result: HealthCheckResult) {
    const down = Object.entries(result.error ?? result.details ?? {}).filter(
      ([, check]) => (check as { status?: string }).status !== 'up',
    );
    const reasons = down.map(([name, check]) => {
      const message = (check as { message?: unknown }).message;
      return `${KNOWN_AS[name] ?? name} (${name}) is down${typeof message === 'string' ? `: ${message}` : ''}`;
    });
    super(reasons.length ? reasons.join('; ') : 'a health check is down');
    this.name = 'DependenciesDown';
    this.details = {
      down: down.map(([name]) => name),
      info: result.info ?? {},
      details: result.details,
    };
  }
}
