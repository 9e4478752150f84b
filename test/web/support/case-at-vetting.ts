import { vietnamToday } from '../../support/registry-fixture';
import { AN, DemoTown, ORGANIZATION_HEAD_POST } from './town-fixture';

/**
 * Lê Văn Cường: chair of a ward since 27/03/2026, in no planning pool; the final ballot chooses
 * him, and his record flags the planning pool (and the years in post until 2028).
 */
const CUONG = 'p-le-van-cuong';

/** The staff items of appointment.internal@3's vetting; the others are read from the record. */
const STAFF_ITEMS = [
  'background',
  'asset_declaration',
  'political_standards',
  'residence_party_cell_opinion',
  'health',
];

/**
 * The case opened for the post and taken through its ballots to the vetting: the final ballot
 * chooses Cường, the staff items are cleared, and his record flags the rest.
 */
export async function caseAtVetting(town: DemoTown, caseId: string) {
  const today = vietnamToday();
  const staff = town.bearer('staff-1', ['organization_staff']);
  const secretary = town.bearer('secretary-1', ['ballot_secretary']);
  await town
    .http()
    .post('/cases')
    .set(staff)
    .send({
      id: caseId,
      procedure: 'appointment',
      definition: 'appointment.internal',
      positionId: ORGANIZATION_HEAD_POST,
      orgUnitId: 'ou-ha-noi-party-committee',
      summary: 'Kiện toàn chức danh Trưởng ban Tổ chức Thành ủy',
    })
    .expect(201);
  const nomination = (minutesRef: string) => ({
    heldOn: today,
    minutesRef,
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: AN, votes: 12 },
      { personId: CUONG, votes: 11 },
    ],
  });
  const ballot = (minutesRef: string, an: number, cuong: number) => ({
    heldOn: today,
    minutesRef,
    tallies: [
      { personId: AN, tally: tally(an) },
      { personId: CUONG, tally: tally(cuong) },
    ],
  });
  const steps: [string, Record<string, string>, object][] = [
    ['leadership-round-1', staff, { heldOn: today, minutesRef: 'BB-01', conclusion: 'Thống nhất' }],
    ['expanded-nomination', secretary, nomination('BB-02')],
    ['leadership-round-2', secretary, ballot('BB-03', 9, 8)],
    ['key-officials-nomination', secretary, nomination('BB-04')],
    // The final ballot: Cường passes, An does not; Cường is the nominee the case is now about.
    ['leadership-round-3', secretary, ballot('BB-05', 4, 9)],
    // The vetting: the staff items cleared; the record flags Cường's planning pool.
    [
      'vetting',
      staff,
      {
        heldOn: today,
        minutesRef: 'BB-06',
        items: STAFF_ITEMS.map((item) => ({ item, result: 'cleared', note: 'Đạt' })),
      },
    ],
  ];
  for (const [stepId, who, body] of steps)
    await town.http().post(`/cases/${caseId}/steps/${stepId}`).set(who).send(body).expect(200);
}

function tally(yes: number) {
  return {
    members: 13,
    summoned: 13,
    present: 13,
    for: yes,
    against: 13 - yes,
    abstain: 0,
    invalid: 0,
  };
}
