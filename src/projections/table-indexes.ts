import { PoolClient } from 'pg';

export interface TableIndex {
  name: string;
  /** `pg_get_indexdef`: the whole `CREATE [UNIQUE] INDEX name ON schema.table USING …`. */
  definition: string;
  /** `USING method (columns) [WHERE …]`: the definition without its name and table. */
  body: string;
  unique: boolean;
  /** Set when the index backs a PRIMARY KEY, UNIQUE or EXCLUDE constraint: `pg_get_constraintdef`. */
  constraintDefinition: string | null;
}

const NAME_AND_TABLE = /^CREATE (UNIQUE )?INDEX \S+ ON \S+ /;

/** The indexes of one table, by name. */
export async function indexesOf(
  tx: PoolClient,
  schema: string,
  table: string,
): Promise<TableIndex[]> {
  const { rows } = await tx.query<{ name: string; def: string; constraint_def: string | null }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def, pg_get_constraintdef(con.oid) AS constraint_def
       FROM pg_index i
       JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_constraint con ON con.conindid = i.indexrelid AND con.conrelid = t.oid
      WHERE n.nspname = $1 AND t.relname = $2
      ORDER BY c.relname`,
    [schema, table],
  );
  return rows.map((row) => {
    const unique = /^CREATE UNIQUE /.test(row.def);
    return {
      name: row.name,
      definition: row.def,
      body: row.def.replace(NAME_AND_TABLE, ''),
      unique,
      constraintDefinition: row.constraint_def,
    };
  });
}
