import request from 'supertest';
import * as path from 'node:path';
import { loadCalendar } from '../../src/workflow/calendar/working-day-calendar';
import { addMonths } from '../../src/workflow/rules/retirement';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { streamEventCount } from '../support/stream-event-count';
import { startTestApp, TestApp } from '../support/test-app';

/** The saga writes to the person's record asynchronously: wait until the record shows it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 100 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

describe('disciplinary action over HTTP', () => {
  let t: TestApp;
  const headers: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  // A period whose last day is off ends on the next working day (Civil Code art. 148).
  const calendar = loadCalendar(path.resolve(__dirname, '../../seeds/calendar'));
  const periodEnd = (day: string) => calendar.periodEnd(day);
  const http = () => request(t.server as never);
  const as = (who: string) => headers[who];

  beforeAll(async () => {
    t = await startTestApp('discipline', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
    })) {
      headers[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    }
    await buildRegistry(t, as('staff'), {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: [
        {
          id: 'p-party',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
          ],
          pool: ['pos-head'],
        },
        {
          id: 'p-civil',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -900), termEnd: addDays(today, 900) },
          ],
        },
        {
          id: 'p-served',
          posts: [
            { positionId: 'pos-deputy', from: addDays(today, -600), termEnd: addDays(today, 600) },
          ],
        },
      ],
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const open = (
    id: string,
    personId: string,
    definition: string,
    violation: Record<string, unknown> = {},
  ) =>
    http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id,
        definition,
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
          ...violation,
        },
      });
  const meeting = (id: string, stepId: string, who: string, extra: Record<string, unknown> = {}) =>
    http()
      .post(`/discipline-cases/${id}/steps/${stepId}`)
      .set(as(who))
      .send({ heldOn: today, minutesRef: `BB-${stepId}`, conclusion: stepId, ...extra });
  const reappointmentToVetting = async (id: string) => {
    const tally = {
      members: 13,
      summoned: 13,
      present: 13,
      for: 11,
      against: 2,
      abstain: 0,
      invalid: 0,
    };
    for (const [stepId, who, body] of [
      ['self-assessment', 'staff', { conclusion: 'done' }],
      ['key-officials-confidence', 'secretary', { minutesRef: 'B1', tally }],
      ['head-evaluation', 'leader', { conclusion: 'ok' }],
      ['leadership-ballot', 'secretary', { minutesRef: 'B2', tally }],
    ] as const) {
      await http()
        .post(`/cases/${id}/steps/${stepId}`)
        .set(as(who))
        .send({ heldOn: today, ...body })
        .expect(200);
    }
  };
  const upToBallot = async (id: string) => {
    await meeting(id, 'verification', 'inspector', { violationConfirmed: true }).expect(200);
    await meeting(id, 'self-criticism', 'staff').expect(200);
    await meeting(id, 'review', 'inspector').expect(200);
  };

  it('runs the Party track to a decision whose form the ballot reached by adding from the heaviest form, and writes it to the record', async () => {
    const opened = await open('d-party', 'p-party', 'discipline.party').expect(201);
    expect(opened.body).toMatchObject({
      status: 'open',
      track: 'party',
      ruleSet: 'party-2025-10-08',
      // Judged on the form the ballot votes, not at opening.
      limitation: null,
      currentStep: { id: 'verification' },
    });
    await upToBallot('d-party');
    // While the case is pending, re-appointment to the post the person holds waits for it.
    const reappointmentBody = {
      procedure: 'reappointment',
      definition: 'reappointment.standard',
      personId: 'p-party',
      positionId: 'pos-deputy',
      orgUnitId: 'ou-town',
      summary: 'x',
    };
    await eventually(
      async () => (await http().get('/cadres/p-party').set(as('staff')).expect(200)).body,
      (body) => body.openCases.some((c: { caseId: string }) => c.caseId === 'd-party'),
    );
    const pending = await http()
      .post('/cases')
      .set(as('staff'))
      .send({ id: 'r-pending', ...reappointmentBody })
      .expect(422);
    expect(pending.body).toMatchObject({ rule: 'reappointment.discipline_pending' });
    expect(pending.body.message).toContain('d-party');
    // 13 members: removal 4, warning 3, reprimand 5, none 1 — no form alone > 6.5; 4 + 3 = 7 → warning.
    const tally = {
      members: 13,
      summoned: 13,
      present: 13,
      invalid: 0,
      noDiscipline: 1,
      votesByForm: { removal_from_post: 4, warning: 3, reprimand: 5 },
    };
    const balloted = await http()
      .post('/discipline-cases/d-party/steps/ballot')
      .set(as('secretary'))
      .send({ heldOn: today, minutesRef: 'BB-KP', tally })
      .expect(200);
    expect(balloted.body.currentStep.id).toBe('decision');

    // The ballot is not announced: staff see no counts, nor the form it chose before the
    // decision (before: "form":"warning"); the inspector does.
    const seenByStaff = await http().get('/discipline-cases/d-party').set(as('staff')).expect(200);
    expect(seenByStaff.body.steps.at(-1)).toMatchObject({
      type: 'DisciplineBallotTallied',
      tally: 'not announced',
      outcome: 'form_chosen',
      withheld: ['tally', 'reason', 'accumulated', 'form'],
    });
    expect(seenByStaff.body.steps.at(-1)).not.toHaveProperty('form');
    const seenByInspector = await http()
      .get('/discipline-cases/d-party')
      .set(as('inspector'))
      .expect(200);
    expect(seenByInspector.body.steps.at(-1)).toMatchObject({ tally, accumulated: true });

    const wrongForm = await http()
      .post('/discipline-cases/d-party/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(422);
    expect(wrongForm.body).toMatchObject({
      rule: 'discipline.form_differs_from_ballot',
      field: 'form',
    });
    const decided = await http()
      .post('/discipline-cases/d-party/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'warning',
        effectiveFrom: today,
      })
      .expect(200);
    const barEndsOn = addMonths(today, 36);
    expect(decided.body).toMatchObject({
      status: 'decided',
      form: 'warning',
      barEndsOn,
      // Party: one month from receipt (Điều lệ Đảng art. 39(7)) applied as 30 working days
      // (Quy định 296-QĐ/TW, restating the earlier guidance); changed with issue 19 from one
      // calendar month.
      decision: { complaintWindowEndsOn: calendar.addWorkingDays(today, 30) },
      // The discipline's own validity, apart from its bar (Quy định 69-QĐ/TW art. 2(5): 12 months
      // from its announcement, here the day it was decided).
      inEffectUntil: addMonths(today, 12),
    });

    const record = await eventually(
      async () => (await http().get('/cadres/p-party').set(as('staff')).expect(200)).body,
      // Two sagas write the record (the discipline entry, the open-cases list): wait for both.
      (body) =>
        body.discipline.length === 1 &&
        body.planningPool.length === 0 &&
        body.openCases.length === 0,
    );
    expect(record.discipline).toEqual([
      expect.objectContaining({
        caseId: 'd-party',
        track: 'party',
        form: 'warning',
        barEndsOn,
        status: 'in_effect',
        ruleSetId: 'party-2025-10-08',
      }),
    ]);
    expect(record.planningPool).toEqual([]);
    expect(record.openCases).toEqual([]);
    // A warning does not end the post.
    expect(record.posts.map((p: { positionId: string }) => p.positionId)).toEqual(['pos-deputy']);

    const eligibility = await http()
      .get('/cadres/p-party/eligibility?for=pos-head')
      .set(as('staff'))
      .expect(200);
    expect(eligibility.body.eligible).toBe(false);
    expect(eligibility.body.reasons).toEqual([
      {
        rule: 'discipline.in_effect',
        reason: `discipline (warning, 45-QĐ/UBKT (${today})) bars a higher post until ${barEndsOn}`,
      },
      {
        rule: 'planning_pool.missing',
        reason: 'not in the planning pool for pos-head or an equivalent or higher post',
      },
    ]);

    // A decided warning bars a higher post, not the re-appointment to the post held: the case
    // opens and its vetting clears the discipline item (NĐ 138/2020 art. 49(5)(a) and NĐ 170/2025).
    await http()
      .post('/cases')
      .set(as('staff'))
      .send({ id: 'r-after-warning', ...reappointmentBody })
      .expect(201);
    await reappointmentToVetting('r-after-warning');
    const vetted = await http()
      .post('/cases/r-after-warning/steps/vetting')
      .set(as('staff'))
      .send({
        heldOn: today,
        items: ['background', 'asset_declaration', 'political_standards', 'health'].map((item) => ({
          item,
          result: 'cleared',
        })),
      })
      .expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      note: expect.stringContaining("a decided discipline's bar on a higher post does not apply"),
    });
  });

  it('the same violation on the civil-service track: both decisions linked, the longer bar carried, the register shows both dates', async () => {
    await open('d-party-civil', 'p-party', 'discipline.civil-service').expect(201);
    await upToBallot('d-party-civil');
    await http()
      .post('/discipline-cases/d-party-civil/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 7,
          summoned: 7,
          present: 7,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { warning: 7 },
        },
      })
      .expect(200);
    const decision = (sameViolationCaseId: string) =>
      http()
        .post('/discipline-cases/d-party-civil/steps/decision')
        .set(as('leader'))
        .send({
          heldOn: today,
          number: '13/QĐ-UBND',
          signer: 'Chủ tịch UBND',
          form: 'warning',
          // In effect some days after the Party's decision: its effect still counts from the
          // Party decision's day (Nghị định 112/2020 art. 2 as amended by Nghị định 71/2023).
          effectiveFrom: addDays(today, 5),
          sameViolationCaseId,
        });
    // A case that does not exist answers as one outside the grant (before: 422 not_found, while
    // another unit's case answered 403 naming its unit: whether it existed, and where).
    const missing = await decision('d-nowhere').expect(403);
    expect(missing.body).toMatchObject({ field: 'sameViolationCaseId' });
    expect(missing.body.message).toBe(
      'sameViolationCaseId: case d-nowhere is not in any unit your grant for ou-town covers',
    );
    const decided = await decision('d-party').expect(200);
    expect(decided.body).toMatchObject({
      // The civil servant's own bar is 12 months; the Party's warning on the same violation, 36;
      // both count from the Party decision's day, not this decision's own.
      barEndsOn: addMonths(today, 12),
      inEffectUntil: addMonths(today, 12),
      decision: {
        effectiveFrom: addDays(today, 5),
        effectCountedFrom: { on: today },
        carriedBarEndsOn: addMonths(today, 36),
      },
      sameViolationAs: { caseId: 'd-party', track: 'party', barEndsOn: addMonths(today, 36) },
      // Civil service: 15 days from receipt (Luật Khiếu nại 2011 art. 48), moved off a day off.
    });
    expect(decided.body.decision.complaintWindowEndsOn).toBe(periodEnd(addDays(today, 15)));
    const rows = await eventually(
      async () =>
        (
          await http()
            .get('/discipline-records?person=p-party')
            .set({ ...as('inspector'), 'X-Purpose': 'inspection' })
            .expect(200)
        ).body.items,
      (items: { caseId: string }[]) => items.length === 2,
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          caseId: 'd-party-civil',
          sameViolationCaseId: 'd-party',
          inEffectUntil: addMonths(today, 12),
          barEndsOn: addMonths(today, 12),
          inEffect: true,
          barred: true,
        }),
        expect.objectContaining({
          caseId: 'd-party',
          sameViolationCaseId: 'd-party-civil',
          inEffectUntil: addMonths(today, 12),
          barEndsOn: addMonths(today, 36),
        }),
      ]),
    );
    // The person record links the two as the register does, both ways (before: the Party's
    // record, decided first, named no civil-service case).
    const person = await eventually(
      async () => (await http().get('/cadres/p-party').set(as('staff')).expect(200)).body,
      (body: { discipline: { caseId: string }[] }) =>
        body.discipline.some((d) => d.caseId === 'd-party-civil'),
    );
    const records = person.discipline as { caseId: string; sameViolationCaseId?: string }[];
    const linkOf = (caseId: string) =>
      records.find((d) => d.caseId === caseId)?.sameViolationCaseId;
    expect(linkOf('d-party-civil')).toBe('d-party');
    expect(linkOf('d-party')).toBe('d-party-civil');
    // Eligibility lists both bars: the longer one holds until the Party's ends.
    const eligibility = await http()
      .get('/cadres/p-party/eligibility?for=pos-head')
      .set(as('staff'))
      .expect(200);
    expect(eligibility.body.reasons.map((r: { reason: string }) => r.reason)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(`bars a higher post until ${addMonths(today, 36)}`),
        expect.stringContaining(`bars a higher post until ${addMonths(today, 12)}`),
      ]),
    );
  });

  it('refuses a case run by a unit with no authority over the person, or a violation before their birth', async () => {
    await http()
      .post('/org-units')
      .set(as('staff'))
      .send({ id: 'ou-commune-x', name: 'Xã X', kind: 'commune', parentId: 'ou-town' })
      .expect(201);
    // The streams of the two refused cases (their own, their ids'): an opening's first write holds
    // its case's first event. Not the whole store: the earlier cases' sagas may still be writing.
    const refusedCases = () => streamEventCount(t.db.pool, ['%-d-elsewhere', '%-d-unborn']);
    const before = await refusedCases();
    // Before: 201, and the commune's staff read the town official's record through the case.
    const elsewhere = await http()
      .post('/discipline-cases')
      .set(as('inspector'))
      .send({
        id: 'd-elsewhere',
        definition: 'discipline.party',
        personId: 'p-civil',
        orgUnitId: 'ou-commune-x',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -20),
          description: 'x',
          source: 'report',
        },
      })
      .expect(422);
    expect(elsewhere.body).toMatchObject({
      rule: 'case.unit_without_authority',
      field: 'orgUnitId',
    });
    const unborn = await open('d-unborn', 'p-civil', 'discipline.party', {
      committedOn: '1950-06-01',
    }).expect(400);
    expect(unborn.body).toMatchObject({
      rule: 'discipline.violation_before_birth',
      field: 'violation.committedOn',
    });
    expect(await refusedCases()).toBe(before);
  });

  it('refuses a bad violation source at opening and writes nothing', async () => {
    const bad = await open('d-bad', 'p-civil', 'discipline.party', { source: 'rumour' }).expect(
      400,
    );
    expect(bad.body.field).toBe('violation.source');
    // Nothing was written; a case that does not exist answers like one outside the grant.
    const missing = await http().get('/discipline-cases/d-bad').set(as('staff')).expect(403);
    expect(missing.body).toMatchObject({ rule: 'scope.out_of_scope', field: 'id' });
  });

  it('refuses a decision served on a day still to come and writes nothing', async () => {
    await open('d-served', 'p-served', 'discipline.party').expect(201);
    await upToBallot('d-served');
    await http()
      .post('/discipline-cases/d-served/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 7,
          summoned: 7,
          present: 7,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { warning: 7 },
        },
      })
      .expect(200);
    // The case's own stream: the record's sagas still write to the person's meanwhile.
    const caseEvents = () =>
      t.db.pool.query(
        "SELECT count(*)::int AS n FROM events WHERE stream_id = 'discipline-d-served'",
      );
    const before = await caseEvents();
    // Before: 200, and the complaint window ran from a day the person had not yet received it.
    const served = await http()
      .post('/discipline-cases/d-served/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '5/QĐ-UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'warning',
        effectiveFrom: today,
        servedOn: addDays(today, 1),
      })
      .expect(400);
    expect(served.body).toMatchObject({
      rule: 'decision.served_in_the_future',
      field: 'servedOn',
    });
    const after = await caseEvents();
    expect(before.rows[0].n).toBeGreaterThan(0);
    expect(after.rows[0].n).toBe(before.rows[0].n);
    const unchanged = await http().get('/discipline-cases/d-served').set(as('staff')).expect(200);
    expect(unchanged.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
  });

  it('removal from post on the civil-service track ends the post; a complaint review annuls it on the record', async () => {
    const opened = await open('d-civil', 'p-civil', 'discipline.civil-service', {
      severity: 'removal_from_post',
    }).expect(201);
    expect(opened.body.timeLimit).toEqual({
      runsFrom: today,
      decideBy: periodEnd(addDays(today, 90)),
      extended: false,
      overdue: false,
    });
    const extended = await http()
      .post('/discipline-cases/d-civil/extend')
      .set(as('leader'))
      .send({ reason: 'cần giám định' })
      .expect(200);
    expect(extended.body.timeLimit).toMatchObject({
      decideBy: periodEnd(addDays(today, 150)),
      extended: true,
    });
    await http()
      .post('/discipline-cases/d-civil/extend')
      .set(as('leader'))
      .send({ reason: 'again' })
      .expect(409);
    await upToBallot('d-civil');
    await http()
      .post('/discipline-cases/d-civil/steps/ballot')
      .set(as('secretary'))
      .send({
        heldOn: today,
        minutesRef: 'BB',
        tally: {
          members: 7,
          summoned: 7,
          present: 7,
          invalid: 0,
          noDiscipline: 1,
          votesByForm: { removal_from_post: 5, warning: 1 },
        },
      })
      .expect(200);
    await http()
      .post('/discipline-cases/d-civil/steps/decision')
      .set(as('leader'))
      .send({
        heldOn: today,
        number: '12-QĐ/UBND',
        signer: 'Chủ tịch UBND',
        form: 'removal_from_post',
        effectiveFrom: today,
      })
      .expect(200);
    const removed = await eventually(
      async () => (await http().get('/cadres/p-civil').set(as('staff')).expect(200)).body,
      (body) => body.posts.length === 0 && body.discipline.length === 1,
    );
    expect(removed.pastPosts).toEqual([
      expect.objectContaining({
        positionId: 'pos-deputy',
        endedOn: today,
        reason: 'discipline: removal_from_post (case d-civil)',
      }),
    ]);
    expect(removed.discipline[0]).toMatchObject({
      form: 'removal_from_post',
      // A civil servant removed from post: 24 months (Luật Cán bộ, công chức), not the Party's 60.
      barEndsOn: addMonths(today, 24),
      status: 'in_effect',
    });

    await http()
      .post('/discipline-cases/d-civil/complaints')
      .set(as('staff'))
      .send({ filedOn: today, grounds: 'quá nặng' })
      .expect(200);
    const annulled = await http()
      .post('/discipline-cases/d-civil/complaints/review')
      .set(as('leader'))
      .send({ heldOn: today, number: '20-QĐ/UBND', outcome: 'annul', reason: 'không đủ căn cứ' })
      .expect(200);
    expect(annulled.body).toMatchObject({ status: 'annulled', form: null });
    const record = await eventually(
      async () => (await http().get('/cadres/p-civil').set(as('staff')).expect(200)).body,
      (body) => body.discipline[0]?.status === 'annulled',
    );
    expect(record.discipline[0]).toMatchObject({
      status: 'annulled',
      annulled: { on: today, decisionRef: `20-QĐ/UBND (${today})` },
    });
    // The register keeps the decision's own number (before: the annulment's replaced it).
    const register = await eventually(
      async () =>
        (await http().get('/discipline-records?person=p-civil').set(as('inspector')).expect(200))
          .body.items,
      (items: { status: string; decisionRef: string }[]) => items[0]?.status === 'annulled',
    );
    expect(register[0]).toMatchObject({ annulledOn: today });
    expect(register[0].decisionRef).toMatch(/^12-QĐ\/UBND/);
  });
});
