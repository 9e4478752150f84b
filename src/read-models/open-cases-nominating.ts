import { Pool } from 'pg';
import { OpenCaseOnRecord } from '../cadres/person/person.state';

/**
 * The open cases for a post in which the person stands as a nominee (chosen at the final ballot
 * too), from the case list's standing nominees (`case_summaries.nominees`, kept since its version
 * 5): the record notes only the cases opened for the person, so a nominee's page said no case was
 * under way. Since: the day the case opened. The list follows the cases a moment behind, as the
 * inbox does.
 */
export async function openCasesNominating(
  pool: Pool,
  personId: string,
): Promise<OpenCaseOnRecord[]> {
  const { rows } = await pool.query<{ case_id: string; procedure: string; opened_on: string }>(
    `SELECT case_id, procedure, to_char(opened_on, 'YYYY-MM-DD') AS opened_on
       FROM case_summaries
      WHERE status = 'open' AND $1 = ANY (nominees) AND person_id IS DISTINCT FROM $1
      ORDER BY opened_on, case_id`,
    [personId],
  );
  return rows.map((row) => ({
    caseId: row.case_id,
    procedure: row.procedure,
    stage: null,
    since: row.opened_on,
  }));
}
