import { PoolClient } from 'pg';
import { quoteIdentifier } from '../database/quote-identifier';
import { indexesOf } from './table-indexes';

/**
 * Gives each shadow table the indexes and key constraints of its live twin, under the live
 * names (the schemas differ, so they cannot clash, and the swap has nothing to rename). One
 * transaction: a crash leaves the shadow with all of them or none, and a resumed rebuild that
 * finds them already built skips this.
 */
export async function buildShadowIndexes(
  client: PoolClient,
  tables: readonly string[],
  shadow: string,
  live: string,
): Promise<void> {
  await client.query('BEGIN');
  try {
    // Sorting a million keys in memory instead of on disk; local to this transaction.
    await client.query("SET LOCAL maintenance_work_mem = '256MB'");
    for (const table of tables) {
      if ((await indexesOf(client, shadow, table)).length > 0) continue;
      const target = `${quoteIdentifier(shadow)}.${quoteIdentifier(table)}`;
      for (const index of await indexesOf(client, live, table)) {
        if (index.constraintDefinition !== null) {
          await client.query(
            `ALTER TABLE ${target} ADD CONSTRAINT ${quoteIdentifier(index.name)} ${index.constraintDefinition}`,
          );
        } else {
          await client.query(
            `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${quoteIdentifier(index.name)} ON ${target} ${index.body}`,
          );
        }
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
