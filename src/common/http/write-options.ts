import { EventMetadata } from '../../event-store/event-envelope';
import { Actor } from '../../identity/actor';

/** What every write to a case stream carries besides its command. */
export interface WriteOptions {
  actor: Actor;
  /** Actor, correlation and causation of the events the write appends. */
  metadata: EventMetadata;
  /** The revision the client last read (`If-Match`); the write fails with 409 if it moved. */
  ifMatch?: number;
  /** Seed of deterministic event ids from the `Idempotency-Key`, so a retry appends nothing twice. */
  idSeed?: string;
}
