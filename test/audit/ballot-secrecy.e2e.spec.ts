import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Ballot secrecy on every read path: what the case view withholds (an unannounced tally from roles
 * its rule does not name; every count from the subject of the case), the histories, the CSV, the
 * export and the `asOf` views withhold too, while the stored events and their hashes stay whole.
 */
describe('ballot secrecy on every read path', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let staff: Record<string, string>;
  let inspector: Record<string, string>;
  let secretary: Record<string, string>;
  /** An inspector who is also the person both cases are about. */
  let subject: Record<string, string>;
  /** A staff member who is the person the appointment is about. */
  let subjectAsStaff: Record<string, string>;
  /** Named by the discipline ballot's rule (`visibleTo`). */
  let auditor: Record<string, string>;
  /** May read histories, but is not named by the discipline ballot's rule. */
  let admin: Record<string, string>;
  /** Takes the discipline's decision (and is named by its ballot's rule). */
  let leader: Record<string, string>;
  // 11 members: warning 7 > 5.5 → warning. Distinctive numbers, so a leak is found in any format.
  const disciplineTally = {
    members: 11,
    summoned: 11,
    present: 11,
    invalid: 0,
    noDiscipline: 0,
    votesByForm: { warning: 7, reprimand: 4 },
  };
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-2',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-subject', votes: 17 },
      { personId: 'p-rival', votes: 7 },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp('ballot-secrecy', { RUN_WORKERS: 'true' });
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    inspector = bearer(t.token('u-inspector', ['inspector'], 'ou-town'));
    secretary = bearer(t.token('u-secretary', ['ballot_secretary'], 'ou-town'));
    subject = bearer(t.token('u-subject', ['inspector'], 'ou-town', 'p-subject'));
    subjectAsStaff = bearer(t.token('u-subject-2', ['organization_staff'], 'ou-town', 'p-subject'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    admin = bearer(t.token('u-admin', ['admin'], 'ou-town'));
    leader = bearer(t.token('u-leader', ['leadership'], 'ou-town'));
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: ['p-subject', 'p-rival'].map((id) => ({
        id,
        posts: [
          { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 160) },
        ],
        pool: ['pos-head'],
      })),
    });

    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'a-secret',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-subject',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
    await http()
      .post('/cases/a-secret/steps/leadership-round-1')
      .set(staff)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post and standards agreed' })
      .expect(200);
    await http()
      .post('/cases/a-secret/steps/expanded-nomination')
      .set(secretary)
      .send(nomination)
      .expect(200);

    // The discipline case opens after the appointment's nominations: an open discipline case
    // refuses a nomination naming its person (discipline.case_open).
    await http()
      .post('/discipline-cases')
      .set(inspector)
      .send({
        id: 'd-secret',
        definition: 'discipline.party',
        personId: 'p-subject',
        positionId: 'pos-deputy',
        orgUnitId: 'ou-town',
        summary: 'Vi phạm quy định quản lý đất đai',
        violation: {
          category: 'land_management',
          committedOn: addDays(today, -200),
          description: 'Ký cấp đất sai quy hoạch',
          source: 'inspection',
          severity: 'warning',
        },
      })
      .expect(201);
    for (const [stepId, who] of [
      ['verification', inspector],
      ['self-criticism', staff],
      ['review', inspector],
    ] as const) {
      await http()
        .post(`/discipline-cases/d-secret/steps/${stepId}`)
        .set(who)
        .send({
          heldOn: today,
          minutesRef: `BB-${stepId}`,
          conclusion: stepId,
          ...(stepId === 'verification' ? { violationConfirmed: true } : {}),
        })
        .expect(200);
    }
    await http()
      .post('/discipline-cases/d-secret/steps/ballot')
      .set(secretary)
      .send({ heldOn: today, minutesRef: 'BB-KP', tally: disciplineTally })
      .expect(200);

    // The audit history is a projection: wait until both ballots are in it.
    for (let tries = 0; tries < 200; tries += 1) {
      const [discipline, appointment] = await Promise.all([
        http().get('/cases/d-secret/history').set(auditor),
        http().get('/cases/a-secret/history').set(auditor),
      ]);
      const types = [...(discipline.body.events ?? []), ...(appointment.body.events ?? [])].map(
        (event: { type: string }) => event.type,
      );
      if (types.includes('DisciplineBallotTallied') && types.includes('NominationTallied')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const ballotOf = (events: { type: string }[], type: string) => {
    const found = events.find((event) => event.type === type);
    if (!found) throw new Error(`no ${type} in ${events.map((event) => event.type).join(', ')}`);
    return found as unknown as Record<string, unknown> & { data: Record<string, unknown> };
  };
  const ndjson = (text: string) =>
    text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; data: Record<string, unknown> });

  it('the case view hides the counts from the subject and from roles the rule does not name, as before', async () => {
    const seenBySubject = await http().get('/discipline-cases/d-secret').set(subject).expect(200);
    expect(seenBySubject.body.steps.at(-1)).toMatchObject({
      type: 'DisciplineBallotTallied',
      tally: 'withheld from the subject',
      withheld: ['tally', 'reason', 'accumulated', 'form'],
      outcome: 'form_chosen',
    });
    expect(seenBySubject.body.steps.at(-1).accumulated).toBeUndefined();
    const seenByInspector = await http().get('/discipline-cases/d-secret').set(inspector);
    expect(seenByInspector.body.steps.at(-1).tally).toEqual(disciplineTally);
  });

  it('the form the secret ballot chose is not told before the decision to a reader its counts are withheld from (before: "form":"warning" to staff and the subject)', async () => {
    const stepSeenBy = async (headers: Record<string, string>) =>
      (await http().get('/discipline-cases/d-secret').set(headers).expect(200)).body.steps.at(-1);
    for (const reader of [subject, staff]) {
      const ballot = await stepSeenBy(reader);
      expect(ballot).not.toHaveProperty('form');
      expect(ballot.withheld).toContain('form');
    }
    // The rule names the inspector and leadership, who takes the decision that applies it.
    expect(await stepSeenBy(inspector)).toMatchObject({ form: 'warning' });
    expect(await stepSeenBy(leader)).toMatchObject({ form: 'warning', tally: disciplineTally });
    // Nor the histories, the export or a view as of now.
    for (const path of ['/cases/d-secret/history', '/cadres/p-subject/history']) {
      const history = await http().get(path).set(subject).expect(200);
      const ballot = ballotOf(history.body.events, 'DisciplineBallotTallied');
      expect(ballot.withheld).toContain('form');
      expect(ballot.data).not.toHaveProperty('form');
      expect(ballot.data).toMatchObject({ outcome: 'form_chosen' });
    }
    const csv = await http().get('/cases/d-secret/history.csv').set(admin).expect(200);
    expect(csv.text).toMatch(/,tally;reason;accumulated;form\r\n/);
    expect(csv.text).not.toMatch(/""form"":""warning""/);
    const exported = ndjson(
      (await http().get('/audit/export?format=ndjson').set(admin).expect(200)).text,
    );
    expect(ballotOf(exported, 'DisciplineBallotTallied').data).not.toHaveProperty('form');
    const now = encodeURIComponent(new Date(Date.now() + 1000).toISOString());
    const asOf = await http().get(`/discipline-cases/d-secret?asOf=${now}`).set(staff).expect(200);
    expect(asOf.body.steps.at(-1)).not.toHaveProperty('form');
  });

  it('who an unannounced nomination selected is not told by the case either (nominees), except to whoever takes the next step', async () => {
    const nomineesSeenBy = async (headers: Record<string, string>) => {
      const { body } = await http().get('/cases/a-secret').set(headers).expect(200);
      return { nominees: body.nominees, withheld: body.nomineesWithheld };
    };
    // Before: `nominees` named the one selected while the step's `selected` was withheld.
    expect(await nomineesSeenBy(subject)).toEqual({
      nominees: null,
      withheld: 'withheld from the subject',
    });
    expect(await nomineesSeenBy(inspector)).toEqual({ nominees: null, withheld: 'not announced' });
    // The rule names organization staff; the secretary records the next ballot, on its paper.
    expect(await nomineesSeenBy(staff)).toEqual({ nominees: ['p-subject'], withheld: undefined });
    expect(await nomineesSeenBy(secretary)).toEqual({
      nominees: ['p-subject'],
      withheld: undefined,
    });
  });

  it('the subject reading the case history (JSON and CSV) sees neither the tally nor the reason that restates it', async () => {
    const history = await http().get('/cases/d-secret/history').set(subject).expect(200);
    const ballot = ballotOf(history.body.events, 'DisciplineBallotTallied');
    expect(ballot).toMatchObject({
      withheld: ['tally', 'reason', 'accumulated', 'form'],
      withheldBecause: 'withheld from the subject',
      data: { outcome: 'form_chosen' },
    });
    expect(history.text).not.toMatch(/votesByForm|7 votes/);

    const csv = await http().get('/cases/d-secret/history.csv').set(subject).expect(200);
    expect(csv.text).not.toMatch(/votesByForm|7 votes/);
    expect(csv.text).toMatch(/,tally;reason;accumulated;form\r\n/);

    // The appointment's unannounced nomination: no candidate's votes, in JSON or CSV.
    const appointment = await http().get('/cases/a-secret/history.csv').set(subject).expect(200);
    expect(appointment.text).toContain('NominationTallied');
    expect(appointment.text).not.toMatch(/p-rival|""votes""/);
  });

  it('a role the rule names still sees the counts in the history; a role it does not name does not', async () => {
    const byAuditor = await http().get('/cases/d-secret/history').set(auditor).expect(200);
    const shown = ballotOf(byAuditor.body.events, 'DisciplineBallotTallied');
    expect(shown.data.tally).toEqual(disciplineTally);
    expect(shown).not.toHaveProperty('withheld');
    const csv = await http().get('/cases/d-secret/history.csv').set(auditor).expect(200);
    expect(csv.text).toContain('votesByForm');

    const byAdmin = await http().get('/cases/d-secret/history').set(admin).expect(200);
    expect(ballotOf(byAdmin.body.events, 'DisciplineBallotTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'accumulated', 'form'],
      withheldBecause: 'not announced',
    });
  });

  it("the person's history withholds the counts of their own cases' ballots from them", async () => {
    const bySubject = await http().get('/cadres/p-subject/history').set(subject).expect(200);
    expect(ballotOf(bySubject.body.events, 'DisciplineBallotTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'accumulated', 'form'],
    });
    expect(ballotOf(bySubject.body.events, 'NominationTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'selected'],
    });
    expect(bySubject.text).not.toMatch(/votesByForm|p-rival/);
    const byAuditor = await http().get('/cadres/p-subject/history').set(auditor).expect(200);
    expect(ballotOf(byAuditor.body.events, 'DisciplineBallotTallied').data.tally).toEqual(
      disciplineTally,
    );
  });

  it('the export (NDJSON and CSV) withholds them from the subject and not from the auditor', async () => {
    const bySubject = await http().get('/audit/export?format=ndjson').set(subject).expect(200);
    const lines = ndjson(bySubject.text);
    expect(ballotOf(lines, 'DisciplineBallotTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'accumulated', 'form'],
    });
    expect(ballotOf(lines, 'NominationTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'selected'],
    });
    // The export holds every stream (p-rival's record too): look for the counts themselves.
    expect(bySubject.text).not.toMatch(/votesByForm|"votes":/);
    const csv = await http().get('/audit/export?format=csv').set(subject).expect(200);
    expect(csv.text).toContain('DisciplineBallotTallied');
    expect(csv.text).not.toMatch(/votesByForm|""votes""/);

    const byAuditor = await http().get('/audit/export?format=ndjson').set(auditor).expect(200);
    expect(ballotOf(ndjson(byAuditor.text), 'DisciplineBallotTallied').data.tally).toEqual(
      disciplineTally,
    );
    const csvByAuditor = await http().get('/audit/export?format=csv').set(auditor).expect(200);
    expect(csvByAuditor.text).toContain('votesByForm');
  });

  it('asOf views replay the case and still withhold the counts from the subject', async () => {
    const now = encodeURIComponent(new Date(Date.now() + 1000).toISOString());
    const discipline = await http()
      .get(`/discipline-cases/d-secret?asOf=${now}`)
      .set(subject)
      .expect(200);
    expect(discipline.body.steps.at(-1)).toMatchObject({
      type: 'DisciplineBallotTallied',
      tally: 'withheld from the subject',
    });
    expect(discipline.text).not.toMatch(/votesByForm|7 votes/);
    const appointment = await http()
      .get(`/cases/a-secret?asOf=${now}`)
      .set(subjectAsStaff)
      .expect(200);
    expect(appointment.text).toContain('NominationTallied');
    expect(appointment.text).not.toMatch(/p-rival/);
    // The same role without being the subject sees the nomination (its rule names staff).
    const byStaff = await http().get(`/cases/a-secret?asOf=${now}`).set(staff).expect(200);
    expect(byStaff.text).toContain('p-rival');
  });

  it('redaction changes only the answer: the hash chain verifies and the hashes shown are the stored ones', async () => {
    for (const stream of ['discipline-d-secret', 'appointment-a-secret']) {
      const verified = await http().get(`/audit/verify?stream=${stream}`).set(auditor).expect(200);
      expect(verified.body).toMatchObject({ ok: true });
    }
    const hashes = async (who: Record<string, string>) =>
      (await http().get('/cases/d-secret/history').set(who).expect(200)).body.events.map(
        (event: { hash: string }) => event.hash,
      );
    expect(await hashes(subject)).toEqual(await hashes(auditor));
  });

  it('once decided, the form is the decision: every reader sees the form the ballot chose, still not its counts', async () => {
    const beforeDecision = encodeURIComponent(new Date().toISOString());
    await new Promise((resolve) => setTimeout(resolve, 5));
    await http()
      .post('/discipline-cases/d-secret/steps/decision')
      .set(leader)
      .send({
        heldOn: today,
        number: '45-QĐ/UBKT',
        signer: 'Chủ nhiệm UBKT',
        form: 'warning',
        effectiveFrom: today,
      })
      .expect(200);
    for (let tries = 0; tries < 200; tries += 1) {
      const history = await http().get('/cases/d-secret/history').set(auditor);
      const types = (history.body.events ?? []).map((event: { type: string }) => event.type);
      if (types.includes('DisciplineDecided')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    for (const reader of [subject, staff]) {
      const view = await http().get('/discipline-cases/d-secret').set(reader).expect(200);
      expect(view.body.form).toBe('warning');
      const ballot = view.body.steps.find(
        (step: { type: string }) => step.type === 'DisciplineBallotTallied',
      );
      expect(ballot).toMatchObject({
        form: 'warning',
        withheld: ['tally', 'reason', 'accumulated'],
      });
    }
    for (const path of ['/cases/d-secret/history', '/cadres/p-subject/history']) {
      const history = await http().get(path).set(subject).expect(200);
      expect(ballotOf(history.body.events, 'DisciplineBallotTallied')).toMatchObject({
        withheld: ['tally', 'reason', 'accumulated'],
        data: { form: 'warning' },
      });
      expect(history.text).not.toMatch(/votesByForm/);
    }
    const exported = ndjson(
      (await http().get('/audit/export?format=ndjson').set(admin).expect(200)).text,
    );
    expect(ballotOf(exported, 'DisciplineBallotTallied')).toMatchObject({
      withheld: ['tally', 'reason', 'accumulated'],
      data: { form: 'warning' },
    });
    // As of before the decision too: the form is public by now.
    const asOf = await http()
      .get(`/discipline-cases/d-secret?asOf=${beforeDecision}`)
      .set(staff)
      .expect(200);
    expect(asOf.body.status).toBe('open');
    expect(asOf.body.steps.at(-1)).toMatchObject({ form: 'warning', tally: 'not announced' });
  });
});
