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
import {
  CaseProof,
  caseProof,
  checkStreamAgainstCheckpoint,
  StreamCheckpointCheck,
  CreatedCheckpoint,
} from './checkpoint-ledger';
import { CheckpointSettings } from './checkpoint-settings';
import { signCheckpoint } from './sign-checkpoint';
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
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Checkpoints');
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

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
    this.timer = setInterval(() => {
      this.running = this.create().catch((error: unknown) =>
        this.logger.error(
          `checkpoint not signed: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }, intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
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
    const { dir, keyring } = this.verifying();
    const key = this.settings.key;
    if (!key) throw new CheckpointsNotConfigured('CHECKPOINT_SIGNING_KEY_FILE');
    const result = await signCheckpoint({
      pool: this.pool,
      store: this.store,
      settings: { ...this.settings, dir, keyring, key },
      now: (this.clock ?? systemClock).now(),
    });
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

  async verifyStream(streamId: string): Promise<StreamCheckpointCheck> {
    const { dir, keyring } = this.verifying();
    return checkStreamAgainstCheckpoint({ store: this.store, dir, keyring, streamId });
  }

  async proof(streamId: string): Promise<CaseProof | null> {
    const { dir, keyring } = this.verifying();
    return caseProof({ store: this.store, dir, keyring, streamId });
  }
}
