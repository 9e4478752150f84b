import { Injectable } from '@nestjs/common';

/**
 * Whether this instance has begun to stop (a signal, or any close of the application): from then
 * on it finishes the requests under way and closes its connections, so `/health` answers 503 and a
 * load balancer sends new requests to another instance before the listening socket goes away.
 */
@Injectable()
export class ServiceStopping {
  private startedAt: Date | undefined;

  begin(at: Date = new Date()): void {
    this.startedAt ??= at;
  }

  get since(): Date | undefined {
    return this.startedAt;
  }
}
