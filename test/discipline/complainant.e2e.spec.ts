import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';
import { bearerIn, partyReprimand } from './support/party-reprimand';

/** A complaint as GET /discipline-cases/:id answers it. */
interface Complaint {
  filedOn: string;
  recordedBy: string;
  complainant: { personId: string | null; name: string | null };
}

/**
 * A complaint against a discipline decision names who complains, apart from the staff user who
 * recorded it. Before, the case kept only `recordedBy`, and the case page showed the recorder as
 * if they had complained.
 */
describe('a complaint against a discipline decision keeps its complainant', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const as = (who: string, role: string) => bearerIn(t)(who, role);
  const staff = () => as('staff', 'organization_staff');

  beforeAll(async () => {
    t = await startTestApp('discipline_complainant');
    await buildRegistry(t, staff(), {
      positions: [],
      // One each: one discipline per violation and track (discipline.violation_already_handled).
      people: [{ id: 'p-one' }, { id: 'p-two' }, { id: 'p-three' }],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const complaintsOf = async (caseId: string): Promise<Complaint[]> =>
    (await http().get(`/discipline-cases/${caseId}`).set(as('inspector', 'inspector')).expect(200))
      .body.complaints;

  it('by default the disciplined person complains; the staff user is kept as who recorded it', async () => {
    await partyReprimand(t, {
      caseId: 'd-own',
      personId: 'p-one',
      day: today,
      number: '1-QĐ/UBKT',
    });
    const filed = await http()
      .post('/discipline-cases/d-own/complaints')
      .set(staff())
      .send({ filedOn: today, grounds: 'Hình thức quá nặng' })
      .expect(200);
    const expected = {
      filedOn: today,
      recordedBy: 'u-staff',
      complainant: { personId: 'p-one', name: null },
    };
    expect(filed.body.complaints).toEqual([expect.objectContaining(expected)]);
    expect(await complaintsOf('d-own')).toEqual([expect.objectContaining(expected)]);
  });

  it('the complainant the deciding body names is kept as named', async () => {
    await partyReprimand(t, {
      caseId: 'd-named',
      personId: 'p-two',
      day: today,
      number: '2-QĐ/UBKT',
    });
    await http()
      .post('/discipline-cases/d-named/complaints')
      .set(staff())
      .send({ filedOn: today, grounds: 'Hình thức quá nặng', complainantName: '  Trần Thị Bình ' })
      .expect(200);
    expect(await complaintsOf('d-named')).toEqual([
      expect.objectContaining({
        recordedBy: 'u-staff',
        complainant: { personId: null, name: 'Trần Thị Bình' },
      }),
    ]);
  });

  it('a blank complainant is 400 naming the field, and no complaint is recorded', async () => {
    await partyReprimand(t, {
      caseId: 'd-blank',
      personId: 'p-three',
      day: today,
      number: '3-QĐ/UBKT',
    });
    const refused = await http()
      .post('/discipline-cases/d-blank/complaints')
      .set(staff())
      .send({ filedOn: today, grounds: 'Hình thức quá nặng', complainantName: '   ' })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('complainantName');
    expect(await complaintsOf('d-blank')).toEqual([]);
  });
});
