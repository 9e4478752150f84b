import request from 'supertest';
import { buildRegistry } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';
import { importPeopleInPost } from './people-in-post';

/**
 * A batch larger than one chunk of reads (1,000 entries) and of writes (500): the entries are
 * judged chunk by chunk on reads made for the whole chunk at once, so a bad entry far into the
 * list must still be named alone and stop every write, and a repeat must find every chunk opened.
 */
describe('transfer batches of many entries', () => {
  const PEOPLE = 1_100;
  const BAD = 1_050;
  let t: TestApp;
  let staff: Record<string, string>;
  const http = () => request(t.server as never);
  // What a batch writes: its own stream, its entries' cases (`<batch>-<n>`) with their ids'
  // reservations, and their slots into pos-new. Not the whole store.
  const eventCount = (batchId: string) =>
    streamEventCount(t.db.pool, [
      `transferbatch-${batchId}`,
      `%-${batchId}-%`,
      'caseslot-%/pos-new',
    ]);
  const personId = (i: number) => `p-many-${i}`;
  const entry = (i: number, currentPositionId = 'pos-old') => ({
    personId: personId(i),
    currentPositionId,
    positionId: 'pos-new',
    orgUnitId: 'ou-town',
    reason: `Sắp xếp tổ chức bộ máy, mục ${i + 1}`,
  });
  const upload = (file: Buffer, name: string) =>
    http().post('/imports').set(staff).attach('file', file, name).expect(200);

  beforeAll(async () => {
    t = await startTestApp('transfer_batch_many', { TRANSFER_BATCH_MAX_ENTRIES: '2000' });
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-old', rank: 3 },
        { id: 'pos-other', rank: 3 },
        { id: 'pos-new', rank: 4 },
      ],
      people: [],
    });
    await importPeopleInPost(
      upload,
      Array.from({ length: PEOPLE }, (_, i) => personId(i)),
      'pos-old',
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('names the one bad entry among many by its index and field, and writes nothing', async () => {
    const entries = Array.from({ length: PEOPLE }, (_, i) =>
      i === BAD ? entry(i, 'pos-other') : entry(i),
    );
    const body = { id: 'tb-many', entries };
    const before = await eventCount('tb-many');
    const dryRun = await http().post('/transfer-batches/check').set(staff).send(body).expect(200);
    const refused = await http().post('/transfer-batches').set(staff).send(body).expect(422);
    expect(refused.body).toMatchObject({
      rule: 'transfer_batch.invalid_entries',
      field: 'entries',
    });
    expect(refused.body.errors).toEqual([
      {
        index: BAD,
        field: `entries[${BAD}].currentPositionId`,
        rule: 'transfer_batch.post_not_held',
        message: `entries[${BAD}].currentPositionId: ${personId(BAD)} does not hold pos-other (holds: pos-old)`,
      },
    ]);
    expect(dryRun.body).toMatchObject({ valid: false, total: PEOPLE, errors: refused.body.errors });
    expect(await eventCount('tb-many')).toBe(before);
    await http().get('/transfer-batches/tb-many').set(staff).expect(403);
  }, 120_000);

  it('refuses a malformed entry at the end of a long list by its path, as for a short one', async () => {
    const last = PEOPLE - 1;
    const entries = Array.from({ length: PEOPLE }, (_, i) => entry(i));
    const refusedWith = async (malformed: Record<string, unknown>) =>
      (
        await http()
          .post('/transfer-batches')
          .set(staff)
          .send({ id: 'tb-malformed', entries: [...entries.slice(0, last), malformed] })
          .expect(400)
      ).body;
    const before = await eventCount('tb-malformed');
    expect(await refusedWith({ ...entry(last), personId: '' })).toMatchObject({
      rule: 'body.invalid',
      field: `entries[${last}].personId`,
      message: `entries[${last}].personId is required`,
    });
    expect(await refusedWith({ ...entry(last), reason: 'x'.repeat(2001) })).toMatchObject({
      field: `entries[${last}].reason`,
      message: `entries[${last}].reason must be at most 2000 characters long`,
    });
    expect(await refusedWith({ ...entry(last), note: 'x' })).toMatchObject({
      field: `entries[${last}].note`,
      message: `entries[${last}].note: unknown field`,
    });
    expect(await eventCount('tb-malformed')).toBe(before);
    await http().get('/transfer-batches/tb-malformed').set(staff).expect(403);
  }, 120_000);

  it('opens every entry across chunks once, and the same batch again opens nothing', async () => {
    const body = { id: 'tb-many', entries: Array.from({ length: PEOPLE }, (_, i) => entry(i)) };
    const opened = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(opened.body).toMatchObject({ status: 'opened', total: PEOPLE, openedNow: PEOPLE });
    expect(opened.body.caseIds).toEqual(
      Array.from({ length: PEOPLE }, (_, i) => `tb-many-${i + 1}`),
    );
    const last = await http().get(`/cases/tb-many-${PEOPLE}`).set(staff).expect(200);
    expect(last.body).toMatchObject({ personId: personId(PEOPLE - 1), status: 'open' });
    const before = await eventCount('tb-many');
    const again = await http().post('/transfer-batches').set(staff).send(body).expect(201);
    expect(again.body).toMatchObject({ opened: PEOPLE, openedNow: 0 });
    expect(await eventCount('tb-many')).toBe(before);
    // Each person's transfer holds its slot: a second batch moving one of them is refused by name.
    const twice = await http()
      .post('/transfer-batches/check')
      .set(staff)
      .send({ id: 'tb-many-again', entries: [entry(0), entry(7)] })
      .expect(200);
    expect(
      twice.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule]),
    ).toEqual([
      ['entries[0].personId', 'case.duplicate_open'],
      ['entries[1].personId', 'case.duplicate_open'],
    ]);
  }, 120_000);
});
