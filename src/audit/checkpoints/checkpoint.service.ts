import {
  Inject,
  Injectable,
  Logger,
  OnModuleDestroy,
  OnModuleInit,
  Optional,
} from '@nestjs/common';
import { Pool } from 'pg';
import { CLOCK, Clock, systemClock } from '../../common/clock';
import { PG_POOL } from '../../common/tokens';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { CaseProof, caseProof, CreatedCheckpoint } from './checkpoint-ledger';
import { Keyring } from './checkpoint-keys';
import { CheckpointSettings } from './checkpoint-settings';
import { signCheckpoint, signCheckpointUnlessUnderWay } from './sign-checkpoint';
import { WitnessDirectory } from './witness-directory';
import { assertFolderHoldsRecorded } from './recorded-checkpoint';
import { assertStoreAgrees, StoreVerification, verifyWholeStore } from '../store-verification';

export const CHECKPOINT_SETTINGS = Symbol('CHECKPOINT_SETTINGS');
export const CHECKPOINT_AUTO_START = Symbol('CHECKPOINT_AUTO_START');

/** Checkpoints are not configured: no CHECKPOINT_DIR, no signing key or no public keys. */
export class CheckpointsNotConfigured extends Error {
  constructor(missing: string) {
    super(`signed checkpoints are not configured: set ${missing}`);
    this.name = 'CheckpointsNotConfigured';
  }
}

/**
 * Signs checkpoints on a timer (CHECKPOINT_INTERVAL_MS, where workers run) and on demand, keeps
 * them in CHECKPOINT_DIR and in `audit_checkpoints`, and verifies the store against the outside copy.
 *
 * The timer's next signing is due an interval after the previous one ended, never while it runs
 * (before: one began every tick, each holding a pooled connection while it waited for the lock,
 * until the pool was spent and the service neither started nor stopped).
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private timerSigning: Promise<void> = Promise.resolve();
  /** Fired at the stop: a signing waiting for the time-stamping authority gives up at once. */
  private readonly stopping = new AbortController();

  constructor(
    @Inject(CHECKPOINT_SETTINGS) private readonly settings: CheckpointSettings,
    @Inject(CHECKPOINT_AUTO_START) private readonly autoStart: boolean,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Optional() @Inject(CLOCK) private readonly clock?: Clock,
  ) {}

  onModuleInit(): void {
    const { intervalMs, dir, key } = this.settings;
    if (!this.autoStart || intervalMs <= 0 || !dir || !key) return;
    this.scheduleNext(intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.stopping.abort();
    await this.timerSigning;
  }

  private scheduleNext(intervalMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timerSigning = this.signOnTimer().finally(() => this.scheduleNext(intervalMs));
    }, intervalMs);
    this.timer.unref();
  }

  private async signOnTimer(): Promise<void> {
    try {
      const result = await signCheckpointUnlessUnderWay(this.signingInput());
      if (result) this.logged(result);
      else this.logger.debug('checkpoint not signed now: another signing is under way');
    } catch (error) {
      const reason = this.stopping.signal.aborted
        ? 'abandoned as the service stops'
        : error instanceof Error
          ? error.message
          : String(error);
      this.logger.error(`checkpoint not signed: ${reason}`);
    }
  }

  /** Whether verification (and with `toSign`, signing) is configured. */
  configured(toSign = false): boolean {
    const { dir, keyring, key } = this.settings;
    return dir !== null && keyring !== null && (!toSign || key !== null);
  }

  private verifying() {
    const { dir, keyring } = this.settings;
    if (!dir) throw new CheckpointsNotConfigured('CHECKPOINT_DIR');
    if (!keyring) throw new CheckpointsNotConfigured('CHECKPOINT_PUBLIC_KEYS_DIR or a signing key');
    return { dir, keyring };
  }

  /** Signs a checkpoint over everything stored now (or answers the last one if nothing is new). */
  async create(): Promise<CreatedCheckpoint> {
    return this.logged(await signCheckpoint(this.signingInput()));
  }

  private signingInput() {
    const { dir, keyring } = this.verifying();
    const key = this.settings.key;
    if (!key) throw new CheckpointsNotConfigured('CHECKPOINT_SIGNING_KEY_FILE');
    return {
      pool: this.pool,
      store: this.store,
      settings: { ...this.settings, dir, keyring, key },
      now: (this.clock ?? systemClock).now(),
      abandon: this.stopping.signal,
    };
  }

  private logged(result: CreatedCheckpoint): CreatedCheckpoint {
    if (result.created) {
      const payload = result.signed.checkpoint;
      this.logger.log(
        `checkpoint ${payload.sequence} signed: ${payload.events} events, ${payload.streams} streams`,
      );
    }
    return result;
  }

  /**
   * Signs on an auditor's request only after verifying the whole store: one changed behind the
   * service is refused (StoreDisagrees naming where). The timer does not verify first, so the
   * events appended after a tampering are still covered while it is investigated.
   */
  async createOnRequest(): Promise<CreatedCheckpoint> {
    if (!this.settings.key) throw new CheckpointsNotConfigured('CHECKPOINT_SIGNING_KEY_FILE');
    assertStoreAgrees(await this.verify());
    return this.create();
  }

  /** The whole store against the latest checkpoint and against the audit history. */
  async verify(): Promise<StoreVerification> {
    const { dir, keyring } = this.verifying();
    return verifyWholeStore({ pool: this.pool, store: this.store, dir, keyring });
  }

  /** The outside copy one stream is checked against (verifyStreamIntegrity), when configured. */
  outsideCopy(): { dir: WitnessDirectory; keyring: Keyring } | undefined {
    return this.configured() ? this.verifying() : undefined;
  }

  /**
   * Refuses (CheckpointRefused, `recorded_checkpoint_missing`) while CHECKPOINT_DIR lacks the
   * latest checkpoint the database records: a proof from what is left would be of an older one, or
   * none at all, read as though no checkpoint covered the case.
   */
  async assertFolderHoldsRecorded(): Promise<void> {
    await assertFolderHoldsRecorded(this.pool, this.verifying().dir);
  }

  async proof(streamId: string): Promise<CaseProof | null> {
    const { dir, keyring } = this.verifying();
    return caseProof({ store: this.store, dir, keyring, streamId });
  }
}
