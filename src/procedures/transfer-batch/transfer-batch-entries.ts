import { Inject, Injectable } from '@nestjs/common';
import { RegistryService } from '../../cadres/registry.service';
import { deterministicId } from '../../common/deterministic-id';
import { DomainEvent } from '../../common/stream-decider';
import { EventMetadata } from '../../event-store/event-envelope';
import { EVENT_STORE, EventStore, StreamAppend } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { EntryScope } from '../../identity/prefetched-scope';
import { refuseOwnRecord } from '../../identity/own-record';
import { PG_POOL } from '../../common/tokens';
import { Pool } from 'pg';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { postsHeldOn } from '../../cadres/person/posts-held-on';
import { vietnamDay } from '../../common/vietnam-day';
import { ProcedureRegistry } from '../case/procedure-registry';
import { CaseIdCoverage } from '../case/case-id-coverage';
import { OpenCaseSlotCoverage } from '../case/open-case-slot-coverage';
import { TransferBatchReads } from './transfer-batch-reads';
import { caseIdStream } from '../case/case-id-reservation';
import { CaseCommandRunner } from '../case/case-command-runner';
import { caseStream } from '../case/case-stream';
import { caseDecider } from '../case/decider/case.decider';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { refusalForReader } from '../case/duplicate-open-case';
import { OrgScope } from '../../identity/org-scope';
import { TransferBatchEntryDto } from './dto/open-transfer-batch.dto';
import { batchCaseId } from './transfer-batch.events';
import { entryProblem, TransferBatchProblem } from './transfer-batch-problem';
import { refuseSeatsTakenInBatch } from './transfer-batch-seats';

/**
 * Entries whose reads are fetched together (one query per kind); the next chunk's are fetched
 * while this one is judged. Measured in bench/bulk (bench/README.md).
 */
const ENTRIES_PER_READ = 1000;

/** One entry ready to open: every stream its case's opening appends to. */
export interface PlannedEntry {
  index: number;
  caseId: string;
  appends: StreamAppend[];
  /** The case's procedure and first event: kept once written (RecordOrigins.caseOpened). */
  opening: { procedure: string; first: Pick<DomainEvent, 'type' | 'data'> };
}

export interface EntryChecks {
  planned: PlannedEntry[];
  problems: TransferBatchProblem[];
  outOfScope: TransferBatchProblem[];
}

interface BatchFrame {
  batchId: string;
  definition: string;
  actor: Actor;
  /** Metadata of the entries' events: the request's, caused by the batch's opening event. */
  metadata: EventMetadata;
}

/**
 * Judges every entry of a transfer batch by the rules of `POST /cases` (scope, the person, the
 * posts, the procedure's opening rules, one open case per person and post) and what a batch adds
 * (the person holds the post they leave, one entry per person), and decides each opening's events.
 * Reads only: the caller writes the plans.
 */
@Injectable()
export class TransferBatchEntries {
  constructor(
    private readonly registry: RegistryService,
    private readonly runner: CaseCommandRunner,
    private readonly procedures: ProcedureRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly coverage: CaseIdCoverage,
    private readonly slotCoverage: OpenCaseSlotCoverage,
    private readonly scope: OrgScope,
  ) {}

  async check(
    entries: TransferBatchEntryDto[],
    from: number,
    frame: BatchFrame,
  ): Promise<EntryChecks> {
    // Nobody moves themself: an entry naming the caller refuses the batch, the dry run too.
    entries.forEach((entry, index) =>
      refuseOwnRecord(frame.actor, entry.personId, `entries[${index}].personId`),
    );
    const result: EntryChecks = { planned: [], problems: [], outOfScope: [] };
    this.duplicatePeople(entries, from, result.problems);
    const procedure = this.procedures.forOpening('transfer')?.module.procedure ?? 'rotation';
    const reads = new TransferBatchReads(
      this.store,
      this.pool,
      this.registry,
      this.coverage,
      this.slotCoverage,
    );
    const chunkAt = (start: number) =>
      entries.slice(start, start + ENTRIES_PER_READ).map((entry, at) => ({
        entry,
        index: start + at,
        caseId: batchCaseId(frame.batchId, start + at),
      }));
    let fetched = from < entries.length ? reads.prefetch(chunkAt(from), procedure) : null;
    for (let start = from; start < entries.length; start += ENTRIES_PER_READ) {
      await fetched;
      const next = start + ENTRIES_PER_READ;
      fetched = next < entries.length ? reads.prefetch(chunkAt(next), procedure) : null;
      // Unhandled until awaited: a failed read of the next chunk must not go unseen.
      fetched?.catch(() => undefined);
      await Promise.all(
        chunkAt(start).map(({ entry, index }) => this.checkOne(entry, index, frame, result, reads)),
      );
    }
    const day = vietnamDay(new Date(frame.metadata.occurredAt));
    await refuseSeatsTakenInBatch(entries, result, reads.registry, this.registry.postSeats, day);
    const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index;
    result.planned.sort(byIndex);
    result.problems.sort(byIndex);
    result.outOfScope.sort(byIndex);
    return result;
  }

  /** A person moved twice by one reorganisation is a mistake in the list, not two cases. */
  private duplicatePeople(
    entries: TransferBatchEntryDto[],
    from: number,
    problems: TransferBatchProblem[],
  ): void {
    const firstOf = new Map<string, number>();
    entries.forEach((entry, index) => {
      const first = firstOf.get(entry.personId);
      if (first === undefined) firstOf.set(entry.personId, index);
      else if (index >= from)
        problems.push(
          entryProblem(
            index,
            new DomainRuleViolation(
              'transfer_batch.person_twice',
              `personId: ${entry.personId} is already moved by entry ${first}`,
              'unprocessable',
              'personId',
            ),
          ),
        );
    });
  }

  private async checkOne(
    entry: TransferBatchEntryDto,
    index: number,
    frame: BatchFrame,
    result: EntryChecks,
    reads: TransferBatchReads,
  ): Promise<void> {
    try {
      await assertInScope(reads.scope, entry, frame.actor);
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      (error.category === 'forbidden' ? result.outOfScope : result.problems).push(
        entryProblem(index, error),
      );
      return;
    }
    try {
      result.planned.push(await this.plan(entry, index, frame, reads));
    } catch (error) {
      if (!(error instanceof DomainRuleViolation)) throw error;
      result.problems.push(
        entryProblem(index, await refusalForReader(error, this.scope, frame.actor)),
      );
    }
  }

  private async plan(
    entry: TransferBatchEntryDto,
    index: number,
    frame: BatchFrame,
    reads: TransferBatchReads,
  ): Promise<PlannedEntry> {
    // The request's day: a decision effective on a later day has not yet moved the person.
    await assertHoldsPost(reads.registry, entry, vietnamDay(new Date(frame.metadata.occurredAt)));
    const caseId = batchCaseId(frame.batchId, index);
    const { context, command, module } = await this.runner.prepareOpening(
      {
        caseId,
        procedure: 'transfer',
        definition: frame.definition,
        personId: entry.personId,
        positionId: entry.positionId,
        orgUnitId: entry.orgUnitId,
        summary: entry.reason,
      },
      frame.actor,
      reads,
    );
    const procedure = module.procedure;
    const metadata: EventMetadata = {
      ...frame.metadata,
      definitionVersion: `${context.definition.id}@${context.definition.version}`,
      ruleSet: context.ruleSet.id,
    };
    // One read instead of probing every procedure's stream for the id: every case opened since
    // ids are reserved holds a reservation, and the chunk appends this one at `no_stream`, so an
    // id taken since this check (or by a case from before reservations) is refused there (409).
    if ((await reads.snapshot.streamRevision(caseIdStream(caseId))) !== null)
      throw new DomainRuleViolation(
        'case.id_taken',
        `personId: the case id ${caseId} this entry would open is already reserved by another case`,
        'conflict',
      );
    const slot = { procedure, personId: entry.personId, positionId: entry.positionId };
    const claim = await reads.slots.planClaim(slot, caseId, metadata);
    const events = caseDecider.decide(caseDecider.initialState(), command, context);
    return {
      index,
      caseId,
      appends: openingAppends(frame.batchId, index, procedure, claim, events, metadata),
      opening: { procedure, first: events[0] },
    };
  }
}

async function assertInScope(
  scope: EntryScope,
  entry: TransferBatchEntryDto,
  actor: Actor,
): Promise<void> {
  await scope.assertUnitInScope(actor, entry.orgUnitId, 'orgUnitId');
  await scope.assertPersonInScope(actor, entry.personId, 'personId');
  await scope.assertPositionInScope(actor, entry.positionId, 'positionId');
  await scope.assertPositionInScope(actor, entry.currentPositionId, 'currentPositionId');
}

/** The post the entry says the person leaves must be one they hold on the day (`today`). */
async function assertHoldsPost(
  registry: RegistryReads,
  entry: TransferBatchEntryDto,
  today: string,
): Promise<void> {
  if (entry.currentPositionId === entry.positionId)
    throw new DomainRuleViolation(
      'transfer_batch.same_post',
      `positionId: the receiving post is the post ${entry.personId} holds (${entry.currentPositionId})`,
      'unprocessable',
      'positionId',
    );
  const { state } = await registry.loadPerson(entry.personId);
  if (state.status !== 'registered') return; // the opening refuses an unregistered person
  const held = postsHeldOn(state, today);
  if (!held.some((post) => post.positionId === entry.currentPositionId))
    throw new DomainRuleViolation(
      'transfer_batch.post_not_held',
      `currentPositionId: ${entry.personId} does not hold ${entry.currentPositionId} (holds: ${
        held.map((post) => post.positionId).join(', ') || 'no post'
      })`,
      'unprocessable',
      'currentPositionId',
    );
}

/** The id reservation, the slot claim (unless held already) and the case stream, ids seeded by the entry. */
function openingAppends(
  batchId: string,
  index: number,
  procedure: string,
  claim: StreamAppend | null,
  events: DomainEvent[],
  metadata: EventMetadata,
): StreamAppend[] {
  const caseId = batchCaseId(batchId, index);
  const seed = `transfer-batch:${batchId}:${index}`;
  return [
    {
      streamId: caseIdStream(caseId),
      expectedRevision: 'no_stream',
      events: [
        {
          id: deterministicId(seed, 'id'),
          type: 'CaseIdReserved',
          data: { caseId, procedure },
          metadata,
        },
      ],
    },
    ...(claim ? [claim] : []),
    {
      streamId: caseStream(procedure, caseId),
      expectedRevision: 'no_stream',
      events: events.map((event, at) => ({
        id: deterministicId(seed, String(at)),
        type: event.type,
        data: event.data,
        metadata,
      })),
    },
  ];
}
