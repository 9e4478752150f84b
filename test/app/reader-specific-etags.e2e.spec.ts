import request from 'supertest';
import { addDays, buildRegistry, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * HTTP caching never hands one reader's view to another: an unannounced nomination's tally,
 * read by a role its rule names, has another ETag than the withheld view a role it does not name
 * is answered, so revalidating the first answer under the second sign-in is a 200 with the
 * withheld body, not a 304. The ETag still leads with the revision If-Match takes.
 */
describe('ETags of views that depend on the reader', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  let staff: Record<string, string>;
  let secretary: Record<string, string>;
  let leader: Record<string, string>;
  let auditor: Record<string, string>;
  const nomination = {
    heldOn: today,
    minutesRef: 'BB-2',
    members: 15,
    summoned: 15,
    present: 15,
    invalid: 0,
    candidates: [
      { personId: 'p-chosen', votes: 12 },
      { personId: 'p-rival', votes: 3 },
    ],
  };

  beforeAll(async () => {
    t = await startTestApp('reader-etags');
    staff = bearer(t.token('u-staff', ['organization_staff'], 'ou-town'));
    secretary = bearer(t.token('u-secretary', ['ballot_secretary'], 'ou-town'));
    leader = bearer(t.token('u-leader', ['leadership'], 'ou-town'));
    auditor = bearer(t.token('u-auditor', ['auditor'], 'ou-town'));
    await buildRegistry(t, staff, {
      positions: [
        { id: 'pos-deputy', rank: 3 },
        { id: 'pos-head', rank: 5 },
      ],
      people: ['p-chosen', 'p-rival'].map((id) => ({
        id,
        posts: [
          { positionId: 'pos-deputy', from: addDays(today, -1700), termEnd: addDays(today, 100) },
        ],
        pool: ['pos-head'],
      })),
    });
    await http()
      .post('/cases')
      .set(staff)
      .send({
        id: 'a-etag',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-chosen',
        positionId: 'pos-head',
        orgUnitId: 'ou-town',
        summary: 'Fill the post of head',
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a write accepts the ETag its reader got, and a stale one is still the 409 that names the revision', async () => {
    const read = await http().get('/cases/a-etag').set(staff).expect(200);
    expect(read.headers.etag).toMatch(/^"0\.[\w-]+"$/);
    await http()
      .post('/cases/a-etag/steps/leadership-round-1')
      .set(staff)
      .set('If-Match', read.headers.etag)
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'post and standards agreed' })
      .expect(200);
    const stale = await http()
      .post('/cases/a-etag/steps/expanded-nomination')
      .set(secretary)
      .set('If-Match', read.headers.etag)
      .send(nomination)
      .expect(409);
    expect(stale.body).toMatchObject({ rule: 'concurrency.stale_revision', currentRevision: 1 });
    const written = await http()
      .post('/cases/a-etag/steps/expanded-nomination')
      .set(secretary)
      .set('If-Match', '"1"')
      .send(nomination)
      .expect(200);
    expect(written.headers.etag).toMatch(/^"2\./);
  });

  it('refuses a weak tag, a digest the service never answers and a revision past 2^53 - 1 with 400 header.if_match, and writes nothing', async () => {
    const read = await http().get('/cases/a-etag').set(staff).expect(200);
    const revision = read.body.revision as number;
    const refusals: [string, RegExp][] = [
      // Before: accepted as revision `revision` (weak tags and any digest were read as the revision).
      [`W/"${revision}.abc"`, /weak entity tag .*RFC 9110/],
      [`W/${read.headers.etag}`, /weak entity tag/],
      [`"${revision}.abc"`, /the ETag you last read/],
      // Before: 409 "expected revision 10000000000000000000".
      ['"9999999999999999999"', /revision 9999999999999999999 is beyond any revision/],
    ];
    for (const [ifMatch, detail] of refusals) {
      const refused = await http()
        .post('/cases/a-etag/withdraw')
        .set(staff)
        .set('If-Match', ifMatch)
        .send({ reason: 'thử' });
      expect({ ifMatch, status: refused.status, rule: refused.body.rule }).toEqual({
        ifMatch,
        status: 400,
        rule: 'header.if_match',
      });
      expect(refused.body).toMatchObject({ field: 'If-Match' });
      expect(refused.body.detail).toMatch(detail);
    }
    const after = await http().get('/cases/a-etag').set(staff).expect(200);
    expect(after.body.revision).toBe(revision);
  });

  it("revalidating the leader's answer as the auditor is a 200 with the tally withheld, not a 304", async () => {
    const byLeader = await http().get('/cases/a-etag').set(leader).expect(200);
    const tallied = byLeader.body.steps.find(
      (step: { type: string }) => step.type === 'NominationTallied',
    );
    expect(tallied.tally).toMatchObject({ members: 15 });
    expect(byLeader.headers.etag).toMatch(/^"2\./);

    const byAuditor = await http()
      .get('/cases/a-etag')
      .set(auditor)
      .set('If-None-Match', byLeader.headers.etag)
      .expect(200);
    expect(
      byAuditor.body.steps.find((step: { type: string }) => step.type === 'NominationTallied'),
    ).toMatchObject({ tally: 'not announced' });
    expect(byAuditor.text).not.toMatch(/p-rival|"votes"/);
    expect(byAuditor.headers.etag).toMatch(/^"2\./);
    expect(byAuditor.headers.etag).not.toBe(byLeader.headers.etag);
  });

  it('the same reader revalidating gets 304', async () => {
    const first = await http().get('/cases/a-etag').set(leader).expect(200);
    await http()
      .get('/cases/a-etag')
      .set(leader)
      .set('If-None-Match', first.headers.etag)
      .expect(304);
  });

  it('answers to a signed-in reader are private to them and vary by their token', async () => {
    for (const path of ['/cases/a-etag', '/cadres/p-chosen', '/inbox']) {
      const answer = await http().get(path).set(auditor);
      expect(answer.headers['cache-control']).toBe('private, no-cache');
      expect(answer.headers.vary).toMatch(/\bAuthorization\b/);
    }
  });

  it('If-Match: * matches the case as it is now (RFC 9110 §13.1.1): the write runs without a revision check', async () => {
    const before = await http().get('/cases/a-etag').set(staff).expect(200);
    // Before: 400 header.if_match.
    const withdrawn = await http()
      .post('/cases/a-etag/withdraw')
      .set(staff)
      .set('If-Match', '*')
      .send({ reason: 'Rút hồ sơ theo đề nghị' });
    expect({ status: withdrawn.status, rule: withdrawn.body.rule }).toEqual({ status: 200 });
    const after = await http().get('/cases/a-etag').set(staff).expect(200);
    expect(after.body.revision).toBe(before.body.revision + 1);
    expect(after.body.status).toBe('withdrawn');
    // No current representation: nothing to match; refused as without the header.
    const withdraw = (headers: Record<string, string>) =>
      http().post('/cases/a-none/withdraw').set(staff).set(headers).send({ reason: 'thử' });
    const none = await withdraw({ 'If-Match': '*' });
    const plain = await withdraw({});
    expect(none.status).toBeGreaterThanOrEqual(400);
    expect({ status: none.status, rule: none.body.rule }).toEqual({
      status: plain.status,
      rule: plain.body.rule,
    });
  });
});
