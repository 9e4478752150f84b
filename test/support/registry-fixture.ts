import request from 'supertest';
import { TestApp } from './test-app';

/** Builds a small registry through the API: one town, its posts, people with posts and pool entries. */
export async function buildRegistry(
  t: TestApp,
  staff: Record<string, string>,
  spec: {
    /** A territory the town belongs to (created first, the town under it). */
    within?: { id: string; name: string; kind: string };
    /** Units under the town (a post held in one of them may be rotated from to the town's). */
    units?: { id: string; name: string; kind: string }[];
    /** Posts of the town, or of one of `units` (`orgUnitId`); the town appoints to each. */
    positions: { id: string; rank: number; seats?: number; orgUnitId?: string }[];
    people: {
      id: string;
      dateOfBirth?: string;
      gender?: 'male' | 'female';
      posts?: { positionId: string; from: string; termEnd: string | null }[];
      pool?: string[];
      /**
       * Every year from the first post's start to last year rated "completed" on the record, as
       * a re-appointment's vetting asks (a year of the term without a rating is flagged).
       */
      termRated?: boolean;
    }[];
  },
): Promise<void> {
  const http = () => request(t.server as never);
  // A top-level unit is created by an admin only.
  const top = spec.within?.id ?? 'ou-town';
  const admin = { Authorization: `Bearer ${t.token('u-admin', ['admin'], top)}` };
  if (spec.within) await http().post('/org-units').set(admin).send(spec.within).expect(201);
  await http()
    .post('/org-units')
    .set(admin)
    .send({
      id: 'ou-town',
      name: 'Thị xã Demo',
      kind: 'town',
      ...(spec.within ? { parentId: spec.within.id } : {}),
    })
    .expect(201);
  for (const unit of spec.units ?? [])
    await http()
      .post('/org-units')
      .set(admin)
      .send({ ...unit, parentId: 'ou-town' })
      .expect(201);
  for (const position of spec.positions) {
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: position.id,
        title: position.id,
        orgUnitId: position.orgUnitId ?? 'ou-town',
        appointingAuthority: 'ou-town',
        rank: position.rank,
        ...(position.seats === undefined ? {} : { seats: position.seats }),
      })
      .expect(201);
  }
  for (const person of spec.people) {
    await http()
      .post('/cadres')
      .set(staff)
      .send({
        id: person.id,
        fullName: `Người ${person.id}`,
        dateOfBirth: person.dateOfBirth ?? '1982-05-05',
        gender: person.gender ?? 'female',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-town',
      })
      .expect(201);
    if (person.termRated) await rateEveryYearCompleted(t, staff, person.id, person.posts ?? []);
    for (const post of person.posts ?? []) {
      await http()
        .post(`/cadres/${person.id}/posts`)
        .set(staff)
        .send({ ...post, decisionRef: '1-QĐ' })
        .expect(201);
    }
    for (const positionId of person.pool ?? []) {
      await http()
        .post(`/cadres/${person.id}/planning-pool`)
        .set(staff)
        .send({ positionId, term: '2025-2030', decisionRef: '112-QĐ/TU' })
        .expect(201);
    }
  }
}

/** "completed" for each year from the earliest post's start up to last year. */
export async function rateEveryYearCompleted(
  t: TestApp,
  staff: Record<string, string>,
  personId: string,
  posts: { from: string }[],
): Promise<void> {
  const first = Math.min(...posts.map((post) => Number(post.from.slice(0, 4))));
  for (let year = first; year < Number(vietnamToday().slice(0, 4)); year++)
    await request(t.server as never)
      .post(`/cadres/${personId}/ratings`)
      .set(staff)
      .send({ year, rating: 'completed', evaluatedOn: `${year}-12-20`, decisionRef: `XL-${year}` })
      .expect(201);
}

export const vietnamToday = (): string =>
  new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Reads until `done` holds or about five seconds have passed (a projection or saga catching up). */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** Bearer headers of the users `u-<who>`, each with its roles, in the town built above. */
export function townHeaders(
  t: TestApp,
  roles: Record<string, string[]>,
): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(roles).map(([who, granted]) => [
      who,
      { Authorization: `Bearer ${t.token(`u-${who}`, granted, 'ou-town')}` },
    ]),
  );
}

/**
 * The town of the appointment-to-a-post tests: a deputy post everyone has held for about four
 * years, five head posts of rank 5, and p-an, p-binh, p-cuong in the pool for pos-head-1 and
 * p-dung for pos-head-5 (an entry for one post of rank 5 qualifies for every post of that rank,
 * at most 3 a post).
 */
export async function buildPostAppointmentTown(
  t: TestApp,
  staff: Record<string, string>,
  today: string,
): Promise<void> {
  const deputy = { positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: null };
  const posts = ['pos-head-1', 'pos-head-2', 'pos-head-3', 'pos-head-4', 'pos-head-5'];
  await buildRegistry(t, staff, {
    positions: [{ id: 'pos-deputy', rank: 4 }, ...posts.map((id) => ({ id, rank: 5 }))],
    people: ['p-an', 'p-binh', 'p-cuong', 'p-dung'].map((id) => ({
      id,
      posts: [deputy],
      pool: [id === 'p-dung' ? 'pos-head-5' : 'pos-head-1'],
    })),
  });
}
