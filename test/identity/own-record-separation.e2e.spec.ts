import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { workbook } from '../imports/spreadsheets';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

/**
 * Separation of duties on the registry: a staff member who is also a cadre (`person_id` in the
 * token) writes nothing about themself, by any route, as they take no step of a case about them.
 * Before, only the case runners refused; a clerk gave herself a director's post with no case.
 */
describe('separation.subject: nobody writes their own personnel record', () => {
  let t: TestApp;
  let staff: Record<string, string>;
  let self: Record<string, string>;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  // The streams a write about these people could reach: their records and case slots, the posts'
  // and planning pools' seats, reviews, batches, imports. Not the whole store, where sagas write.
  const eventCount = (personIds: string[]) =>
    streamEventCount(t.db.pool, [
      'postseat-%',
      'planningseat-%',
      'planningreview-%',
      'transferbatch-%',
      'import-%',
      ...personIds.flatMap((id) => [`cadre-${id}`, `caseslot-%/${id}/%`]),
    ]);
  const refusedAsSubject = (body: Record<string, unknown>, field: string) =>
    expect(body).toMatchObject({ statusCode: 403, rule: 'separation.subject', field });

  beforeAll(async () => {
    t = await startTestApp('own_record_separation');
    staff = { Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-town')}` };
    // Bình is on the unit's staff and on its leadership, and a cadre on its registry.
    self = {
      Authorization: `Bearer ${t.token('u-binh', ['organization_staff', 'leadership'], 'ou-town', 'p-binh')}`,
    };
    const deputy = { positionId: 'pos-deputy', from: addDays(today, -1500), termEnd: null };
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-head', rank: 5 },
        { id: 'pos-director', rank: 4 },
      ],
      people: [
        { id: 'p-binh', posts: [deputy], pool: ['pos-head'] },
        { id: 'p-an', posts: [deputy], pool: ['pos-head'] },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every write of `/cadres/:id/*`, with a body the route takes for another person. */
  const writes: { method: 'post' | 'delete'; path: string; body?: Record<string, unknown> }[] = [
    {
      method: 'post',
      path: 'posts',
      body: { positionId: 'pos-director', from: today, termEnd: null, decisionRef: '999/QĐ-UBND' },
    },
    {
      method: 'post',
      path: 'planning-pool',
      body: { positionId: 'pos-director', term: '2025-2030', decisionRef: '1-QĐ/TU' },
    },
    {
      method: 'delete',
      path: 'planning-pool/pos-head?decisionRef=2-QĐ%2FTU&reason=r%C3%BAt',
    },
    { method: 'post', path: 'statuses', body: { status: 'abroad', from: today, note: 'công tác' } },
    { method: 'post', path: 'place-of-origin', body: { province: 'Hà Nội', locality: 'Sơn Tây' } },
    {
      method: 'post',
      path: 'management-tier',
      body: { tier: 'district_standing_committee', from: today, decisionRef: '3-QĐ/TU' },
    },
    {
      method: 'post',
      path: 'civil-service-rank',
      body: { code: '01.002', title: 'Chuyên viên chính', from: today, decisionRef: '4-QĐ' },
    },
    {
      method: 'post',
      path: 'ratings',
      body: { year: 2025, rating: 'excellent', evaluatedOn: today, decisionRef: '5-QĐ' },
    },
  ];

  it('refuses every write to her own record (posts, planning pool, statuses, profile, ratings) and writes nothing', async () => {
    for (const write of writes) {
      const before = await eventCount(['p-binh']);
      const own = await http()
        [write.method](`/cadres/p-binh/${write.path}`)
        .set(self)
        .send(write.body);
      expect({ path: write.path, status: own.status }).toEqual({ path: write.path, status: 403 });
      refusedAsSubject(own.body, 'id');
      expect(own.body.message).toMatch(/you are the subject of this record \(p-binh\)/);
      expect(await eventCount(['p-binh'])).toBe(before);
      // The same write about a colleague is hers to make.
      const colleague = await http()
        [write.method](`/cadres/p-an/${write.path}`)
        .set(self)
        .send(write.body);
      expect({ path: write.path, status: colleague.status }).toEqual({
        path: write.path,
        status: write.method === 'delete' ? 200 : 201,
      });
    }
    const record = (await http().get('/cadres/p-binh').set(staff).expect(200)).body;
    expect(record.posts.map((post: { positionId: string }) => post.positionId)).toEqual([
      'pos-deputy',
    ]);
    expect(record.planningPool.map((entry: { positionId: string }) => entry.positionId)).toEqual([
      'pos-head',
    ]);
    // Registering again under her own id is refused by the same rule.
    const again = await http().post('/cadres').set(self).send({
      id: 'p-binh',
      fullName: 'Trần Thị Bình',
      dateOfBirth: '1982-05-05',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'Thạc sĩ',
      politicalTheoryLevel: 'Cao cấp',
      orgUnitId: 'ou-town',
    });
    refusedAsSubject(again.body, 'id');
  });

  it('refuses a token whose person_id is not one id (a list, a number, empty): no writing to her own record through it', async () => {
    const before = await eventCount(['p-binh']);
    for (const personId of [['p-binh'], 123, '', { id: 'p-binh' }]) {
      const token = jwt.sign(
        { roles: ['organization_staff'], org_unit: 'ou-town', person_id: personId },
        TEST_JWT_SECRET,
        { algorithm: 'HS256', subject: 'u-binh', expiresIn: 300 },
      );
      const refused = await http()
        .post('/cadres/p-binh/ratings')
        .set({ Authorization: `Bearer ${token}` })
        .send({ year: 2024, rating: 'excellent', evaluatedOn: today, decisionRef: '5-QĐ' })
        .expect(401);
      expect(JSON.stringify(refused.body)).toContain('person_id');
    }
    expect(await eventCount(['p-binh'])).toBe(before);
  });

  it('refuses a planning review that adds or removes her, naming the entry', async () => {
    const review = (changes: Record<string, unknown>) =>
      http()
        .post('/planning-reviews')
        .set(self)
        .send({
          id: `rv-${Object.keys(changes)[0]}`,
          orgUnitId: 'ou-town',
          term: '2025-2030',
          reviewedOn: today,
          decisionRef: '9-QĐ/TU',
          added: [],
          removed: [],
          ...changes,
        });
    const before = await eventCount(['p-an', 'p-binh']);
    const added = await review({
      added: [
        { personId: 'p-an', positionId: 'pos-director' },
        { personId: 'p-binh', positionId: 'pos-director' },
      ],
    });
    refusedAsSubject(added.body, 'added[1].personId');
    const removed = await review({
      removed: [{ personId: 'p-binh', positionId: 'pos-head', reason: 'không còn đủ tiêu chuẩn' }],
    });
    refusedAsSubject(removed.body, 'removed[0].personId');
    expect(await eventCount(['p-an', 'p-binh'])).toBe(before);
  });

  it('refuses a transfer batch with an entry moving her, the dry run too', async () => {
    const entry = (personId: string) => ({
      personId,
      currentPositionId: 'pos-deputy',
      positionId: 'pos-director',
      orgUnitId: 'ou-town',
      reason: 'Sắp xếp tổ chức bộ máy',
    });
    const body = { id: 'tb-self', entries: [entry('p-an'), entry('p-binh')] };
    const before = await eventCount(['p-an', 'p-binh']);
    const check = await http().post('/transfer-batches/check').set(self).send(body);
    refusedAsSubject(check.body, 'entries[1].personId');
    const open = await http().post('/transfer-batches').set(self).send(body);
    refusedAsSubject(open.body, 'entries[1].personId');
    expect(await eventCount(['p-an', 'p-binh'])).toBe(before);
  });

  it('refuses an import with rows about her, naming each row, the dry run too', async () => {
    const file = await workbook({
      planning: [
        {
          'Mã cán bộ': 'p-an',
          'Mã chức vụ': 'pos-director',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '88-QĐ/TU',
        },
        {
          'Mã cán bộ': 'p-binh',
          'Mã chức vụ': 'pos-director',
          'Nhiệm kỳ quy hoạch': '2025-2030',
          'Số quyết định': '88-QĐ/TU',
        },
      ],
    });
    const before = await eventCount(['p-an', 'p-binh']);
    for (const dryRun of [true, false]) {
      const refused = await http()
        .post(`/imports${dryRun ? '?dryRun=true' : ''}`)
        .set(self)
        .attach('file', file, 'quy-hoach.xlsx');
      refusedAsSubject(refused.body, 'file');
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          sheet: 'Quy hoạch',
          line: 3,
          column: 'Mã cán bộ',
          rule: 'separation.subject',
        }),
      ]);
    }
    expect(await eventCount(['p-an', 'p-binh'])).toBe(before);
  });

  it('refuses opening a case or a discipline case about herself', async () => {
    const opening = await http().post('/cases').set(self).send({
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-binh',
      positionId: 'pos-head',
      orgUnitId: 'ou-town',
      summary: 'tự bổ nhiệm',
    });
    expect(opening.body).toMatchObject({ statusCode: 403, rule: 'separation.subject' });
    const discipline = await http()
      .post('/discipline-cases')
      .set(self)
      .send({
        definition: 'discipline.party',
        personId: 'p-binh',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -10),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      });
    expect(discipline.body).toMatchObject({ statusCode: 403, rule: 'separation.subject' });
  });
});
