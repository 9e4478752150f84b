import { Controller, Inject, Injectable, Module, Post } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../../src/common/tokens';
import { Allow } from '../../../src/identity/allow.decorator';
import { UnregisteredGrantAllowed } from '../../../src/identity/grant-unit.guard';

/**
 * A write the test holds open: each run of it counts itself, waits until the test opens the gate,
 * then writes a row `gated_writes(run)` and answers `{ run }`. A slow legitimate request whose
 * length the test decides, and whose every run leaves a trace: no id derived from the
 * Idempotency-Key hides a second run.
 */
@Injectable()
export class GatedWrites {
  runs = 0;
  private opened!: () => void;
  private gate = new Promise<void>((resolve) => (this.opened = resolve));

  open(): void {
    this.opened();
  }

  /** A closed gate and no run counted, for the next test. */
  reset(): void {
    this.runs = 0;
    this.gate = new Promise<void>((resolve) => (this.opened = resolve));
  }

  waitForGate(): Promise<void> {
    return this.gate;
  }
}

@Controller('test-gated-writes')
class GatedWritesController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly gated: GatedWrites,
  ) {}

  @Post()
  @Allow('admin')
  @UnregisteredGrantAllowed()
  async write(): Promise<{ run: number }> {
    this.gated.runs += 1;
    const run = this.gated.runs;
    await this.gated.waitForGate();
    await this.pool.query('INSERT INTO gated_writes (run) VALUES ($1)', [run]);
    return { run };
  }
}

@Module({ controllers: [GatedWritesController], providers: [GatedWrites] })
export class GatedWritesModule {}
