import request from 'supertest';
import { addDays, vietnamToday } from '../../support/registry-fixture';
import { TestApp } from '../../support/test-app';

/**
 * The driver of the domain crash test: people in five groups, each with cases that together
 * trigger every domain saga. The script runs in phases; a phase takes at most one step of each
 * case, so a saga's effect on a case (a missed deadline, a flag, a withdrawal) never races the
 * driver's next step of that case, and the end state does not depend on timing — only on whether
 * every effect happened exactly once.
 *
 * - A: a re-appointment that began on paper and took effect about 265 days ago, the day the term
 *   on record ended (a new term may not start before it); a records clerk opens it as of that day.
 *   Under the suite's one-year term (test/support/one-year-term-rule-sets.ts, RULE_SETS_DIR of
 *   both processes) its full term ends ~100 days out, so the notice falls due at once in the
 *   child's clock and opens the next re-appointment case by itself. (A term cut at retirement
 *   gets no notice: nothing is re-appointed then.)
 * - B: external appointment decided: the post with its term on the record, notice and term end scheduled.
 * - C: a Party discipline case pending while a re-appointment reaches vetting: the discipline item
 *   is flagged from the record (reappointment.blockedWhile); the warning decided later adds nothing.
 * - D: re-appointment vetting cleared, then a civil-service reprimand decided: a decided reprimand
 *   does not hold back the re-appointment to the post held, so the item stays cleared.
 * - E: removal from post decided while a re-appointment is open: post ended, case withdrawn.
 * Every step with a deadline misses it in the child's clock, so DeadlineMissed lands on every case
 * opened today (group A's deadlines had passed when it was recorded: it has no step timers).
 * A discipline case opens a phase after the re-appointment it meets: a pending discipline case
 * refuses the opening of a re-appointment (reappointment.blockedWhile), and actions of one phase
 * run concurrently, so opening both in one phase would make the outcome depend on timing.
 */
export type Group = 'A' | 'B' | 'C' | 'D' | 'E';
export const GROUPS: Group[] = ['A', 'B', 'C', 'D', 'E'];

type Who = 'staff' | 'clerk' | 'secretary' | 'leader' | 'inspector';
interface Action {
  who: Who;
  method: 'post';
  path: string;
  body: Record<string, unknown>;
  status: number;
}

export interface CrashScript {
  people: { id: string; group: Group }[];
  /** phases[k] = the actions of phase k (at most one per case). */
  phases: Action[][];
  setup(t: TestApp): Promise<void>;
  headers(t: TestApp, who: Who): Record<string, string>;
}

const UNIT = 'ou-crash';
const today = vietnamToday();
/**
 * Group A's re-appointment began and took effect on this day, when its previous term ended; its
 * new term of one year (appointment.termYears in the suite's rule sets) ends about 100 days from
 * today. (Under the seeded five-year term it would have to begin before any rule set is in force.)
 */
const reappointedOn = addDays(today, 100 - 365);
const meeting = { heldOn: today, minutesRef: 'BB', conclusion: 'agreed' };
const ballot = (members: number, forVotes: number, heldOn = today) => ({
  heldOn,
  minutesRef: 'BB',
  tally: {
    members,
    summoned: members,
    present: members,
    for: forVotes,
    against: members - forVotes,
    abstain: 0,
    invalid: 0,
  },
});
const vetting = (items: string[], heldOn = today) => ({
  heldOn,
  items: items.map((item) => ({ item, result: 'cleared', note: 'verified' })),
});
const decision = (number: string, heldOn = today) => ({
  heldOn,
  number,
  signer: 'Bí thư',
  effectiveFrom: heldOn,
});

/**
 * A re-appointment's actions; its steps were held on `heldOn`. One that began on paper before today
 * is opened by a records clerk as of that day (a step is not dated before its case was opened).
 */
function reappointmentSteps(
  caseId: string,
  personId: string,
  upTo: 'leadership-ballot' | 'vetting' | 'decision',
  heldOn = today,
): Action[] {
  const fromPaper = heldOn < today ? { openedOn: heldOn, paperRecordRef: `HS-${caseId}` } : {};
  const step = (stepId: string, who: Who, body: Record<string, unknown>): Action => ({
    who,
    method: 'post',
    path: `/cases/${caseId}/steps/${stepId}`,
    body,
    status: 200,
  });
  const steps: Action[] = [
    {
      who: heldOn < today ? 'clerk' : 'staff',
      method: 'post',
      path: '/cases',
      body: {
        id: caseId,
        procedure: 'reappointment',
        definition: 'reappointment.standard',
        personId,
        positionId: 'pos-dep',
        orgUnitId: UNIT,
        summary: 'Re-appointment',
        ...fromPaper,
      },
      status: 201,
    },
    step('self-assessment', 'staff', { heldOn, conclusion: 'ok' }),
    step('key-officials-confidence', 'secretary', ballot(40, 30, heldOn)),
    step('head-evaluation', 'leader', { heldOn, conclusion: 'ok' }),
    step('leadership-ballot', 'secretary', ballot(13, 11, heldOn)),
  ];
  if (upTo === 'leadership-ballot') return steps;
  steps.push(
    step(
      'vetting',
      'staff',
      vetting(['background', 'asset_declaration', 'political_standards', 'health'], heldOn),
    ),
  );
  if (upTo === 'vetting') return steps;
  steps.push(step('decision', 'leader', decision(`R-${caseId}`, heldOn)));
  return steps;
}

function appointmentSteps(caseId: string, personId: string): Action[] {
  const step = (stepId: string, who: Who, body: Record<string, unknown>): Action => ({
    who,
    method: 'post',
    path: `/cases/${caseId}/steps/${stepId}`,
    body,
    status: 200,
  });
  return [
    {
      who: 'staff',
      method: 'post',
      path: '/cases',
      body: {
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.external',
        personId,
        positionId: newPostOf(personId),
        orgUnitId: UNIT,
        summary: 'Appointment from outside',
      },
      status: 201,
    },
    step('consult-receiving-unit', 'staff', meeting),
    step('candidate-unit-ballot', 'secretary', ballot(13, 10)),
    step('evaluation-and-meeting', 'staff', meeting),
    step(
      'vetting',
      'staff',
      vetting([
        'background',
        'asset_declaration',
        'political_standards',
        'residence_party_cell_opinion',
        'health',
      ]),
    ),
    step('decision', 'leader', decision(`A-${caseId}`)),
  ];
}

function disciplineSteps(
  caseId: string,
  personId: string,
  definition: 'discipline.party' | 'discipline.civil-service',
  form: string,
): Action[] {
  const step = (stepId: string, who: Who, body: Record<string, unknown>): Action => ({
    who,
    method: 'post',
    path: `/discipline-cases/${caseId}/steps/${stepId}`,
    body,
    status: 200,
  });
  return [
    {
      who: 'inspector',
      method: 'post',
      path: '/discipline-cases',
      body: {
        id: caseId,
        definition,
        personId,
        positionId: 'pos-dep',
        orgUnitId: UNIT,
        summary: 'Violation',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: form,
        },
      },
      status: 201,
    },
    step('verification', 'inspector', { ...meeting, violationConfirmed: true }),
    step('self-criticism', 'staff', meeting),
    step('review', 'inspector', meeting),
    step('ballot', 'secretary', {
      heldOn: today,
      minutesRef: 'BB',
      tally: {
        members: 5,
        summoned: 5,
        present: 5,
        invalid: 0,
        noDiscipline: 0,
        votesByForm: { [form]: 5 },
      },
    }),
    step('decision', 'leader', {
      heldOn: today,
      number: `D-${caseId}`,
      signer: 'Chủ nhiệm',
      form,
      effectiveFrom: today,
    }),
  ];
}

/** Places a case's actions on phases: `at[i]` is the phase of its i-th action. */
function place(phases: Action[][], actions: Action[], at: number[]): void {
  if (at.length !== actions.length) throw new Error('one phase per action');
  actions.forEach((action, i) => (phases[at[i]] ??= []).push(action));
}

/**
 * Each appointee of group B has a post of their own: a post's planning pool holds at most 3 people
 * (rule set `planning.maxPeoplePerPost`).
 */
export const newPostOf = (personId: string) => `pos-new-${personId}`;

/**
 * The term each person holds on record: group A's ended the day its re-appointment took effect;
 * the others' ends past the re-appointment notice's lead time (90 days, Nghị định 170/2025) as the workers'
 * clock (40 days ahead) reads it, or the notice a recorded term gets would open the
 * re-appointment the script opens itself.
 */
const termOnRecord = (group: Group) =>
  group === 'A'
    ? { from: addDays(reappointedOn, -1826), termEnd: reappointedOn }
    : { from: addDays(today, -1700), termEnd: addDays(today, 220) };

const yearOf = (day: string) => Number(day.slice(0, 4));

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

export function crashScript(peopleCount: number): CrashScript {
  const people = Array.from({ length: peopleCount }, (_, i) => ({
    id: `p-${String(i).padStart(3, '0')}`,
    group: GROUPS[i % GROUPS.length],
  }));
  const phases: Action[][] = [];
  for (const { id, group } of people) {
    switch (group) {
      case 'A':
        place(phases, reappointmentSteps(`ra-${id}`, id, 'decision', reappointedOn), range(0, 7));
        break;
      case 'B':
        place(phases, appointmentSteps(`ab-${id}`, id), range(0, 6));
        break;
      case 'C':
        place(phases, reappointmentSteps(`rc-${id}`, id, 'vetting'), range(0, 6));
        place(
          phases,
          disciplineSteps(`dc-${id}`, id, 'discipline.party', 'warning'),
          [1, 2, 3, 4, 6, 7],
        );
        break;
      case 'D':
        place(phases, reappointmentSteps(`rd-${id}`, id, 'vetting'), range(0, 6));
        place(
          phases,
          disciplineSteps(`dd-${id}`, id, 'discipline.civil-service', 'reprimand'),
          range(6, 6),
        );
        break;
      case 'E':
        place(phases, reappointmentSteps(`re-${id}`, id, 'leadership-ballot'), range(0, 5));
        place(
          phases,
          disciplineSteps(`de-${id}`, id, 'discipline.civil-service', 'removal_from_post'),
          range(1, 6),
        );
        break;
    }
  }

  const headers = (t: TestApp, who: Who): Record<string, string> => {
    const roles = {
      staff: ['organization_staff'],
      clerk: ['organization_staff', 'records_clerk'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      inspector: ['inspector'],
    } as const;
    return { Authorization: `Bearer ${t.token(`u-${who}`, [...roles[who]], UNIT)}` };
  };

  async function setup(t: TestApp): Promise<void> {
    const http = () => request(t.server as never);
    const staff = headers(t, 'staff');
    await http()
      .post('/org-units')
      .set({ Authorization: `Bearer ${t.token('u-admin', ['admin'], UNIT)}` })
      .send({ id: UNIT, name: 'Thị xã Crash', kind: 'town' })
      .expect(201);
    const posts: [string, number][] = [
      ['pos-dep', 4],
      ...people.filter((p) => p.group === 'B').map((p): [string, number] => [newPostOf(p.id), 5]),
    ];
    for (const [id, rank] of posts) {
      await http()
        .post('/positions')
        .set(staff)
        .send({ id, title: id, orgUnitId: UNIT, appointingAuthority: UNIT, rank })
        .expect(201);
    }
    for (const { id, group } of people) {
      await http()
        .post('/cadres')
        .set(staff)
        .send({
          id,
          fullName: `Người ${id}`,
          dateOfBirth: '1978-05-05',
          gender: 'male',
          ethnicity: 'Kinh',
          partyMember: true,
          educationLevel: 'Thạc sĩ',
          politicalTheoryLevel: 'Cao cấp',
          orgUnitId: UNIT,
        })
        .expect(201);
      await http()
        .post(`/cadres/${id}/posts`)
        .set(staff)
        .send({ positionId: 'pos-dep', ...termOnRecord(group), decisionRef: '1-QĐ' })
        .expect(201);
      // A re-appointment's vetting flags a year of the term with no rating on the record.
      for (let year = yearOf(termOnRecord(group).from); year < yearOf(today); year++)
        await http()
          .post(`/cadres/${id}/ratings`)
          .set(staff)
          .send({
            year,
            rating: 'completed',
            evaluatedOn: `${year}-12-20`,
            decisionRef: `XL-${year}`,
          })
          .expect(201);
      if (group === 'B')
        await http()
          .post(`/cadres/${id}/planning-pool`)
          .set(staff)
          .send({ positionId: newPostOf(id), term: '2025-2030', decisionRef: '112-QĐ/TU' })
          .expect(201);
    }
  }

  return { people, phases, setup, headers };
}
