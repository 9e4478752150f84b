import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { Pool } from 'pg';
import { CLOCK, Clock } from '../../common/clock';
import { PG_POOL } from '../../common/tokens';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import {
  CaseProof,
  caseProof,
  checkStreamAgainstCheckpoint,
  StreamCheckpointCheck,
  CheckpointVerification,
  createCheckpoint,
  CreatedCheckpoint,
  verifyAgainstCheckpoint,
} from './checkpoint-ledger';
import { CheckpointSettings } from './checkpoint-settings';
import { requestTimeStamp } from './rfc3161';

export const CHECKPOINT_SETTINGS = Symbol('CHECKPOINT_SETTINGS');
export const CHECKPOINT_AUTO_START = Symbol('CHECKPOINT_AUTO_START');

/** Checkpoints are not configured: no CHECKPOINT_DIR, no signing key or no public keys. */
export class CheckpointsNotConfigured extends Error {
  constructor(missing: string) {
    super(`signed checkpoints are not configured: set ${missing}`);
    this.name = 'CheckpointsNotConfigured';
  }
}

/** Another instance holds this while it signs, so two never race for one sequence number. */
const CHECKPOINT_LOCK = 7_220_022;

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
    @Inject(CLOCK) private readonly clock: Clock,
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
    const tsaUrl = this.settings.tsaUrl;
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [CHECKPOINT_LOCK]);
      const result = await createCheckpoint({
        store: this.store,
        dir,
        key,
        keyring,
        now: this.clock.now(),
        ...(tsaUrl ? { timestamp: (bytes: Buffer) => requestTimeStamp(tsaUrl, bytes) } : {}),
      });
      if (result.created) {
        const payload = result.signed.checkpoint;
        await client.query(
          `INSERT INTO audit_checkpoints
             (sequence, position, events, streams, root, key_id, created_at, signed)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (sequence) DO NOTHING`,
          [
            payload.sequence,
            payload.position,
            payload.events,
            payload.streams,
            payload.root,
            payload.keyId,
            payload.createdAt,
            JSON.stringify(result.signed),
          ],
        );
        this.logger.log(
          `checkpoint ${payload.sequence} signed: ${payload.events} events, ${payload.streams} streams`,
        );
      }
      return result;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [CHECKPOINT_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async verify(): Promise<CheckpointVerification> {
    const { dir, keyring } = this.verifying();
    return verifyAgainstCheckpoint({ store: this.store, dir, keyring });
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
