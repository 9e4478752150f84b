import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { RecordOrigins } from '../../src/identity/record-origins';
import { RegistryService } from '../../src/cadres/registry.service';
import { buildRegistry } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

describe('transfer batches over HTTP', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let otherStaff: Record<string, string>;
  const http = () => request(t.server as never);
  const held = (positionId: string) => [{ positionId, from: '2023-01-01', termEnd: '2028-01-01' }];

  beforeAll(async () => {
    t = await startTestApp('transfer_batch', { TRANSFER_BATCH_MAX_ENTRIES: '5' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-old-1', rank: 3 },
        { id: 'pos-old-2', rank: 3 },
        { id: 'pos-old-3', rank: 3 },
        { id: 'pos-new-1', rank: 4 },
        { id: 'pos-new-2', rank: 4 },
        { id: 'pos-new-3', rank: 4 },
      ],
      people: [
        { id: 'p-an', posts: held('pos-old-1') },
        { id: 'p-binh', posts: held('pos-old-2') },
        { id: 'p-chi', posts: held('pos-old-3') },
        { id: 'p-dung', posts: held('pos-old-1') },
      ],
    });
    // A unit beside the town is added by an admin of a top-level unit (the town's).
    const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` };
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-other', name: 'Huyện khác', kind: 'town' })
      .expect(201);
    otherStaff = {
      Authorization: `Bearer ${t.token('u-other', ['organization_staff'], 'ou-other')}`,
    };
  });
  afterAll(async () => {
    await t?.close();
  });

  const entry = (personId: string, currentPositionId: string, positionId: string) => ({
    personId,
    currentPositionId,
    positionId,
    orgUnitId: 'ou-town',
    reason: 'Sắp xếp tổ chức bộ máy theo Đề án 05-ĐA/TU',
  });

  it('opens a transfer case per entry, records who opened how many, and shows the progress', async () => {
    const body = {
      id: 'tb-good',
      entries: [entry('p-an', 'pos-old-1', 'pos-new-1'), entry('p-binh', 'pos-old-2', 'pos-new-2')],
    };
    const opened = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(opened.body).toMatchObject({
      batchId: 'tb-good',
      status: 'opened',
      total: 2,
      opened: 2,
      openedNow: 2,
      openedBy: 'u-staff',
      orgUnitId: 'ou-town',
      caseIds: ['tb-good-1', 'tb-good-2'],
    });
    const second = await http().get('/cases/tb-good-2').set(staff).expect(200);
    expect(second.body).toMatchObject({
      personId: 'p-binh',
      positionId: 'pos-new-2',
      status: 'open',
      definition: 'transfer.standard@2',
    });
    const progress = await http().get('/transfer-batches/tb-good').set(staff).expect(200);
    expect(progress.body).toMatchObject({ total: 2, opened: 2, status: 'opened' });
    // Each case with the post its person leaves (before: only the post they move to).
    expect(
      progress.body.cases.map((c: Record<string, string>) => [
        c.caseId,
        c.leavesPositionId,
        c.positionId,
      ]),
    ).toEqual([
      ['tb-good-1', 'pos-old-1', 'pos-new-1'],
      ['tb-good-2', 'pos-old-2', 'pos-new-2'],
    ]);

    // The same batch again opens nothing new.
    const again = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(again.body).toMatchObject({
      opened: 2,
      openedNow: 0,
      caseIds: ['tb-good-1', 'tb-good-2'],
    });
    // The slot is held: the same transfer cannot be opened again by hand.
    const duplicate = await http()
      .post('/cases')
      .set(staff)
      .send({
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-an',
        positionId: 'pos-new-1',
        orgUnitId: 'ou-town',
        summary: 'again',
      })
      .expect(409);
    expect(duplicate.body).toMatchObject({ rule: 'case.duplicate_open', openCaseId: 'tb-good-1' });
    // The same id with other entries is another batch.
    const taken = await http()
      .post('/transfer-batches')
      .set(staff)
      .send({ id: 'tb-good', entries: [entry('p-chi', 'pos-old-3', 'pos-new-3')] })
      .expect(409);
    expect(taken.body).toMatchObject({ rule: 'transfer_batch.id_taken', field: 'id' });
  });

  it('names every bad entry by index, field and rule, and opens none of the batch', async () => {
    const body = {
      id: 'tb-bad',
      entries: [
        entry('p-chi', 'pos-old-3', 'pos-new-3'),
        entry('p-dung', 'pos-old-2', 'pos-new-3'),
        entry('p-binh', 'pos-old-2', 'pos-nowhere'),
        entry('p-chi', 'pos-old-3', 'pos-new-2'),
        entry('p-an', 'pos-old-1', 'pos-new-1'),
      ],
    };
    const dryRun = await http().post('/transfer-batches/check').set(staff).send(body).expect(200);
    const refused = await http().post('/transfer-batches').set(staff).send(body).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'transfer_batch.invalid_entries',
      field: 'entries',
    });
    const found = refused.body.errors.map((e: { index: number; field: string; rule: string }) => [
      e.index,
      e.field,
      e.rule,
    ]);
    expect(found).toEqual([
      [1, 'entries[1].currentPositionId', 'transfer_batch.post_not_held'],
      [2, 'entries[2].positionId', 'position.not_found'],
      [3, 'entries[3].personId', 'transfer_batch.person_twice'],
      [4, 'entries[4].personId', 'case.duplicate_open'],
    ]);
    expect(dryRun.body).toMatchObject({ valid: false, total: 5, errors: refused.body.errors });
    // Nothing was written: no batch, and the good first entry's transfer is still free to open.
    await http().get('/transfer-batches/tb-bad').set(staff).expect(403);
    const good = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({ id: 'tb-bad', entries: [body.entries[0]] })
      .expect(200);
    expect(good.body).toMatchObject({ valid: true, total: 1, errors: [] });
    // A definition of another procedure is the batch's own field, not a field of its entries.
    const otherProcedure = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({ definition: 'appointment.internal', entries: [body.entries[0]] })
      .expect(200);
    expect(otherProcedure.body.errors[0]).toMatchObject({
      field: 'definition',
      rule: 'definition.wrong_procedure',
    });
    expect(otherProcedure.body.errors[0].message).toMatch(/^definition: /);
    await http().get('/transfer-batches/tb-bad').set(staff).expect(403);
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'tb-bad-1',
        procedure: 'transfer',
        definition: 'transfer.standard',
        personId: 'p-chi',
        positionId: 'pos-new-3',
        orgUnitId: 'ou-town',
        summary: 'by hand',
      })
      .expect(201);
  });

  it('refuses a batch over TRANSFER_BATCH_MAX_ENTRIES and a malformed entry by its path', async () => {
    const six = Array.from({ length: 6 }, () => entry('p-chi', 'pos-old-3', 'pos-new-3'));
    const tooMany = await http()
      .post('/transfer-batches')
      .set(staff)
      .send({ entries: six })
      .expect(422);
    expect(tooMany.body).toMatchObject({ rule: 'transfer_batch.size', field: 'entries' });
    const { reason: _reason, ...withoutReason } = entry('p-chi', 'pos-old-3', 'pos-new-3');
    const malformed = await http()
      .post('/transfer-batches')
      .set(staff)
      .send({ entries: [entry('p-chi', 'pos-old-3', 'pos-new-3'), withoutReason] })
      .expect(400);
    expect(malformed.body.field).toBe('entries[1].reason');
  });

  it('reads a body of 3,072 bytes an entry: one entry padded past that is 413, naming the limit', async () => {
    const body = { entries: [entry('p-chi', 'pos-old-3', 'pos-new-3')] };
    // Within the route's limit for TRANSFER_BATCH_MAX_ENTRIES (5 × 3,072), past one entry's.
    const padded = JSON.stringify(body).replace(/^\{/, `{${' '.repeat(12_000)}`);
    const refused = await http()
      .post('/transfer-batches/check')
      .set({ ...staff, 'Content-Type': 'application/json' })
      .send(padded)
      .expect(413);
    expect(refused.body).toMatchObject({
      rule: 'body.too_large',
      field: 'entries',
      limitBytes: 3072 + 4096,
    });
    expect(refused.body.message).toMatch(/a batch of 1 entry is read up to 7168 bytes/);
    await http().post('/transfer-batches/check').set(staff).send(body).expect(200);
  });

  it('keeps to the caller’s scope: entries and batches of another unit are refused', async () => {
    const outside = await http()
      .post('/transfer-batches')
      .set(otherStaff)
      .send({ id: 'tb-outside', entries: [entry('p-chi', 'pos-old-3', 'pos-new-3')] })
      .expect(403);
    expect(outside.body).toMatchObject({
      rule: 'scope.out_of_scope',
      field: 'entries[0].orgUnitId',
    });
    expect(outside.body.errors[0]).toMatchObject({ index: 0, field: 'entries[0].orgUnitId' });
    // The other lines' problems are listed with the one outside the grant (before: only it, and
    // the corrected list was refused again for what the first answer had not said).
    const mixed = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({
        entries: [
          { ...entry('p-an', 'pos-old-1', 'pos-new-1'), orgUnitId: 'ou-other' },
          entry('p-chi', 'pos-old-1', 'pos-new-3'),
        ],
      })
      .expect(403);
    expect(mixed.body.errors).toEqual([
      expect.objectContaining({ index: 0, rule: 'scope.out_of_scope' }),
      expect.objectContaining({ index: 1, rule: 'transfer_batch.post_not_held' }),
    ]);
    // A batch of another unit answers exactly like one that does not exist: neither tells
    // whether the id is used nor (before: "belongs to org unit …") which unit opened it.
    const missing = await http().get('/transfer-batches/tb-outside').set(staff).expect(403);
    const foreign = await http().get('/transfer-batches/tb-good').set(otherStaff).expect(403);
    for (const refused of [missing, foreign])
      expect(refused.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    expect(foreign.body.message).not.toMatch(/belongs to org unit/);
    const reuse = await http()
      .post('/transfer-batches')
      .set(otherStaff)
      .send({ id: 'tb-good', entries: [entry('p-chi', 'pos-old-3', 'pos-new-3')] })
      .expect(403);
    expect(reuse.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
    expect(reuse.body.message).not.toMatch(/belongs to org unit/);
  });

  it('keeps the opening of each case it wrote and the records it read: the record saga’s note and the first step read neither back', async () => {
    // Another instance notes a case on the person's record: what this process last wrote there
    // is now behind the record.
    const store = t.app.get<EventStore>(EVENT_STORE);
    const before = await store.readStream('cadre-p-dung');
    const metadata = {
      actorId: 'saga',
      correlationId: 'c-kept',
      causationId: null,
      occurredAt: new Date().toISOString(),
    };
    const elsewhere = { caseId: 'c-elsewhere', procedure: 'appointment', stage: null };
    await store.append(
      'cadre-p-dung',
      [
        {
          id: 'note-elsewhere',
          type: 'CaseNoted',
          data: { personId: 'p-dung', ...elsewhere, status: 'open', on: '2026-12-01' },
          metadata,
        },
      ],
      { expectedRevision: before.at(-1)!.revision },
    );

    const body = { id: 'tb-kept', entries: [entry('p-dung', 'pos-old-1', 'pos-new-3')] };
    await http().post('/transfer-batches').set(staff).send(body).expect(201);
    const stream = 'rotation-tb-kept-1';
    const [stored] = await store.readStream(stream, { limit: 1 });
    expect(stored).toMatchObject({ type: 'CaseOpened', data: { caseId: 'tb-kept-1' } });

    const origins = t.app.get(RecordOrigins);
    const reads = jest.spyOn(origins, 'readFirstEvent');
    const kept = await origins.firstEvent(stream);
    expect(reads).not.toHaveBeenCalled();
    expect(kept).toMatchObject({ type: stored.type, data: stored.data });
    expect(await origins.procedureOfCase('tb-kept-1')).toBe('rotation');

    // The record saga's note on the new case is decided on the record as the batch read it.
    const recordReads = jest.spyOn(store, 'readStream');
    const noted = await t.app.get(RegistryService).runPersonCommand(
      'p-dung',
      {
        type: 'NoteCase',
        data: {
          personId: 'p-dung',
          caseId: 'tb-kept-1',
          procedure: 'rotation',
          status: 'open',
          stage: null,
          on: '2026-12-03',
        },
      },
      { ...metadata, causationId: stored.id },
      { idSeed: `note-${stored.id}` },
    );
    expect(recordReads.mock.calls.map(([streamId]) => streamId)).not.toContain('cadre-p-dung');
    recordReads.mockRestore();
    const record = await store.readStream('cadre-p-dung');
    expect(record.at(-1)).toMatchObject({ type: 'CaseNoted', data: { caseId: 'tb-kept-1' } });
    expect(noted.revision).toBe(record.at(-1)!.revision);
    reads.mockRestore();
  });
});
