import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import {
  addDays,
  buildPostAppointmentTown,
  eventually as shortly,
  townHeaders,
  vietnamToday,
} from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A discipline decision flags the discipline item of the person's open appointment; annulled on
 * complaint, it bars nothing any more. Before, the flag stayed with the annulled decision's note:
 * the resolution called the bar "running" (citing the Party's 24/36/60 months for a civil
 * servant's reprimand), a vetting after the annulment kept it, and the decision stayed refused.
 * Now the discipline workflow reads the open cases' flag again when the record is revised, a
 * vetting reads such a flag again, and the resolution clears a flag the record no longer bears
 * out; a bar still running is refused, citing its own track's rule (Luật Cán bộ, công chức, 12
 * months).
 */
jest.setTimeout(180_000);

describe('an appointment flagged by a discipline decision later annulled', () => {
  let t: TestApp;
  let h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const step = (caseId: string, stepId: string, who: string, body: object) =>
    http().post(`/cases/${caseId}/steps/${stepId}`).set(h[who]).send(body);
  const caseOf = (caseId: string) =>
    http()
      .get(`/cases/${caseId}`)
      .set(h.staff)
      .then((r) => {
        if (r.status !== 200)
          throw new Error(`GET /cases/${caseId}: ${r.status} ${JSON.stringify(r.body)}`);
        return r.body;
      });
  const nomination = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [{ personId, votes: 12 }],
  });
  const ballot = (personId: string) => ({
    heldOn: today,
    minutesRef: 'BB-3',
    tallies: [
      {
        personId,
        tally: { members: 9, summoned: 9, present: 9, for: 8, against: 1, abstain: 0, invalid: 0 },
      },
    ],
  });
  const vetting = {
    heldOn: today,
    items: [
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ].map((item) => ({ item, result: 'cleared', note: 'verified' })),
  };
  const decision = {
    heldOn: today,
    number: '215-QĐ/TU',
    signer: 'Bí thư Thị ủy',
    effectiveFrom: today,
  };
  const resolve = (caseId: string) =>
    http()
      .post(`/cases/${caseId}/vetting/discipline_bar/resolve`)
      .set(h.staff)
      .send({ note: 'quyết định kỷ luật đã bị hủy' });

  /** A post case carried to its vetting, one nominee chosen at every step. */
  async function toVetting(caseId: string, positionId: string, personId: string) {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: caseId,
        procedure: 'appointment',
        definition: 'appointment.internal',
        positionId,
        personId,
        orgUnitId: 'ou-town',
        summary: 'Bổ nhiệm Trưởng phòng',
      })
      .expect(201);
    const round1 = { heldOn: today, minutesRef: 'BB-1', conclusion: 'post agreed' };
    await step(caseId, 'leadership-round-1', 'staff', round1).expect(200);
    await step(caseId, 'expanded-nomination', 'secretary', nomination(personId)).expect(200);
    await step(caseId, 'leadership-round-2', 'secretary', ballot(personId)).expect(200);
    await step(caseId, 'key-officials-nomination', 'secretary', nomination(personId)).expect(200);
    const final = await step(caseId, 'leadership-round-3', 'secretary', ballot(personId));
    expect(final.body).toMatchObject({ appointee: personId, currentStep: { id: 'vetting' } });
    // The case is on the appointee's record (a workflow writes it): a discipline decided then
    // reaches it.
    type OnRecord = { openCases: { caseId: string }[] };
    const listed = (body: OnRecord) => body.openCases.some((open) => open.caseId === caseId);
    const onRecord = await eventually(
      () =>
        http()
          .get(`/cadres/${personId}`)
          .set(h.staff)
          .expect(200)
          .then((r) => r.body as OnRecord),
      listed,
    );
    expect(listed(onRecord)).toBe(true);
  }

  /** A civil servant's reprimand (discipline.civil-service), decided today. */
  async function decideReprimand(caseId: string, personId: string) {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: caseId,
        definition: 'discipline.civil-service',
        personId,
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -30),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const) {
      await http()
        .post(`/discipline-cases/${caseId}/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    }
    await http()
      .post(`/discipline-cases/${caseId}/steps/ballot`)
      .set(h.secretary)
      .send({
        heldOn: today,
        minutesRef: 'B',
        tally: {
          members: 5,
          summoned: 5,
          present: 5,
          invalid: 0,
          noDiscipline: 0,
          votesByForm: { reprimand: 5 },
        },
      })
      .expect(200);
    await http()
      .post(`/discipline-cases/${caseId}/steps/decision`)
      .set(h.leader)
      .send({
        heldOn: today,
        number: `7-QĐ/${caseId}`,
        signer: 'Chủ tịch',
        form: 'reprimand',
        effectiveFrom: today,
      })
      .expect(200);
  }

  /** A first complaint kept, a second one annulled (as the tester did). */
  async function annul(caseId: string) {
    for (const [number, outcome] of [
      ['20-QĐ', 'keep'],
      ['21-QĐ', 'annul'],
    ]) {
      await http()
        .post(`/discipline-cases/${caseId}/complaints`)
        .set(h.staff)
        .send({ filedOn: today, grounds: 'quá nặng' })
        .expect(200);
      await http()
        .post(`/discipline-cases/${caseId}/complaints/review`)
        .set(h.leader)
        .send({ heldOn: today, number, outcome, reason: 'xem xét lại' })
        .expect(200);
    }
    const { body } = await http().get(`/discipline-cases/${caseId}`).set(h.inspector).expect(200);
    expect(body.status).toBe('annulled');
  }

  /** As `eventually`, a little longer: the workflows start with the service and may be slow to catch up. */
  const eventually = async <T>(read: () => Promise<T>, done: (value: T) => boolean) => {
    let value = await shortly(read, done);
    for (let tries = 0; tries < 4 && !done(value); tries += 1) value = await shortly(read, done);
    return value;
  };
  const inboxItem = async (caseId: string) =>
    (await http().get('/inbox').set(h.leader).expect(200)).body.items.find(
      (item: { caseId: string }) => item.caseId === caseId,
    ) as { step: string; flaggedItems: string[] } | undefined;
  type CaseBody = {
    vetting: Record<string, { result: string; note: string }>;
    allowedNext: unknown[];
  };
  const flaggedBy = (discipline: string) => (body: CaseBody) =>
    body.vetting.discipline_bar?.result === 'flagged' &&
    body.vetting.discipline_bar.note.includes(`case ${discipline}`);
  /** The workflow has revised the person's record: no discipline in effect any more. */
  const recordRevised = (personId: string) =>
    eventually(
      () =>
        http()
          .get(`/cadres/${personId}/eligibility?for=pos-head-1`)
          .set(h.staff)
          .expect(200)
          .then((r) => r.body as { reasons: { rule: string }[] }),
      (body) => !body.reasons.some((r) => r.rule === 'discipline.in_effect'),
    );

  /**
   * A flag the discipline workflow raised before its flags were judged on the record (the
   * workflow had already run), written as it stands on such a case: the command would now find
   * the record does not bear it out and raise nothing.
   */
  const staleFlag = (caseId: string, discipline: string) =>
    t.app.get<EventStore>(EVENT_STORE).append(
      `appointment-${caseId}`,
      [
        {
          id: `old-flag-${caseId}`,
          type: 'VettingItemFlaggedFromRecord',
          data: {
            item: 'discipline_bar',
            note: `discipline decided: reprimand (old flag, case ${discipline}), bars a higher post until 2027-12-08`,
            flaggedOn: today,
            causeRef: discipline,
          },
          metadata: {
            actorId: 'system:saga:discipline-record',
            correlationId: discipline,
            causationId: null,
            occurredAt: new Date().toISOString(),
          },
        },
      ],
      { expectedRevision: 'any' },
    );

  beforeAll(async () => {
    t = await startTestApp('appt_annulled_bar', { RUN_WORKERS: 'true' });
    h = townHeaders(t, {
      staff: ['organization_staff'],
      inspector: ['inspector'],
      secretary: ['ballot_secretary'],
      leader: ['leadership'],
      auditor: ['auditor'],
    });
    await buildPostAppointmentTown(t, h.staff, today);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a running bar citing its own track, and clears the flag once the decision is annulled; the decision goes ahead', async () => {
    await toVetting('c-st1', 'pos-head-1', 'p-an');
    const vetted = await step('c-st1', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({ result: 'cleared' });
    await decideReprimand('d-st1', 'p-an');
    const flagged = await eventually(() => caseOf('c-st1'), flaggedBy('d-st1'));
    expect(flagged.vetting.discipline_bar).toMatchObject({ result: 'flagged', source: 'record' });
    // The flag cites the bar of the decision's own track: a civil servant's 12 months.
    expect(flagged.vetting.discipline_bar.note).toMatch(
      /bars a higher post until \d{4}-\d\d-\d\d \(reprimand: no higher post for 12 months \(state-/,
    );
    expect(flagged.vetting.discipline_bar.note).toContain('Luật Cán bộ, công chức');
    // The case offers to read it again (the resolution), not to waive it.
    expect(flagged.allowedNext).toContainEqual({
      action: 'recheck-vetting-item',
      item: 'discipline_bar',
      href: '/cases/c-st1/vetting/discipline_bar/resolve',
    });

    // While it runs, it cannot be set aside: the refusal names it with its own track's rule.
    // The leader's inbox names the item holding the decision back.
    // The reprimand took her off the planning pool too: the pool item is flagged beside it (each
    // flag carried on its own, so the inbox may show the bar's a moment before the pool's).
    const held = await eventually(
      () => inboxItem('c-st1'),
      (item) => ['discipline_bar', 'planning_pool'].every((i) => item?.flaggedItems.includes(i)),
    );
    expect(held).toMatchObject({
      step: 'decision',
      flaggedItems: ['discipline_bar', 'planning_pool'],
    });
    const refused = await resolve('c-st1').expect(422);
    expect(refused.body.rule).toBe('vetting.discipline_bar_unresolvable');
    expect(refused.body.detail).toMatch(/discipline \(reprimand, 7-QĐ\/d-st1 \(/);
    expect(refused.body.detail).toContain('civil service track');
    expect(refused.body.detail).toContain('Luật Cán bộ, công chức');
    expect(refused.body.detail).not.toMatch(/24 \(reprimand\)|377/);
    await step('c-st1', 'decision', 'leader', decision).expect(422);

    await annul('d-st1');
    const eligibility = await recordRevised('p-an');
    expect(eligibility.reasons).not.toContainEqual(
      expect.objectContaining({ rule: 'discipline.in_effect' }),
    );
    // The workflow reads the open case's flag again on the revised record and clears it.
    const cleared = await eventually(
      () => caseOf('c-st1'),
      (body) => body.vetting.discipline_bar.result === 'cleared',
    );
    expect(cleared.vetting.discipline_bar.note).toMatch(
      new RegExp(`^read again from the record on ${today}: no discipline in effect`),
    );
    expect(cleared.allowedNext).not.toContainEqual(
      expect.objectContaining({ action: 'recheck-vetting-item' }),
    );
    const history = await eventually(
      () => http().get('/cases/c-st1/history').set(h.auditor).expect(200),
      (r) => r.body.events.some((e: { type: string }) => e.type === 'VettingItemClearedFromRecord'),
    );
    const event = history.body.events.find(
      (e: { type: string }) => e.type === 'VettingItemClearedFromRecord',
    );
    expect(event.data).toMatchObject({ item: 'discipline_bar', causeRef: 'd-st1' });
    expect(event.data.flaggedNote).toContain('case d-st1');
    expect(event.actorId).toMatch(/^system:saga:/);
    expect(event.causationId).toBeTruthy();
    expect(event.correlationId).toBeTruthy();
    // The inbox no longer names it: the cleared item holds nothing back.
    const free = await eventually(
      () => inboxItem('c-st1'),
      (item) => item?.flaggedItems.length === 0,
    );
    expect(free).toMatchObject({ step: 'decision', flaggedItems: [] });
    const decided = await step('c-st1', 'decision', 'leader', decision);
    expect([decided.status, decided.body.detail]).toEqual([200, undefined]);
  });

  it('a vetting after the annulment does not show the annulled bar (the flag raised before it is read again)', async () => {
    await toVetting('c-st2', 'pos-head-2', 'p-binh');
    await decideReprimand('d-st2', 'p-binh');
    await eventually(() => caseOf('c-st2'), flaggedBy('d-st2'));
    await annul('d-st2');
    await recordRevised('p-binh');
    // The workflow clears the flag it raised on the revised record.
    await eventually(
      () => caseOf('c-st2'),
      (body) => body.vetting.discipline_bar?.result === 'cleared',
    );
    // A flag raised before this fix and never read again (the workflow had already run): it
    // stands on the case as the annulled decision left it.
    await staleFlag('c-st2', 'd-st2');
    expect((await caseOf('c-st2')).vetting.discipline_bar.result).toBe('flagged');
    const vetted = await step('c-st2', 'vetting', 'staff', vetting).expect(200);
    expect(vetted.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      note: 'no discipline in effect and no open discipline case',
    });
    // The decision no longer waits on the discipline item (the fixture's pool may hold it back).
    const decided = await step('c-st2', 'decision', 'leader', decision);
    expect(String(decided.body.detail ?? '')).not.toContain('discipline_bar');
  });

  it('the resolution clears a stale flag the record no longer bears out, naming who asked', async () => {
    await toVetting('c-st3', 'pos-head-3', 'p-cuong');
    await step('c-st3', 'vetting', 'staff', vetting).expect(200);
    await decideReprimand('d-st3', 'p-cuong');
    await eventually(() => caseOf('c-st3'), flaggedBy('d-st3'));
    await annul('d-st3');
    await recordRevised('p-cuong');
    await eventually(
      () => caseOf('c-st3'),
      (body) => body.vetting.discipline_bar.result === 'cleared',
    );
    // The same stale flag as a case annulled before this fix carries.
    await staleFlag('c-st3', 'd-st3');
    await step('c-st3', 'decision', 'leader', decision).expect(422);
    const resolved = await resolve('c-st3').expect(200);
    expect(resolved.body.vetting.discipline_bar).toMatchObject({
      result: 'cleared',
      source: 'record',
      note: expect.stringMatching(/^read again from the record on .*: no discipline in effect/),
    });
    // The discipline item's clearings (the pool item, given back on annulment, is cleared apart).
    type Cleared = { type: string; data: { item: string } };
    const barCleared = (e: Cleared) =>
      e.type === 'VettingItemClearedFromRecord' && e.data.item === 'discipline_bar';
    const history = await eventually(
      () => http().get('/cases/c-st3/history').set(h.auditor).expect(200),
      (r) => r.body.events.filter(barCleared).length === 2,
    );
    const byStaff = history.body.events.filter(barCleared).at(-1);
    expect(byStaff.actorId).toBe('u-staff');
    expect(byStaff.data).toMatchObject({
      clearedBy: 'u-staff',
      requestNote: 'quyết định kỷ luật đã bị hủy',
      flaggedNote: expect.stringContaining('old flag'),
    });
    expect(byStaff.correlationId).toBeTruthy();
    await step('c-st3', 'decision', 'leader', decision).expect(200);
  });
});
