import request from 'supertest';
import { buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let tries = 0; tries < 200 && !done(value); tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

/** A clerk types 6 instead of 10 votes: the case is corrected, not lost, over HTTP on real PostgreSQL. */
describe('correcting a recorded step over HTTP', () => {
  let t: TestApp;
  const h: Record<string, Record<string, string>> = {};
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const tally = (forVotes: number) => ({
    heldOn: today,
    minutesRef: 'BB-05',
    tally: {
      members: 13,
      summoned: 13,
      present: 13,
      for: forVotes,
      against: 13 - forVotes,
      abstain: 0,
      invalid: 0,
    },
  });
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-02',
    members: 25,
    summoned: 25,
    present: 24,
    invalid: 0,
    candidates: [
      { personId: 'p-an', votes: 16 },
      { personId: 'p-binh', votes: 8 },
    ],
  };
  const correct = (stepId: string, who: string, body: object, revision?: number) => {
    const call = http().post(`/cases/c-fix/steps/${stepId}/corrections`).set(h[who]);
    return (revision === undefined ? call : call.set('If-Match', `"${revision}"`)).send(body);
  };

  beforeAll(async () => {
    t = await startTestApp('step_correction', { RUN_WORKERS: 'true' });
    for (const [who, roles] of Object.entries({
      staff: ['organization_staff'],
      secretary: ['ballot_secretary'],
      auditor: ['auditor'],
      inspector: ['inspector'],
    }))
      h[who] = { Authorization: `Bearer ${t.token(`u-${who}`, roles, 'ou-town')}` };
    await buildRegistry(t, h.staff, {
      positions: [
        { id: 'pos-head', rank: 5 },
        { id: 'pos-deputy', rank: 4 },
        { id: 'pos-chief', rank: 5 },
      ],
      people: [
        {
          id: 'p-an',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-head'],
        },
        { id: 'p-binh' },
        {
          id: 'p-cuong',
          posts: [{ positionId: 'pos-deputy', from: '2021-03-01', termEnd: '2026-03-01' }],
          pool: ['pos-chief'],
        },
      ],
    });
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-fix',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-an',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
    const steps: [string, string, object][] = [
      ['leadership-round-1', 'staff', { heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' }],
      ['expanded-nomination', 'secretary', nomination],
      ['leadership-round-2', 'secretary', tally(10)],
      ['key-officials-nomination', 'secretary', { ...nomination, minutesRef: 'BB-04' }],
    ];
    for (const [stepId, who, body] of steps)
      await http().post(`/cases/c-fix/steps/${stepId}`).set(h[who]).send(body).expect(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a final ballot typed as 6 of 13 rejects the case; staff correct it to 10 and it goes on', async () => {
    const typo = await http()
      .post('/cases/c-fix/steps/leadership-round-3')
      .set(h.secretary)
      .send(tally(6))
      .expect(200);
    expect(typo.body).toMatchObject({ status: 'rejected', rejection: { rule: 'ballot.failed' } });
    expect(typo.body.allowedNext).toEqual([
      expect.objectContaining({
        action: 'correct-step',
        stepId: 'leadership-round-3',
        roles: ['organization_staff'],
        href: '/cases/c-fix/steps/leadership-round-3/corrections',
      }),
    ]);
    const revision = typo.body.revision as number;

    // The secretary who typed it is not a role the definition lets correct.
    const wrongRole = await correct('leadership-round-3', 'secretary', {
      reason: 'typo',
      ...tally(10),
    }).expect(403);
    expect(wrongRole.body.rule).toBe('step.correction_role_not_allowed');
    // No reason, no correction; a stale revision is a conflict.
    const noReason = await correct('leadership-round-3', 'staff', tally(10), revision).expect(400);
    expect(noReason.body).toMatchObject({ rule: 'body.invalid', field: 'reason' });
    const stale = await correct(
      'leadership-round-3',
      'staff',
      { reason: 'typo', ...tally(10) },
      revision - 1,
    ).expect(409);
    expect(stale.body).toMatchObject({ currentRevision: revision });

    const fixed = await correct(
      'leadership-round-3',
      'staff',
      { reason: 'Typed 6 instead of 10; minutes BB-05 record 10 of 13', ...tally(10) },
      revision,
    ).expect(200);
    expect(fixed.headers.etag).toMatch(new RegExp(`^"${revision + 1}\\.`));
    expect(fixed.body).toMatchObject({ status: 'open', currentStep: { id: 'vetting' } });
    expect(fixed.body.steps.at(-1)).toMatchObject({
      type: 'BallotTallied',
      outcome: 'passed',
      tally: { for: 10 },
      corrections: [
        {
          reason: 'Typed 6 instead of 10; minutes BB-05 record 10 of 13',
          correctedBy: 'u-staff',
          replaced: { type: 'BallotTallied', outcome: 'failed', tally: { for: 6 } },
        },
      ],
    });

    // The inbox and the case list follow: the vetting step waits on staff.
    const inbox = await eventually(
      async () => (await http().get('/inbox').set(h.staff).expect(200)).body.items,
      (items: { caseId: string }[]) => items.some((item) => item.caseId === 'c-fix'),
    );
    expect(inbox.find((item: { caseId: string }) => item.caseId === 'c-fix')).toMatchObject({
      step: 'vetting',
    });
    const list = await http().get('/cases?status=open').set(h.staff).expect(200);
    expect(list.body.items.map((item: { caseId: string }) => item.caseId)).toContain('c-fix');

    // The next step can be performed.
    await http()
      .post('/cases/c-fix/steps/vetting')
      .set(h.staff)
      .send({
        heldOn: today,
        items: [
          'background',
          'asset_declaration',
          'political_standards',
          'residence_party_cell_opinion',
          'health',
        ].map((item) => ({ item, result: 'cleared' })),
      })
      .expect(200);
  });

  it('refuses to correct a step once a later one was performed, naming the rule', async () => {
    const late = await correct('leadership-round-3', 'staff', {
      reason: 'second thoughts',
      ...tally(11),
    }).expect(409);
    expect(late.body).toMatchObject({ rule: 'step.correction_after_later_step', field: 'stepId' });
  });

  it('the audit history shows the original, the rejection and the correction with who and why', async () => {
    const events = await eventually(
      async () =>
        // 404 until the history projection has reached the case: read again.
        ((await http().get('/cases/c-fix/history').set(h.auditor)).body.events ?? []) as {
          type: string;
          actorId: string;
          data: Record<string, unknown>;
        }[],
      (list) => list.some((event) => event.type === 'VettingItemsRecorded'),
    );
    const types = events.map((event) => event.type);
    const typo = events.filter((event) => event.type === 'BallotTallied').at(-1)!;
    expect(typo).toMatchObject({ actorId: 'u-secretary', data: { tally: { for: 6 } } });
    const correction = events.find((event) => event.type === 'StepCorrected')!;
    expect(correction).toMatchObject({
      actorId: 'u-staff',
      data: {
        stepId: 'leadership-round-3',
        reason: 'Typed 6 instead of 10; minutes BB-05 record 10 of 13',
        correctedBy: 'u-staff',
        replaces: 'BallotTallied',
        corrected: { type: 'BallotTallied', data: { outcome: 'passed', tally: { for: 10 } } },
      },
    });
    // The subject sees no count of a ballot about them, nor the clerk's words that restate it
    // (before: "Typed 6 instead of 10 …" on the correction, in the history and the case view).
    const subject = {
      Authorization: `Bearer ${t.token('u-an', ['organization_staff', 'auditor'], 'ou-town', 'p-an')}`,
    };
    const theirs = (await http().get('/cases/c-fix/history').set(subject).expect(200)).body
      .events as { type: string; data: Record<string, unknown>; withheld?: string[] }[];
    const seen = theirs.find((event) => event.type === 'StepCorrected')!;
    expect(seen.withheld).toContain('reason');
    expect(JSON.stringify(seen)).not.toContain('Typed 6 instead of 10');
    const view = (await http().get('/cases/c-fix').set(subject).expect(200)).body;
    const round3 = view.steps.find(
      (step: { stepId?: string }) => step.stepId === 'leadership-round-3',
    );
    expect(round3.corrections[0]).toMatchObject({ reason: 'withheld from the subject' });
    expect(JSON.stringify(view)).not.toContain('Typed 6 instead of 10');
    expect(types.indexOf('CaseRejected')).toBeLessThan(types.indexOf('StepCorrected'));
    expect(types.indexOf('StepCorrected')).toBeLessThan(types.indexOf('VettingItemsRecorded'));
  });

  // Before: the correction of an unannounced nomination withheld its own reason with the counts
  // from the auditor and the inspector ("withheld: reason;corrected.tally;…"), and the web read
  // "lý do: undefined". Why a secret tally was changed is theirs to read; only the counts are not.
  it('the auditor and the inspector read why an unannounced nomination was corrected, not its counts', async () => {
    await http()
      .post('/cases')
      .set(h.staff)
      .send({
        id: 'c-a2',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-cuong',
        positionId: 'pos-chief',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of chief',
      })
      .expect(201);
    await http()
      .post('/cases/c-a2/steps/leadership-round-1')
      .set(h.staff)
      .send({ heldOn: today, minutesRef: 'BB-01', conclusion: 'agreed' })
      .expect(200);
    const typed = { ...nomination, candidates: [{ personId: 'p-cuong', votes: 16 }] };
    await http()
      .post('/cases/c-a2/steps/expanded-nomination')
      .set(h.secretary)
      .send(typed)
      .expect(200);
    await http()
      .post('/cases/c-a2/steps/expanded-nomination/corrections')
      .set(h.staff)
      .send({ reason: 'Nhầm phiếu', ...typed, candidates: [{ personId: 'p-cuong', votes: 19 }] })
      .expect(200);
    type Entry = { type: string; data: Record<string, unknown>; withheld?: string[] };
    for (const who of ['auditor', 'inspector']) {
      const events = (
        await eventually(
          async () =>
            ((await http().get('/cases/c-a2/history').set(h[who])).body.events ?? []) as Entry[],
          (list) => list.some((event) => event.type === 'StepCorrected'),
        )
      ).filter((event) => event.type === 'StepCorrected');
      expect({ who, reason: events[0].data.reason, withheld: events[0].withheld }).toEqual({
        who,
        reason: 'Nhầm phiếu',
        withheld: ['corrected.tally', 'corrected.reason', 'corrected.selected'],
      });
      expect(JSON.stringify(events[0])).not.toMatch(/"votes":(16|19)/);
      const csv = (await http().get('/cases/c-a2/history.csv').set(h[who]).expect(200)).text;
      const line = csv.split('\r\n').find((row) => row.includes('StepCorrected'))!;
      expect(line).toContain('Nhầm phiếu');
      expect(line).toMatch(/,corrected\.tally;corrected\.reason;corrected\.selected$/);
      const view = (await http().get('/cases/c-a2').set(h[who]).expect(200)).body;
      const step = view.steps.find(
        (record: { stepId?: string }) => record.stepId === 'expanded-nomination',
      );
      expect(step.corrections[0]).toMatchObject({ reason: 'Nhầm phiếu', correctedBy: 'u-staff' });
      expect(step.corrections[0].withheld).toBeUndefined();
      expect(step.withheld).toEqual(expect.arrayContaining(['tally']));
    }
    // The candidate still reads neither the counts nor the clerk's words about them.
    const candidate = {
      Authorization: `Bearer ${t.token('u-cuong', ['auditor'], 'ou-town', 'p-cuong')}`,
    };
    const theirs = (await http().get('/cases/c-a2/history').set(candidate).expect(200)).body
      .events as Entry[];
    const seen = theirs.find((event) => event.type === 'StepCorrected')!;
    expect(seen.withheld).toContain('reason');
    expect(JSON.stringify(seen)).not.toContain('Nhầm phiếu');
  });

  it('a discipline case closed by a mistyped form ballot is corrected by the inspector and goes on', async () => {
    await http()
      .post('/discipline-cases')
      .set(h.inspector)
      .send({
        id: 'd-fix',
        definition: 'discipline.party',
        personId: 'p-binh',
        orgUnitId: 'ou-town',
        summary: 'reprimand for p-binh',
        violation: {
          category: 'budget',
          committedOn: '2026-01-10',
          description: 'x',
          source: 'inspection',
          severity: 'reprimand',
        },
      })
      .expect(201);
    for (const [stepId, who, extra] of [
      ['verification', 'inspector', { violationConfirmed: true }],
      ['self-criticism', 'staff', {}],
      ['review', 'inspector', {}],
    ] as const)
      await http()
        .post(`/discipline-cases/d-fix/steps/${stepId}`)
        .set(h[who])
        .send({ heldOn: today, minutesRef: 'B', conclusion: 'x', ...extra })
        .expect(200);
    const formBallot = (reprimand: number) => ({
      heldOn: today,
      minutesRef: 'BB-K',
      tally: {
        members: 13,
        summoned: 13,
        present: 13,
        invalid: 0,
        noDiscipline: 13 - reprimand,
        votesByForm: { reprimand },
      },
    });
    const typo = await http()
      .post('/discipline-cases/d-fix/steps/ballot')
      .set(h.secretary)
      .send(formBallot(3))
      .expect(200);
    expect(typo.body.status).toBe('closed');
    const fixed = await http()
      .post('/discipline-cases/d-fix/steps/ballot/corrections')
      .set(h.inspector)
      .set('If-Match', `"${typo.body.revision}"`)
      .send({ reason: 'Typed 3 instead of 10 for reprimand', ...formBallot(10) });
    expect(fixed.status).toBe(200);
    expect(fixed.body).toMatchObject({ status: 'open', currentStep: { id: 'decision' } });
    expect(fixed.body.steps.at(-1).corrections[0]).toMatchObject({
      correctedBy: 'u-inspector',
      replaced: { type: 'DisciplineBallotTallied' },
    });
  });
});
