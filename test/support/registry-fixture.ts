import request from 'supertest';
import { TestApp } from './test-app';

/** Builds a small registry through the API: one town, its posts, people with posts and pool entries. */
export async function buildRegistry(
  t: TestApp,
  staff: Record<string, string>,
  spec: {
    positions: { id: string; rank: number }[];
    people: {
      id: string;
      dateOfBirth?: string;
      gender?: 'male' | 'female';
      posts?: { positionId: string; from: string; termEnd: string | null }[];
      pool?: string[];
    }[];
  },
): Promise<void> {
  const http = () => request(t.server as never);
  // A top-level unit is created by an admin only.
  await http()
    .post('/org-units')
    .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-town')}` })
    .send({ id: 'ou-town', name: 'Thị xã Demo', kind: 'town' })
    .expect(201);
  for (const position of spec.positions) {
    await http()
      .post('/positions')
      .set(staff)
      .send({
        id: position.id,
        title: position.id,
        orgUnitId: 'ou-town',
        appointingAuthority: 'ou-town',
        rank: position.rank,
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

export const vietnamToday = (): string =>
  new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}
