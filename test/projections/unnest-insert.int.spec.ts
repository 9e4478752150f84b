import { PoolClient } from 'pg';
import { copyRows, CopyColumnType } from '../../src/database/copy-text-format';
import { insertRows } from '../../src/database/unnest-insert';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const COLUMNS: { name: string; type: CopyColumnType }[] = [
  { name: 'id', type: 'text' },
  { name: 'sequence', type: 'bigint' },
  { name: 'version', type: 'integer' },
  { name: 'roles', type: 'text[]' },
  { name: 'at', type: 'timestamptz' },
  { name: 'note', type: 'text' },
  { name: 'data', type: 'jsonb' },
];

/** Values that COPY and array parameters each spell in their own way. */
const ROWS: unknown[][] = [
  [
    'plain',
    1,
    1,
    ['organization_staff'],
    '2026-03-10T03:00:00.000Z',
    'Bổ nhiệm',
    { personId: 'p-1' },
  ],
  [
    'awkward',
    '9007199254740993',
    2,
    ['a,b', '{x}', 'NULL', 'say "hi"', 'back\\slash', ''],
    '2026-03-10T10:00:00+07:00',
    'tab\there\nnewline\r\\N "quoted" \\ back',
    { note: 'line\nbreak', quote: '"', slash: '\\', nested: { list: [1, null, 'x'] }, empty: '' },
  ],
  ['nulls', 3, null, null, null, null, null],
  ['empty', 4, 0, [], '2026-01-01T00:00:00Z', '', {}],
];

describe('insertRows writes what copyRows writes', () => {
  let db: TestDatabase;
  let tx: PoolClient;

  beforeAll(async () => {
    db = await createTestDatabase('unnest-insert');
    tx = await db.pool.connect();
    for (const table of ['by_copy', 'by_insert'])
      await tx.query(
        `CREATE TABLE ${table} (id text PRIMARY KEY, sequence bigint, version integer,
           roles text[], at timestamptz, note text, data jsonb)`,
      );
  });
  afterAll(async () => {
    tx?.release();
    await db?.drop();
  });

  const read = async (table: string) =>
    (await tx.query(`SELECT * FROM ${table} ORDER BY sequence`)).rows;

  it('the same rows, value for value, through one statement', async () => {
    await copyRows(tx, 'by_copy', COLUMNS, ROWS);
    await insertRows(tx, 'by_insert', COLUMNS, ROWS);
    const copied = await read('by_copy');
    expect(copied).toHaveLength(ROWS.length);
    expect(await read('by_insert')).toEqual(copied);
    const row = (id: string) => copied.find((found) => found.id === id);
    expect(row('awkward')).toMatchObject({
      sequence: '9007199254740993',
      roles: ['a,b', '{x}', 'NULL', 'say "hi"', 'back\\slash', ''],
      note: 'tab\there\nnewline\r\\N "quoted" \\ back',
    });
    expect(row('nulls')).toMatchObject({ version: null, roles: null, data: null });
    expect(row('empty')).toMatchObject({ roles: [], note: '', data: {} });
  });

  it('writes nothing for no rows, and a second batch with the statement already prepared', async () => {
    await insertRows(tx, 'by_insert', COLUMNS, []);
    await insertRows(tx, 'by_insert', COLUMNS, [['again', 5, 1, ['x'], null, 'n', { a: 1 }]]);
    expect((await read('by_insert')).map((row) => row.id)).toEqual([
      'plain',
      'nulls',
      'empty',
      'again',
      'awkward',
    ]);
  });
});
