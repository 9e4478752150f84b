import request from 'supertest';
import { csv } from '../imports/spreadsheets';
import { addDays, buildRegistry, eventually, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * An expulsion (khai trừ) ends Party membership on the record, with its day and decision; a later
 * Party discipline is then refused (discipline.not_party_member), and an annulment of the
 * expulsion gives the membership back. Before, the record kept partyMember: true after an
 * expulsion and a new Party case for the expelled person was opened.
 */
describe('an expulsion ends the Party membership on the record', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const as = (who: string) => headers[who];
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const record = (personId: string) =>
    http().get(`/cadres/${personId}`).set(as('staff')).expect(200);
  const open = (id: string, personId: string, definition: string) =>
    http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id,
        definition,
        personId,
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý tài chính',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -20),
          description: 'Chi sai quy định',
          source: 'inspection',
          severity: 'reprimand',
        },
      });
  const events = async (personId: string, type: string) =>
    (
      await t.db.pool.query<{ data: Record<string, unknown> }>(
        'SELECT data FROM events WHERE stream_id = $1 AND type = $2 ORDER BY revision',
        [`cadre-${personId}`, `${type}.v1`],
      )
    ).rows.map((r) => r.data);

  beforeAll(async () => {
    t = await startTestApp('party_expulsion_membership', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    }))
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, as('staff'), {
      positions: [],
      people: [{ id: 'p-ly-thi-nga' }, { id: 'p-holder' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an imported expulsion ends the membership; a new Party case is refused, the civil-service one opens; the file again is no problem', async () => {
    const file = csv('discipline', [
      {
        'Mã cán bộ': 'p-ly-thi-nga',
        Khối: 'Đảng',
        'Hình thức': 'Khai trừ',
        'Ngày quyết định': '01/06/2026',
        'Số quyết định': '21-QĐ/UBKT',
        'Loại vi phạm': 'budget',
      },
    ]);
    await http().post('/imports').set(as('staff')).attach('file', file, 'ky-luat.csv').expect(200);
    const nga = (await record('p-ly-thi-nga')).body;
    // Before: partyMember stayed true.
    expect(nga.partyMember).toBe(false);
    expect(nga.partyMembershipEnded).toMatchObject({
      on: '2026-06-01',
      decisionRef: expect.stringContaining('21-QĐ/UBKT'),
    });
    expect(nga.partyMembershipEnded.caseId).toBe(nga.discipline[0].caseId);
    expect(await events('p-ly-thi-nga', 'PartyMembershipEnded')).toHaveLength(1);

    // Before: 201, a Party case for a person the Party had expelled.
    const refused = await open('d-nga-2', 'p-ly-thi-nga', 'discipline.party').expect(422);
    expect(refused.body).toMatchObject({ rule: 'discipline.not_party_member', field: 'personId' });
    await open('d-nga-2', 'p-ly-thi-nga', 'discipline.civil-service').expect(201);

    const again = await http()
      .post('/imports?dryRun=true')
      .set(as('staff'))
      .attach('file', file, 'ky-luat.csv')
      .expect(200);
    expect(again.body.errors ?? []).toEqual([]);
  });

  it('a Party case deciding expulsion ends the membership; a complaint review annulling it gives it back', async () => {
    await open('d-review', 'p-holder', 'discipline.party').expect(201);
    const meeting = (stepId: string, who: string, extra: Record<string, unknown> = {}) =>
      http()
        .post(`/discipline-cases/d-review/steps/${stepId}`)
        .set(as(who))
        .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra })
        .expect(200);
    await meeting('verification', 'inspector', { violationConfirmed: true });
    await meeting('self-criticism', 'staff');
    await meeting('review', 'inspector');
    await http()
      .post('/discipline-cases/d-review/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB-KP',
        tally: {
          members: 13,
          summoned: 13,
          present: 13,
          invalid: 0,
          noDiscipline: 4,
          votesByForm: { expulsion: 9 },
        },
        expulsionProposal: { cellMembers: 10, for: 8 },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-review/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'expulsion',
        effectiveFrom: today,
      })
      .expect(200);
    const expelled = await eventually(
      () => record('p-holder'),
      (r) => r.body.partyMember === false,
    );
    expect(expelled.body.partyMembershipEnded).toMatchObject({
      on: today,
      caseId: 'd-review',
      decisionRef: expect.stringContaining('45-QĐ/UBKT'),
    });
    expect((await open('d-holder-2', 'p-holder', 'discipline.party').expect(422)).body.rule).toBe(
      'discipline.not_party_member',
    );

    await http()
      .post('/discipline-cases/d-review/complaints')
      .set(as('staff'))
      .send({ filedOn: today, grounds: 'Không đủ căn cứ' })
      .expect(200);
    await http()
      .post('/discipline-cases/d-review/complaints/review')
      .set(as('leader'))
      .send({ heldOn: today, number: '11-QĐ/TU', outcome: 'annul', reason: 'Không đủ căn cứ' })
      .expect(200);
    const restored = await eventually(
      () => record('p-holder'),
      (r) => r.body.partyMember === true,
    );
    expect(restored.body.partyMembershipEnded).toBeNull();
    expect(restored.body.partyMembershipRestored).toMatchObject({
      on: today,
      caseId: 'd-review',
      decisionRef: expect.stringContaining('11-QĐ/TU'),
      endedBy: expect.stringContaining('45-QĐ/UBKT'),
    });
    expect(await events('p-holder', 'PartyMembershipRestored')).toEqual([
      expect.objectContaining({
        caseId: 'd-review',
        endedBy: expect.stringContaining('45-QĐ/UBKT'),
      }),
    ]);
    await open('d-holder-2', 'p-holder', 'discipline.party').expect(201);
  });
});
