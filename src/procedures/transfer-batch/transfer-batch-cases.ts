import { Inject, Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { PG_POOL } from '../../common/tokens';
import { EVENT_STORE, EventStore } from '../../event-store/event-store.port';
import { displayNames } from '../../read-models/display-names';
import { caseStream } from '../case/case-stream';
import {
  evolveTransferBatch,
  initialTransferBatchState,
  transferBatchStream,
} from './transfer-batch.events';
import { TransferBatchCaseDto, TransferBatchViewDto } from './dto/transfer-batch-view.dto';

/** The cases a batch's screen lists: the first ones, as many as it shows. */
export const LISTED_CASES = 50;

/**
 * Whom and which post each listed case of a batch is about, by name (before: the screen listed
 * only ids such as tb-…-1). Read from each case's opening on its stream, not from a read model
 * that may not have caught up with cases opened a moment ago; a transfer runs as a rotation case.
 */
@Injectable()
export class TransferBatchCases {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
  ) {}

  /** The view with its `cases`; a dry run's check, which opened none, as it is. */
  async withCases<T extends object>(view: T): Promise<T> {
    if (!('caseIds' in view)) return view;
    const caseIds = (view as unknown as TransferBatchViewDto).caseIds.slice(0, LISTED_CASES);
    if (caseIds.length === 0) return { ...view, cases: [] };
    const openings = await this.store.readStreams(
      caseIds.map((caseId) => ({ streamId: caseStream('rotation', caseId), limit: 1 })),
    );
    const leaves = await this.leavesOf((view as unknown as TransferBatchViewDto).batchId);
    const opened = openings.map((events, i) => {
      const data = (events[0]?.data ?? {}) as { personId?: string; positionId?: string };
      const caseId = caseIds[i];
      return {
        caseId,
        personId: data.personId ?? '',
        positionId: data.positionId,
        leaves: leaves[caseId],
      };
    });
    const names = await displayNames(this.pool, {
      people: opened.map((c) => c.personId),
      positions: opened.flatMap((c) => [c.positionId, c.leaves].filter((id) => id !== undefined)),
    });
    const cases: TransferBatchCaseDto[] = opened.map((c) => ({
      caseId: c.caseId,
      personId: c.personId,
      personName: names.people[c.personId] ?? null,
      positionId: c.positionId ?? null,
      positionTitle: (c.positionId && names.positions[c.positionId]) || null,
      leavesPositionId: c.leaves ?? null,
      leavesPositionTitle: (c.leaves && names.positions[c.leaves]) || null,
    }));
    return { ...view, cases };
  }

  /** The post each case's person leaves, as the batch's chunks recorded it (none before Dec 2026). */
  private async leavesOf(batchId: string): Promise<Record<string, string>> {
    const events = await this.store.readStream(transferBatchStream(batchId));
    const state = events.reduce(evolveTransferBatch, initialTransferBatchState());
    return state.status === 'none' ? {} : state.leaves;
  }
}
