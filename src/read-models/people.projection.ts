import { Projection } from '../projections/projection';

/** Lower case without Vietnamese diacritics ("Nguyễn Văn An" → "nguyen van an"), for search as typed. */
export function searchName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim();
}

/** People by name and unit, from `PersonRegistered` on the `cadre-<id>` streams. */
export const peopleProjection: Projection = {
  name: 'people',
  version: 1,
  tables: ['people'],
  async handle(event, tx, { sequence }) {
    if (!event.streamId.startsWith('cadre-') || event.type !== 'PersonRegistered') return;
    const data = event.data as {
      personId: string;
      fullName: string;
      dateOfBirth?: string;
      orgUnitId: string;
    };
    await tx.query(
      `INSERT INTO people (person_id, full_name, date_of_birth, org_unit_id, search_name, updated_sequence)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (person_id) DO UPDATE SET full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
         org_unit_id = EXCLUDED.org_unit_id, search_name = EXCLUDED.search_name, updated_sequence = EXCLUDED.updated_sequence`,
      [
        data.personId,
        data.fullName,
        data.dateOfBirth ?? null,
        data.orgUnitId,
        searchName(data.fullName),
        sequence,
      ],
    );
  },
};
