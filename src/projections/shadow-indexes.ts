import { PoolClient } from 'pg';

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

interface LiveIndex {
  name: string;
  indexDefinition: string;
  /** Set when the index backs a PRIMARY KEY, UNIQUE or EXCLUDE constraint. */
  constraintDefinition: string | null;
}

async function liveIndexesOf(tx: PoolClient, schema: string, table: string): Promise<LiveIndex[]> {
  const { rows } = await tx.query<{ name: string; index_def: string; constraint_def: string | null }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS index_def, pg_get_constraintdef(con.oid) AS constraint_def
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = t.oid
      WHERE n.nspname = $1 AND t.relname = $2
      ORDER BY c.relname`,
    [schema, table],
  );
  return rows.map((row) => ({ name: row.name, indexDefinition: row.index_def, constraintDefinition: row.constraint_def }));
}

async function indexCount(tx: PoolClient, schema: string, table: string): Promise<number> {
  const { rows } = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 AND t.relname = $2`,
    [schema, table],
  );
  return rows[0].n;
}

/**
 * Gives each shadow table the indexes and key constraints of its live twin, under the live
 * names (the schemas differ, so they cannot clash, and the swap has nothing to rename). One
 * transaction: a crash leaves the shadow with all of them or none, and a resumed rebuild that
 * finds them already built skips this.
 */
export async function buildShadowIndexes(client: PoolClient, tables: readonly string[], shadow: string, live: string): Promise<void> {
  await client.query('BEGIN');
  try {
    // Sorting a million keys in memory instead of on disk; local to this transaction.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const table of tables) {
      if ((await indexCount(client, shadow, table)) > 0) continue;
      const target = `${quote(shadow)}.${quote(table)}`;
      for (const index of await liveIndexesOf(client, live, table)) {
        if (index.constraintDefinition !== null) {
          await client.query(`ALTER TABLE ${target} ADD CONSTRAINT ${quote(index.name)} ${index.constraintDefinition}`);
        } else {
          const shape = index.indexDefinition.replace(/^CREATE (UNIQUE )?INDEX \S+ ON \S+ /, '');
          const unique = /^CREATE UNIQUE /.test(index.indexDefinition) ? 'UNIQUE ' : '';
          await client.query(`CREATE ${unique}INDEX ${quote(index.name)} ON ${target} ${shape}`);
        }
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
