import { Pool } from 'pg';
import { PrefetchedRegistry } from '../../cadres/prefetched-registry';
import { RegistryService } from '../../cadres/registry.service';
import { EventStore } from '../../event-store/event-store.port';
import { StreamSnapshot } from '../../event-store/stream-snapshot';
import { PrefetchedScope } from '../../identity/prefetched-scope';
import { RecordOrigins } from '../../identity/record-origins';
import { caseIdStream, LegacyCaseIds } from '../case/case-id-reservation';
import { CaseIdReservations } from '../case/case-id-reservations';
import { CASE_PROCEDURES, caseStream } from '../case/case-stream';
import { OpeningReads } from '../case/procedure-registry';
import { OpenCaseSlotCoverage } from '../case/open-case-slot-coverage';
import { PrefetchedOpenCaseSlots } from '../case/prefetched-open-case-slots';
import { TransferBatchEntryDto } from './dto/open-transfer-batch.dto';

/**
 * Everything a batch's entries are judged on, read for a chunk of entries at a time with one
 * query per kind instead of about fifteen an entry: the people's records (and the unit each was
 * registered in), the posts and units they and the entries name, the case ids' reservation
 * streams (and, while the store may hold cases from before reservations, the case streams a case
 * of that id would be in), the open-case slots with the case list for slots never claimed and the
 * cases holding them. The
 * services' own rules then judge each entry on these (OrgScope's checks by PrefetchedScope,
 * CaseIdReservations and OpenCaseSlots over the snapshot), as they would have a moment earlier.
 */
export class TransferBatchReads implements OpeningReads {
  readonly snapshot: StreamSnapshot;
  readonly registry: PrefetchedRegistry;
  readonly scope: PrefetchedScope;
  readonly caseIds: CaseIdReservations;
  readonly slots: PrefetchedOpenCaseSlots;

  constructor(
    store: EventStore,
    pool: Pool,
    registry: RegistryService,
    private readonly legacyCaseIds: LegacyCaseIds,
    slotCoverage: OpenCaseSlotCoverage,
  ) {
    this.snapshot = new StreamSnapshot(store);
    // The batch writes the people's cases, not their records: the record saga's note on each new
    // case is then decided on the record as read here.
    this.registry = new PrefetchedRegistry(registry, pool, store, true);
    this.scope = new PrefetchedScope(this.registry);
    this.caseIds = new CaseIdReservations(
      this.snapshot,
      new RecordOrigins(this.snapshot, legacyCaseIds),
      legacyCaseIds,
    );
    this.slots = new PrefetchedOpenCaseSlots(this.snapshot, pool, slotCoverage);
  }

  /** The reads of these entries, each opening case `caseId` as a case of `procedure`. */
  async prefetch(
    entries: { entry: TransferBatchEntryDto; caseId: string }[],
    procedure: string,
  ): Promise<void> {
    const people = entries.map(({ entry }) => entry.personId);
    const positions = entries.flatMap(({ entry }) => [entry.positionId, entry.currentPositionId]);
    const caseIds = entries.map(({ caseId }) => caseId);
    // Cases from before reservations are found by their streams (readCaseId), while there may be
    // any: the coverage only ever turns complete, so the rules' own reads then probe no less.
    const probe = await this.legacyCaseIds.probesNeeded();
    await Promise.all([
      this.registry.prefetch({
        people,
        positions,
        units: entries.map(({ entry }) => entry.orgUnitId),
      }),
      this.snapshot.take([
        ...caseIds.map(caseIdStream),
        ...(probe ? caseIds.flatMap((id) => CASE_PROCEDURES.map((p) => caseStream(p, id))) : []),
      ]),
      this.slots.prefetch(
        entries.map(({ entry }) => ({
          procedure,
          personId: entry.personId,
          positionId: entry.positionId,
        })),
      ),
    ]);
  }
}
