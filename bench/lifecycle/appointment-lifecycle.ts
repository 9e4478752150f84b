import { TimedHttp } from './timed-http';

/** Bearer tokens of the demo users who take an appointment through its steps. */
export interface BenchTokens {
  admin: string;
  staff: string;
  secretary: string;
  leader: string;
}

/** One case of the bench: a person registered for it and the post it fills. */
export interface CaseSubject {
  caseId: string;
  personId: string;
  positionId: string;
}

const UNIT = 'ou-ha-noi-organization-committee';
const AUTHORITY = 'ou-ha-noi-party-committee';
/** A demo person inside the grant: the runner-up of every nomination. */
const RUNNER_UP = 'p-tran-thi-binh';
/** The post each bench person holds before the case (since 2021: enough years in post). */
const CURRENT_POST = 'pos-ha-noi-deputy-head-organization';

export const vietnamToday = (): string =>
  new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10);

/** Registers the person and the post of one case, as staff do through the API (4 writes). */
export async function registerSubject(
  http: TimedHttp,
  tokens: BenchTokens,
  subject: CaseSubject,
): Promise<void> {
  const { personId, positionId } = subject;
  await http.send('/positions', 'POST', '/positions', tokens.staff, {
    id: positionId,
    title: `Trưởng ban (bench) ${positionId}`,
    orgUnitId: UNIT,
    appointingAuthority: AUTHORITY,
    rank: 6,
  });
  await http.send('/cadres', 'POST', '/cadres', tokens.staff, {
    id: personId,
    fullName: `Nguyễn Văn ${personId}`,
    dateOfBirth: '1980-04-12',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId: UNIT,
  });
  await http.send('/cadres/:id/posts', 'POST', `/cadres/${personId}/posts`, tokens.staff, {
    positionId: CURRENT_POST,
    from: '2021-03-01',
    termEnd: '2026-03-01',
    decisionRef: '45-QĐ/TU',
  });
  await http.send(
    '/cadres/:id/planning-pool',
    'POST',
    `/cadres/${personId}/planning-pool`,
    tokens.staff,
    { positionId, term: '2025-2030', decisionRef: '112-QĐ/TU' },
  );
}

interface Step {
  id: string;
  token: keyof BenchTokens;
  body: (subject: CaseSubject, today: string) => unknown;
}

const nomination = (personId: string, today: string, minutesRef: string) => ({
  heldOn: today,
  minutesRef,
  members: 25,
  summoned: 25,
  present: 24,
  invalid: 0,
  candidates: [
    { personId, votes: 17 },
    { personId: RUNNER_UP, votes: 7 },
  ],
});

const ballot = (today: string, minutesRef: string) => ({
  heldOn: today,
  minutesRef,
  tally: { members: 13, summoned: 13, present: 12, for: 10, against: 2, abstain: 0, invalid: 0 },
});

const VETTING_ITEMS = [
  'background',
  'asset_declaration',
  'political_standards',
  'residence_party_cell_opinion',
  'health',
];

/** The internal-source appointment after its opening: 7 steps, the README's curl walk-through. */
export const APPOINTMENT_STEPS: Step[] = [
  {
    id: 'leadership-round-1',
    token: 'staff',
    body: (_, today) => ({ heldOn: today, minutesRef: 'BB-01', conclusion: 'Post agreed' }),
  },
  {
    id: 'expanded-nomination',
    token: 'secretary',
    body: (s, today) => nomination(s.personId, today, 'BB-02'),
  },
  { id: 'leadership-round-2', token: 'secretary', body: (_, today) => ballot(today, 'BB-03') },
  {
    id: 'key-officials-nomination',
    token: 'secretary',
    body: (s, today) => nomination(s.personId, today, 'BB-04'),
  },
  { id: 'leadership-round-3', token: 'secretary', body: (_, today) => ballot(today, 'BB-05') },
  {
    id: 'vetting',
    token: 'staff',
    body: (_, today) => ({
      heldOn: today,
      items: VETTING_ITEMS.map((item) => ({ item, result: 'cleared', note: 'verified' })),
    }),
  },
  {
    id: 'decision',
    token: 'leader',
    body: (_, today) => ({
      heldOn: today,
      number: '215-QĐ/TU',
      signer: 'Bí thư Thị ủy',
      effectiveFrom: today,
    }),
  },
];

/**
 * Opens the case and performs every step, one HTTP write each (8 writes). `afterWrite` is told
 * after each answer what the case list should show next (the lag observer's cue).
 */
export async function driveAppointment(
  http: TimedHttp,
  tokens: BenchTokens,
  subject: CaseSubject,
  afterWrite?: (expected: { step: string | null; status: string }) => void,
): Promise<void> {
  const today = vietnamToday();
  await http.send('/cases', 'POST', '/cases', tokens.staff, {
    id: subject.caseId,
    procedure: 'appointment',
    definition: 'appointment.internal',
    personId: subject.personId,
    positionId: subject.positionId,
    orgUnitId: AUTHORITY,
    summary: 'Bổ nhiệm Trưởng ban (bench)',
  });
  afterWrite?.({ step: APPOINTMENT_STEPS[0].id, status: 'open' });
  for (const [index, step] of APPOINTMENT_STEPS.entries()) {
    // Timed per step: the steps differ in what they set off (vetting reads the person's record).
    const answer = await http.send(
      `/cases/:id/steps/${step.id}`,
      'POST',
      `/cases/${subject.caseId}/steps/${step.id}`,
      tokens[step.token],
      step.body(subject, today),
    );
    const next = APPOINTMENT_STEPS[index + 1]?.id ?? null;
    if (next === null && answer.status !== 'decided')
      throw new Error(`case ${subject.caseId} was not decided: ${JSON.stringify(answer)}`);
    afterWrite?.({ step: next, status: next === null ? 'decided' : 'open' });
  }
}
