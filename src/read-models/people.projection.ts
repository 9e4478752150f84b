import { RecordedEvent } from '../event-store/event-envelope';
import { Projection, ProjectedEvent, ProjectionTx } from '../projections/projection';
import { applyInRuns, lastOfEachKey } from './runs-of-events';

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

type Data = Record<string, unknown>;

/** The column each profile event sets, and the values from its data. */
const PROFILE_UPDATES: Record<string, { set: string; values: (data: Data) => unknown[] }> = {
  PlaceOfOriginRecorded: {
    set: 'origin_province = $2, origin_locality = $3',
    values: (d) => [d.province, d.locality],
  },
  ManagementTierRecorded: { set: 'management_tier = $2', values: (d) => [d.tier] },
  CivilServiceRankRecorded: {
    set: 'civil_service_rank = $2, civil_service_rank_title = $3',
    values: (d) => [d.code, d.title],
  },
  // The unit managing the record: a decision moving the person into another unit's post moves it.
  RegistrationMoved: { set: 'org_unit_id = $2', values: (d) => [d.orgUnitId] },
  // The latest year rated (a corrected year replaces its rating; an older year changes nothing).
  AnnualRatingRecorded: {
    set: 'latest_rating_year = $2, latest_rating = $3',
    values: (d) => [d.year, d.rating],
  },
};

/** Registrations, their moves and the profile facts above, on the person's own stream. */
const handles = (event: RecordedEvent): boolean =>
  event.streamId.startsWith('cadre-') &&
  (event.type === 'PersonRegistered' || Object.hasOwn(PROFILE_UPDATES, event.type));

/** People by name and unit, with the profile facts the register and reports read, from the `cadre-<id>` streams. */
export const peopleProjection: Projection = {
  name: 'people',
  // 2: gender, place of origin, management tier, civil-service rank, latest rating.
  // 3: the unit follows the registration's moves (RegistrationMoved).
  version: 3,
  tables: ['people'],
  handles,
  handleBatch: (events, tx) =>
    applyInRuns(
      events,
      handles,
      (event) => event.type === 'PersonRegistered',
      (run) => upsertRegistrations(run, tx),
      ({ event, sequence }) => peopleProjection.handle(event, tx, { sequence }),
    ),
  async handle(event, tx, { sequence }) {
    if (!handles(event)) return;
    const update = Object.hasOwn(PROFILE_UPDATES, event.type) ? PROFILE_UPDATES[event.type] : null;
    if (update) {
      const data = event.data as Data;
      const olderYear =
        event.type === 'AnnualRatingRecorded'
          ? ' AND (latest_rating_year IS NULL OR latest_rating_year <= $2)'
          : '';
      await tx.query(
        `UPDATE people SET ${update.set}, updated_sequence = $${update.values(data).length + 2} WHERE person_id = $1${olderYear}`,
        [data.personId, ...update.values(data), sequence],
      );
      return;
    }
    if (event.type === 'PersonRegistered') await upsertRegistrations([{ event, sequence }], tx);
  },
};

interface Registration {
  personId: string;
  fullName: string;
  dateOfBirth?: string;
  gender?: string;
  orgUnitId: string;
}

/** One upsert for a run of registrations (a person registered again takes the later data). */
async function upsertRegistrations(
  run: readonly ProjectedEvent[],
  tx: ProjectionTx,
): Promise<void> {
  const rows = lastOfEachKey(run, (event) => (event.data as unknown as Registration).personId);
  const column = <T>(pick: (data: Registration, sequence: number) => T) =>
    rows.map(({ event, sequence }) => pick(event.data as unknown as Registration, sequence));
  await tx.query(
    `INSERT INTO people (person_id, full_name, date_of_birth, gender, org_unit_id, search_name, updated_sequence)
     SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::bigint[])
     ON CONFLICT (person_id) DO UPDATE SET full_name = EXCLUDED.full_name, date_of_birth = EXCLUDED.date_of_birth,
       gender = EXCLUDED.gender, org_unit_id = EXCLUDED.org_unit_id, search_name = EXCLUDED.search_name,
       updated_sequence = EXCLUDED.updated_sequence`,
    [
      column((data) => data.personId),
      column((data) => data.fullName),
      column((data) => data.dateOfBirth ?? null),
      column((data) => data.gender ?? null),
      column((data) => data.orgUnitId),
      column((data) => searchName(data.fullName)),
      column((_, sequence) => sequence),
    ],
  );
}
