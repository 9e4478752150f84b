import { Client } from 'pg';
import { describeDatabase } from '../cli/cli-program';
import { DEFAULT_DATABASE_URL } from '../projections/cli-database';

export type OrgUnitCheck =
  | { kind: 'known'; database: string }
  | { kind: 'unknown'; database: string }
  | { kind: 'unchecked'; database: string; reason: string };

/**
 * Whether `--org-unit` is a unit in the registry of DATABASE_URL's database (the one the service
 * would check the token's scope against). Unreachable (or not migrated): unchecked, with why.
 */
export async function checkOrgUnit(
  orgUnit: string,
  databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
): Promise<OrgUnitCheck> {
  const database = describeDatabase(databaseUrl);
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query('SELECT 1 FROM org_units WHERE id = $1', [orgUnit]);
    return { kind: rows.length > 0 ? 'known' : 'unknown', database };
  } catch (error) {
    return { kind: 'unchecked', database, reason: (error as Error).message || String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}
