import request from 'supertest';
import {
  buildPostAppointmentTown,
  eventually,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Ballot secrecy on a person's page: an unannounced nomination's `selected` is withheld from its
 * candidates and from the roles its rule does not name, and the page's `nominatedIn` must not tell
 * them either. Before, the winner's page listed the case and the runner-up's did not, to a
 * candidate's token and to an auditor alike, while the case view read `nominees: null`.
 */
describe("a nominee's record keeps an unannounced nomination's result secret", () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const nominatedIn = async (who: string, personId: string) =>
    (
      (await http().get(`/cadres/${personId}`).set(h[who]).expect(200)).body as {
        nominatedIn: { caseId: string }[];
      }
    ).nominatedIn.map((open) => open.caseId);

  beforeAll(async () => {
    t = await startTestApp('nomination_secrecy_on_record', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      auditor: ['auditor'],
    });
    // A staff member who is the runner-up, and one who is the winner (their own token).
    const as = (user: string, personId: string) => ({
      Authorization: `Bearer ${t.token(user, ['organization_staff'], 'ou-town', personId)}`,
    });
    h.loser = as('u-binh', 'p-binh');
    h.winner = as('u-an', 'p-an');
    await buildPostAppointmentTown(t, h.staff, today);
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-secret',
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId: 'pos-head-1',
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await http()
      .post('/cases/c-secret/steps/leadership-round-1')
      .set(h.staff)
      .send(round1)
      .expect(200);
    await http()
      .post('/cases/c-secret/steps/expanded-nomination')
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'BB-2',
        members: 25,
        summoned: 25,
        present: 24,
        invalid: 0,
        candidates: [
          { personId: 'p-an', votes: 16 },
          { personId: 'p-binh', votes: 7 },
        ],
      })
      .expect(200);
    // The case list follows the case a moment behind: staff (whom the ballot names) see it.
    await eventually(
      () => nominatedIn('staff', 'p-an'),
      (ids) => ids.length > 0,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('staff and leadership, whom the ballot names, see who stands', async () => {
    for (const who of ['staff', 'leader']) {
      expect(await nominatedIn(who, 'p-an')).toEqual(['c-secret']);
      expect(await nominatedIn(who, 'p-binh')).toEqual([]);
    }
  });

  it('a candidate and an auditor read the winner and the runner-up alike', async () => {
    for (const who of ['loser', 'winner', 'auditor']) {
      const view = await http().get('/cases/c-secret').set(h[who]).expect(200);
      expect(view.body.nominees).toBeNull();
      expect(await nominatedIn(who, 'p-an')).toEqual([]);
      expect(await nominatedIn(who, 'p-binh')).toEqual([]);
    }
  });
});
