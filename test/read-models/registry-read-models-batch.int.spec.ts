import { PoolClient } from 'pg';
import { RecordedEvent } from '../../src/event-store/event-envelope';
import { Projection, ProjectedEvent } from '../../src/projections/projection';
import { peopleProjection } from '../../src/read-models/people.projection';
import { registryFactsProjection } from '../../src/read-models/registry-facts.projection';
import { createTestDatabase, TestDatabase } from '../support/test-database';

let revision = 0;
const on = (personId: string, type: string, data: Record<string, unknown>): RecordedEvent => ({
  id: `event-${(revision += 1)}`,
  streamId: `cadre-${personId}`,
  revision,
  position: `9/${revision}`,
  type,
  schemaVersion: 1,
  data: { personId, ...data },
  metadata: { actorId: 'test', correlationId: 'c', causationId: null, occurredAt: '' },
  recordedAt: '',
  hash: '',
});

const registered = (personId: string, fullName: string) =>
  on(personId, 'PersonRegistered', {
    fullName,
    dateOfBirth: '1980-04-12',
    gender: 'female',
    orgUnitId: 'ou-town',
  });
const assigned = (personId: string, positionId: string, from: string, termEnd: string | null) =>
  on(personId, 'PostAssigned', { positionId, from, termEnd });

/** A `date` column as its day (pg reads it as local midnight). */
const day = (value: Date | null) =>
  value &&
  `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;

/** A `person_posts` row: whose post, the last event on it, held since and until. */
const post = (row: Record<string, unknown>) => [
  row.person_id,
  row.position_id,
  row.updated_sequence,
  day(row.from_on as Date),
  day(row.ends_on as Date | null),
];

/**
 * A batch of registrations and posts is written in runs, one statement a run: the rows must be
 * exactly what applying the events one by one leaves, whatever comes in between.
 */
describe('the people and posts read models write a batch in runs', () => {
  let db: TestDatabase;
  let client: PoolClient;

  beforeAll(async () => {
    db = await createTestDatabase('registry_batches');
    client = await db.pool.connect();
  });
  afterAll(async () => {
    client.release();
    await db?.drop();
  });

  /** The rows `apply` leaves and the statements it sent, rolled back afterwards. */
  async function rowsAfter(
    table: string,
    apply: () => Promise<void>,
    before: () => Promise<void> = async () => {},
  ) {
    let statements = 0;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    const counted = client as unknown as { query: (...args: unknown[]) => unknown };
    await client.query('BEGIN');
    await before();
    counted.query = (...args) => ((statements += 1), query(...args));
    try {
      await apply();
    } finally {
      counted.query = query;
    }
    const { rows } = await client.query(`SELECT * FROM ${table} ORDER BY 1, 2`);
    await client.query('ROLLBACK');
    return { rows, statements };
  }

  /** The batch applied one by one and in runs, both after the rows `earlier` left. */
  async function compare(
    projection: Projection,
    table: string,
    events: RecordedEvent[],
    earlier: RecordedEvent[] = [],
  ) {
    const projected: ProjectedEvent[] = events.map((event, i) => ({
      event,
      sequence: earlier.length + i + 1,
    }));
    const before = async () => {
      for (const [i, event] of earlier.entries())
        await projection.handle(event, client, { sequence: i + 1 });
    };
    const oneByOne = await rowsAfter(
      table,
      async () => {
        for (const { event, sequence } of projected)
          await projection.handle(event, client, { sequence });
      },
      before,
    );
    const inRuns = await rowsAfter(table, () => projection.handleBatch!(projected, client), before);
    expect(inRuns.rows).toEqual(oneByOne.rows);
    return { oneByOne: oneByOne.statements, inRuns: inRuns.statements, rows: inRuns.rows };
  }

  it('people: a rating between two registrations of the same person is kept, the later name wins', async () => {
    const { oneByOne, inRuns, rows } = await compare(peopleProjection, 'people', [
      registered('p-an', 'Nguyễn Văn An'),
      registered('p-binh', 'Trần Thị Bình'),
      on('p-an', 'AnnualRatingRecorded', { year: 2024, rating: 'excellent' }),
      registered('p-an', 'Nguyễn Văn Ân'),
      registered('p-an', 'Nguyễn Văn Ấn'),
      registered('p-chi', 'Lê Chi'),
    ]);
    expect(rows.map((row) => [row.person_id, row.full_name, row.latest_rating])).toEqual([
      ['p-an', 'Nguyễn Văn Ấn', 'excellent'],
      ['p-binh', 'Trần Thị Bình', null],
      ['p-chi', 'Lê Chi', null],
    ]);
    expect(rows[0].search_name).toBe('nguyen van an');
    expect([oneByOne, inRuns]).toEqual([6, 3]);
  });

  it('posts: a post ended between two assignments is there again, held since the assignment after the gap', async () => {
    const { oneByOne, inRuns, rows } = await compare(registryFactsProjection, 'person_posts', [
      assigned('p-an', 'pos-a', '2020-01-01', '2025-01-01'),
      assigned('p-an', 'pos-b', '2021-01-01', null),
      on('p-an', 'PostEnded', { positionId: 'pos-a', on: '2023-01-01', reason: 'rotated' }),
      assigned('p-an', 'pos-a', '2024-01-01', null),
      assigned('p-binh', 'pos-a', '2024-02-01', '2029-02-01'),
      assigned('p-an', 'pos-a', '2025-01-01', '2030-01-01'),
    ]);
    // The term from 2025 continues the post held since 2024 (a re-appointment's new term).
    expect(rows.map(post)).toEqual([
      ['p-an', 'pos-a', '6', '2024-01-01', null],
      ['p-an', 'pos-b', '2', '2021-01-01', null],
      ['p-binh', 'pos-a', '5', '2024-02-01', null],
    ]);
    expect([oneByOne, inRuns]).toEqual([6, 1]);
  });

  it('posts: decisions that assign a post and end the one held keep the one ended with its end day, one statement', async () => {
    const ended = (personId: string, positionId: string) =>
      on(personId, 'PostEnded', { positionId, on: '2026-06-01', reason: 'appointed elsewhere' });
    const { oneByOne, inRuns, rows } = await compare(
      registryFactsProjection,
      'person_posts',
      [
        assigned('p-chi', 'pos-new', '2026-06-01', '2031-06-01'),
        ended('p-chi', 'pos-old'),
        assigned('p-dung', 'pos-new-2', '2026-06-01', null),
        ended('p-dung', 'pos-old-2'),
        ended('p-dung', 'pos-never-held'),
        assigned('p-em', 'pos-brief', '2026-06-01', null),
        ended('p-em', 'pos-brief'),
      ],
      [
        assigned('p-chi', 'pos-old', '2020-01-01', '2025-01-01'),
        assigned('p-dung', 'pos-old-2', '2020-01-01', null),
        assigned('p-em', 'pos-kept', '2019-01-01', null),
      ],
    );
    // A decision may take effect on a later day: the post it ends is held until then (before: the
    // row was deleted, and the holder gone from the post at once).
    expect(rows.map(post)).toEqual([
      ['p-chi', 'pos-new', '4', '2026-06-01', null],
      ['p-chi', 'pos-old', '5', '2020-01-01', '2026-06-01'],
      ['p-dung', 'pos-new-2', '6', '2026-06-01', null],
      ['p-dung', 'pos-old-2', '7', '2020-01-01', '2026-06-01'],
      ['p-em', 'pos-brief', '10', '2026-06-01', '2026-06-01'],
      ['p-em', 'pos-kept', '3', '2019-01-01', null],
    ]);
    expect([oneByOne, inRuns]).toEqual([7, 1]);
  });

  it('posts: a new term decided for a later day continues the post held; one after an end starts again', async () => {
    const { inRuns, rows } = await compare(
      registryFactsProjection,
      'person_posts',
      [
        assigned('p-binh', 'pos-b', '2027-03-01', '2032-03-01'),
        on('p-an', 'PostEnded', { positionId: 'pos-a', on: '2023-01-01', reason: 'rotated' }),
        assigned('p-an', 'pos-a', '2024-01-01', null),
      ],
      [
        assigned('p-an', 'pos-a', '2020-01-01', null),
        assigned('p-binh', 'pos-b', '2022-03-01', '2027-03-01'),
      ],
    );
    // p-binh holds pos-b until the new term begins: held since 2022, not only from 2027.
    expect(rows.map(post)).toEqual([
      ['p-an', 'pos-a', '5', '2024-01-01', null],
      ['p-binh', 'pos-b', '3', '2022-03-01', null],
    ]);
    expect(inRuns).toBe(1);
  });

  it('posts: a post ended on a later day that another decision ends sooner ends on the earlier day', async () => {
    const ended = (personId: string, positionId: string, day: string) =>
      on(personId, 'PostEnded', { positionId, on: day, reason: 'ended sooner' });
    const { inRuns, rows } = await compare(
      registryFactsProjection,
      'person_posts',
      [
        ended('p-an', 'pos-deputy', '2027-01-10'),
        ended('p-binh', 'pos-head', '2027-03-01'),
        ended('p-binh', 'pos-head', '2027-02-15'),
      ],
      [
        assigned('p-an', 'pos-deputy', '2022-01-01', null),
        ended('p-an', 'pos-deputy', '2027-02-01'),
        assigned('p-binh', 'pos-head', '2022-01-01', null),
      ],
    );
    // Before: the row kept its later end, and the person held the post three weeks too long.
    expect(rows.map(post)).toEqual([
      ['p-an', 'pos-deputy', '4', '2022-01-01', '2027-01-10'],
      ['p-binh', 'pos-head', '6', '2022-01-01', '2027-02-15'],
    ]);
    expect(inRuns).toBe(1);
  });

  it('posts: an earlier term recorded after a later one keeps the later term; held since its start only if it runs up to it', async () => {
    const ended = (personId: string, positionId: string, day: string) =>
      on(personId, 'PostEnded', { positionId, on: day, reason: 'removed' });
    const stored = [
      assigned('p-an', 'pos-a', '2026-01-01', '2031-01-01'),
      assigned('p-chi', 'pos-c', '2026-01-01', null),
      assigned('p-em', 'pos-e', '2026-01-01', '2031-01-01'),
      ended('p-em', 'pos-e', '2028-01-01'),
    ];
    const batch = [
      assigned('p-an', 'pos-a', '2015-01-01', '2020-01-01'),
      assigned('p-binh', 'pos-b', '2026-01-01', '2031-01-01'),
      assigned('p-binh', 'pos-b', '2021-01-01', '2026-01-01'),
      assigned('p-binh', 'pos-b', '2016-01-01', '2021-01-01'),
      assigned('p-chi', 'pos-c', '2021-01-01', '2026-01-01'),
      ended('p-chi', 'pos-c', '2028-01-01'),
      assigned('p-dung', 'pos-d', '2020-01-01', '2025-01-01'),
      assigned('p-dung', 'pos-d', '2025-01-01', '2030-01-01'),
      assigned('p-em', 'pos-e', '2021-01-01', '2026-01-01'),
    ];
    /** Held since, the term the row carries (its start and end), and the day it ends. */
    const term = (row: Record<string, unknown>) => [
      row.person_id,
      day(row.from_on as Date),
      day(row.term_from as Date),
      day(row.term_end as Date | null),
      day(row.ends_on as Date | null),
    ];
    const { rows } = await compare(registryFactsProjection, 'person_posts', batch, stored);
    expect(rows.map(term)).toEqual([
      // Before: held since 2015 across the years between, with the 2020 term end.
      ['p-an', '2026-01-01', '2026-01-01', '2031-01-01', null],
      // Terms running up to one another: held since the first, on the latest term.
      ['p-binh', '2016-01-01', '2026-01-01', '2031-01-01', null],
      // The end after the earlier term ends the term held.
      ['p-chi', '2021-01-01', '2026-01-01', null, '2028-01-01'],
      // In order, as before: the new term continues the post.
      ['p-dung', '2020-01-01', '2025-01-01', '2030-01-01', null],
      // The later term ended keeps its end, held since the earlier term running up to it. Before:
      // the earlier term, with no end, held today.
      ['p-em', '2021-01-01', '2026-01-01', '2031-01-01', '2028-01-01'],
    ]);
    // Applied again (rows and checkpoint commit together, so a batch is applied once; were it
    // not): each post held since and until the same days, what the readers of the rows ask.
    const heldWhen = (row: Record<string, unknown>) => [
      row.person_id,
      day(row.from_on as Date),
      day(row.ends_on as Date | null),
    ];
    const again = await compare(registryFactsProjection, 'person_posts', batch, [
      ...stored,
      ...batch,
    ]);
    expect(again.rows.map(heldWhen)).toEqual(rows.map(heldWhen));
  });

  it('posts: an earlier term recorded after a later one already ended leaves the post ended, whether the end is stored or in the batch', async () => {
    const ended = (personId: string, positionId: string, day: string) =>
      on(personId, 'PostEnded', { positionId, on: day, reason: 'removed' });
    const stored = [
      assigned('p-an', 'pos-a', '2018-01-01', '2023-01-01'),
      ended('p-an', 'pos-a', '2021-06-01'),
      assigned('p-binh', 'pos-b', '2018-01-01', '2023-01-01'),
      assigned('p-chi', 'pos-c', '2027-03-01', null),
    ];
    const batch = [
      assigned('p-an', 'pos-a', '2013-01-01', '2016-01-01'),
      ended('p-binh', 'pos-b', '2021-06-01'),
      assigned('p-binh', 'pos-b', '2013-01-01', '2018-01-01'),
      assigned('p-dung', 'pos-d', '2018-01-01', '2023-01-01'),
      ended('p-dung', 'pos-d', '2021-06-01'),
      assigned('p-dung', 'pos-d', '2013-01-01', '2018-01-01'),
      // A term never begun (ended before its start) is none to follow: the new one is held.
      ended('p-chi', 'pos-c', '2026-12-20'),
      assigned('p-chi', 'pos-c', '2027-01-05', null),
    ];
    const held = (row: Record<string, unknown>) => [
      row.person_id,
      day(row.from_on as Date),
      day(row.term_from as Date),
      day(row.ends_on as Date | null),
    ];
    const { rows } = await compare(registryFactsProjection, 'person_posts', batch, stored);
    // Before: each row held since 2013 with no end (p-chi's as now).
    expect(rows.map(held)).toEqual([
      // A gap before the later term: held from its start only.
      ['p-an', '2018-01-01', '2018-01-01', '2021-06-01'],
      ['p-binh', '2013-01-01', '2018-01-01', '2021-06-01'],
      ['p-chi', '2027-01-05', '2027-01-05', null],
      ['p-dung', '2013-01-01', '2018-01-01', '2021-06-01'],
    ]);
  });

  /** What a live batch holds besides: the cases' own steps and the record's other events. */
  const elsewhere = (personId: string, type: string): RecordedEvent => ({
    ...on(personId, type, {}),
    streamId: type === 'StepCompleted' ? `case-of-${personId}` : `cadre-${personId}`,
  });

  it('posts: decisions with events of other streams between them are still one statement', async () => {
    const { oneByOne, inRuns, rows } = await compare(registryFactsProjection, 'person_posts', [
      elsewhere('p-an', 'StepCompleted'),
      assigned('p-an', 'pos-a', '2026-06-01', '2031-06-01'),
      elsewhere('p-an', 'CaseNotedOnRecord'),
      elsewhere('p-binh', 'StepCompleted'),
      assigned('p-binh', 'pos-b', '2026-06-02', null),
      elsewhere('p-binh', 'StepCompleted'),
      on('p-an', 'PostEnded', { positionId: 'pos-a', on: '2026-07-01', reason: 'rotated' }),
    ]);
    expect(rows.map(post)).toEqual([
      ['p-an', 'pos-a', '7', '2026-06-01', '2026-07-01'],
      ['p-binh', 'pos-b', '5', '2026-06-02', null],
    ]);
    expect([oneByOne, inRuns]).toEqual([3, 1]);
  });

  it('people: registrations with other events between them are one statement, a rating between keeps its place', async () => {
    const { inRuns, rows } = await compare(peopleProjection, 'people', [
      registered('p-an', 'Nguyễn Văn An'),
      elsewhere('p-an', 'StepCompleted'),
      registered('p-binh', 'Trần Thị Bình'),
      elsewhere('p-binh', 'CaseNotedOnRecord'),
      registered('p-chi', 'Lê Chi'),
      on('p-chi', 'AnnualRatingRecorded', { year: 2025, rating: 'good' }),
      elsewhere('p-chi', 'StepCompleted'),
      registered('p-dung', 'Phạm Dũng'),
    ]);
    expect(rows.map((row) => [row.person_id, row.latest_rating])).toEqual([
      ['p-an', null],
      ['p-binh', null],
      ['p-chi', 'good'],
      ['p-dung', null],
    ]);
    expect(inRuns).toBe(3);
  });
});
