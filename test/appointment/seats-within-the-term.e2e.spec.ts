import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The seat checks of a case's opening, its decision and a transfer batch weigh the whole period
 * the new hold would cover, as the registry's record does: a successor recorded from a later day
 * within it holds the seat from then (before: only the opening's or the effective day was judged,
 * and the post got two holders from the successor's first day). A decision placing a holder
 * claims the seat on the post's seat stream, so a record sent at the same time cannot take it too.
 */
describe('a post’s seats over the term a case would give', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const daysAfterToday = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const later = daysAfterToday(40);
  const http = () => request(t.server as never);

  beforeAll(async () => {
    t = await startTestApp('seats_within_term', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    const deputy = { positionId: 'pos-deputy', from: '2020-01-02', termEnd: null };
    // The people each case nominates are planned for its post.
    const pooled: Record<string, string[]> = {
      'p-an': ['pos-head'],
      'p-binh': ['pos-decided'],
      'p-cuong': ['pos-decided'],
      'p-em': ['pos-race'],
      'p-dung': ['pos-race'],
    };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-deputy', rank: 4 },
        ...['pos-head', 'pos-decided', 'pos-race'].map((id) => ({ id, rank: 5, seats: 1 })),
        { id: 'pos-vice', rank: 5, seats: 2 },
      ],
      people: ['p-an', 'p-binh', 'p-cuong', 'p-dung', 'p-em', 'p-giang'].map((id) => ({
        id,
        posts: [deputy],
        pool: pooled[id] ?? [],
      })),
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const record = (personId: string, positionId: string, from: string) =>
    http()
      .post(`/cadres/${personId}/posts`)
      .set(h.staff)
      .send({ positionId, from, termEnd: null, decisionRef: `QĐ-${personId}` });
  const open = (caseId: string, personId: string, positionId: string, procedure = 'appointment') =>
    http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure,
        definition: procedure === 'appointment' ? 'appointment.internal' : 'rotation.standard',
        personId,
        positionId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      });
  const tally = {
    members: 13,
    summoned: 13,
    present: 13,
    for: 10,
    against: 3,
    abstain: 0,
    invalid: 0,
  };
  const nomination = (first: string, second: string) => ({
    minutesRef: 'BB-N',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: first, votes: 17 },
      { personId: second, votes: 7 },
    ],
  });
  const vetting = {
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  /** Every step of an internal appointment up to the decision. */
  const stepsBeforeDecision = async (caseId: string, personId: string, other: string) => {
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { minutesRef: 'BB-1', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination(personId, other)],
      ['leadership-round-2', 'secretary', { minutesRef: 'BB-2', tally }],
      ['key-officials-nomination', 'secretary', nomination(personId, other)],
      ['leadership-round-3', 'secretary', { minutesRef: 'BB-3', tally }],
      ['vetting', 'staff', vetting],
    ];
    for (const [step, who, body] of steps)
      await http()
        .post(`/cases/${caseId}/steps/${step}`)
        .set(h[who])
        .send({ heldOn: today, ...body })
        .expect(200);
  };
  const decide = (caseId: string) =>
    http()
      .post(`/cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({ heldOn: today, number: `QĐ-${caseId}`, signer: 'Bí thư', effectiveFrom: today });

  it('refuses an appointment’s and a rotation’s opening when a successor holds the seat from a later day', async () => {
    await record('p-giang', 'pos-head', later).expect(201);
    for (const procedure of ['appointment', 'rotation']) {
      // Before: 201, the post being free on the day the case opens.
      const opened = await open(`c-open-${procedure}`, 'p-an', 'pos-head', procedure).expect(422);
      expect(opened.body).toMatchObject({ rule: 'post.held_by_another', field: 'positionId' });
      expect(opened.body.message).toContain(
        `pos-head (pos-head) is held on ${later} by 1 of 1 seat: Người p-giang (p-giang) from ${later}`,
      );
    }
  });

  it('refuses a decision whose term reaches a successor recorded from a later day', async () => {
    await open('c-decided', 'p-binh', 'pos-decided').expect(201);
    await stepsBeforeDecision('c-decided', 'p-binh', 'p-cuong');
    // Recorded while the case runs: free until `later`, then p-giang's.
    await record('p-giang', 'pos-decided', later).expect(201);
    // Before: 200, the seat being free on the effective day; the post had two heads from `later`.
    const refused = await decide('c-decided').expect(422);
    expect(refused.body).toMatchObject({ rule: 'post.held_by_another', field: 'effectiveFrom' });
    expect(refused.body.message).toContain(
      `effectiveFrom: pos-decided (pos-decided) is held on ${later} by 1 of 1 seat: Người p-giang (p-giang) from ${later}`,
    );
    const kept = await http().get('/cases/c-decided').set(h.staff).expect(200);
    expect(kept.body.status).not.toBe('decided');
  });

  it('refuses a batch’s second entry into a two-seat post a successor takes one seat of from a later day', async () => {
    await record('p-giang', 'pos-vice', later).expect(201);
    const entry = (personId: string) => ({
      personId,
      currentPositionId: 'pos-deputy',
      positionId: 'pos-vice',
      orgUnitId: 'ou-town',
      reason: 'Sắp xếp tổ chức bộ máy',
    });
    // Before: valid, both seats free on the day of the batch.
    const checked = await http()
      .post('/transfer-batches/check')
      .set(h.staff)
      .send({ entries: [entry('p-cuong'), entry('p-dung')] })
      .expect(200);
    expect(checked.body).toMatchObject({ valid: false });
    expect(checked.body.errors).toEqual([
      expect.objectContaining({ index: 1, rule: 'post.held_by_another' }),
    ]);
    expect(checked.body.errors[0].message).toContain('entry 0 already moves someone into it');
  });

  it('lets one of a decision and a record sent at once take a one-seat post’s last seat', async () => {
    await open('c-race', 'p-em', 'pos-race').expect(201);
    await stepsBeforeDecision('c-race', 'p-em', 'p-dung');
    const [decided, recorded] = await Promise.all([
      decide('c-race'),
      record('p-dung', 'pos-race', today),
    ]);
    // Before: 200 and 201, two heads of the post.
    const won = [decided.status === 200, recorded.status === 201];
    expect(won.filter(Boolean)).toHaveLength(1);
    const refused = won[0] ? recorded : decided;
    expect(refused.body).toMatchObject({ rule: 'post.held_by_another' });
  });
});
