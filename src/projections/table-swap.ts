import { PoolClient } from 'pg';

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

interface IndexInfo {
  name: string;
  /** The definition without its name and table: what makes two indexes "the same index". */
  shape: string;
}

async function indexesOf(tx: PoolClient, schema: string, table: string): Promise<IndexInfo[]> {
  const { rows } = await tx.query<{ name: string; def: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = $2
      ORDER BY c.relname`,
    [schema, table],
  );
  return rows.map((row) => ({
    name: row.name,
    shape: row.def.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, (_m, unique: string | undefined) => (unique ? 'UNIQUE ' : '')),
  }));
}

/**
 * Inside the caller's transaction: drops each live table and moves its rebuilt twin in from the
 * shadow schema. `LIKE … INCLUDING ALL` gave the twin's indexes generated names; they get the
 * migration's names back so later migrations can still refer to them.
 */
export async function swapTablesIn(tx: PoolClient, tables: readonly string[], shadow: string, live: string): Promise<void> {
  for (const table of tables) {
    const original = await indexesOf(tx, live, table);
    await tx.query(`DROP TABLE ${quote(live)}.${quote(table)}`);
    await tx.query(`ALTER TABLE ${quote(shadow)}.${quote(table)} SET SCHEMA ${quote(live)}`);
    const moved = await indexesOf(tx, live, table);
    const unclaimed = [...original];
    const renames: { from: string; to: string }[] = [];
    for (const index of moved) {
      const twin = unclaimed.findIndex((candidate) => candidate.shape === index.shape);
      if (twin < 0) continue;
      const [{ name }] = unclaimed.splice(twin, 1);
      if (name !== index.name) renames.push({ from: index.name, to: name });
    }
    // Two steps, so a generated name that happens to be another index's original cannot collide.
    for (const [i, rename] of renames.entries()) {
      await tx.query(`ALTER INDEX ${quote(live)}.${quote(rename.from)} RENAME TO ${quote(`cf_swap_${i}`)}`);
    }
    for (const [i, rename] of renames.entries()) {
      await tx.query(`ALTER INDEX ${quote(live)}.${quote(`cf_swap_${i}`)} RENAME TO ${quote(rename.to)}`);
    }
  }
}
