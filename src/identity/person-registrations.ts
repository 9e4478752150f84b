import { Inject, Injectable } from '@nestjs/common';
import { StreamFoldCache } from '../common/stream-fold-cache';
import { EVENT_STORE, EventStore } from '../event-store/event-store.port';
import { personStream } from '../cadres/person-stream';

/** Records whose managing unit one process keeps (a unit id each). */
const REGISTRATIONS_KEPT = 50_000;

/** The unit managing a person's record: null while the record does not exist. */
type Registration = string | null;

const unitNamed = (data: unknown): string | null => {
  const unit = (data as { orgUnitId?: unknown } | undefined)?.orgUnitId;
  return typeof unit === 'string' ? unit : null;
};

/** Only the events that say where the record is managed: its registration and each move. */
const registrationFold = {
  initialState: (): Registration => null,
  evolve: (state: Registration, event: { type: string; data: unknown }): Registration =>
    event.type === 'PersonRegistered' || event.type === 'RegistrationMoved'
      ? (unitNamed(event.data) ?? state)
      : state,
};

/**
 * The unit a person's record lies in for scope: the one it was registered in, or the receiving
 * unit of the last decision that moved the person into a post of another unit (RegistrationMoved).
 * Unlike a stream's first event this can change, so every answer asks the record's head (one
 * cheap read) and reads only the events appended since the kept answer.
 */
@Injectable()
export class PersonRegistrations {
  private readonly folds: StreamFoldCache<Registration>;

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.folds = new StreamFoldCache(store, registrationFold, REGISTRATIONS_KEPT);
  }

  async unitOf(personId: string): Promise<string | null> {
    const [loaded] = await this.folds.loadMany([personStream(personId)]);
    return loaded.state;
  }
}
