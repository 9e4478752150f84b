import { PoolClient } from 'pg';
import { quoteIdentifier as quote } from '../database/quote-identifier';
import { indexesOf } from './table-indexes';

/**
 * Inside the caller's transaction: drops each live table and moves its rebuilt twin in from the
 * shadow schema. `LIKE … INCLUDING ALL` gave the twin's indexes generated names; they get the
 * migration's names back so later migrations can still refer to them.
 */
export async function swapTablesIn(
  tx: PoolClient,
  tables: readonly string[],
  shadow: string,
  live: string,
): Promise<void> {
  for (const table of tables) {
    const original = await indexesOf(tx, live, table);
    await tx.query(`DROP TABLE ${quote(live)}.${quote(table)}`);
    await tx.query(`ALTER TABLE ${quote(shadow)}.${quote(table)} SET SCHEMA ${quote(live)}`);
    const moved = await indexesOf(tx, live, table);
    const unclaimed = [...original];
    const renames: { from: string; to: string }[] = [];
    for (const index of moved) {
      // The same index: same uniqueness and the same definition apart from name and table.
      const twin = unclaimed.findIndex(
        (candidate) => candidate.unique === index.unique && candidate.body === index.body,
      );
      if (twin < 0) continue;
      const [{ name }] = unclaimed.splice(twin, 1);
      if (name !== index.name) renames.push({ from: index.name, to: name });
    }
    // Two steps, so a generated name that happens to be another index's original cannot collide.
    for (const [i, rename] of renames.entries()) {
      await tx.query(
        `ALTER INDEX ${quote(live)}.${quote(rename.from)} RENAME TO ${quote(`cf_swap_${i}`)}`,
      );
    }
    for (const [i, rename] of renames.entries()) {
      await tx.query(
        `ALTER INDEX ${quote(live)}.${quote(`cf_swap_${i}`)} RENAME TO ${quote(rename.to)}`,
      );
    }
  }
}
