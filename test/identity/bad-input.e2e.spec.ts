import { AddressInfo } from 'node:net';
import { request as httpRequest, Server } from 'node:http';
import request from 'supertest';
import { ROLES } from '../../src/identity/actor';
import { addDays, vietnamToday } from '../support/registry-fixture';
import { startTestApp, TestApp } from '../support/test-app';

const cursorOf = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

/**
 * Input no field can take is a 400 that names the field, and nothing of it is stored: NUL bytes
 * (PostgreSQL refuses them, which used to surface as 500s), days that are not on the calendar,
 * malformed cursors, bodies that are not UTF-8, and `__proto__` / `constructor` keys.
 */
describe('bad input', () => {
  let t: TestApp;
  const today = vietnamToday();
  const http = () => request(t.server as never);
  const everyone = () => ({ Authorization: `Bearer ${t.token('u-all', [...ROLES], 'ou-prov')}` });

  // Events any request wrote, in whatever stream a route writes; what the workers write as
  // `system:…` (sagas, timers) is left out, as it moves for reasons of its own.
  const written = async () => {
    const { rows } = await t.db.pool.query(
      `SELECT (SELECT count(*) FROM events WHERE metadata->>'actorId' NOT LIKE 'system:%')::int AS events, (SELECT count(*) FROM org_units)::int AS units,
              (SELECT count(*) FROM positions)::int AS positions, (SELECT count(*) FROM idempotent_requests)::int AS idempotent`,
    );
    return rows[0];
  };

  /** Sends bytes as they are (supertest would re-encode a Buffer as JSON). */
  const sendRaw = async (path: string, body: Buffer, contentType = 'application/json') => {
    const server = t.server as Server;
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const outgoing = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path,
          method: 'POST',
          headers: { ...everyone(), 'Content-Type': contentType, 'Content-Length': body.length },
        },
        (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode!, body: JSON.parse(text) }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };

  beforeAll(async () => {
    t = await startTestApp('bad-input');
    const admin = everyone();
    await http()
      .post('/org-units')
      .set(admin)
      .send({ id: 'ou-prov', name: 'Tỉnh', kind: 'province' })
      .expect(201);
    await http()
      .post('/positions')
      .set(admin)
      .send({
        id: 'pos-a',
        title: 'Trưởng phòng',
        orgUnitId: 'ou-prov',
        appointingAuthority: 'ou-prov',
        rank: 4,
      })
      .expect(201);
    await http()
      .post('/cadres')
      .set(admin)
      .send({
        id: 'p-a',
        fullName: 'Lê Văn A',
        dateOfBirth: '1980-02-02',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-prov',
      })
      .expect(201);
    await http()
      .post('/cases')
      .set(admin)
      .send({
        id: 'c-a',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-a',
        positionId: 'pos-a',
        orgUnitId: 'ou-prov',
        summary: 'x',
      })
      .expect(201);
    await http()
      .post('/discipline-cases')
      .set(admin)
      .send({
        id: 'd-a',
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-prov',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: addDays(today, -10),
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      })
      .expect(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectRefusal = (
    response: { status: number; body: Record<string, unknown> },
    field: string,
    rule?: string | RegExp,
  ) => {
    expect({ status: response.status, field: response.body.field }).toEqual({ status: 400, field });
    expect(typeof response.body.message).toBe('string');
    expect(typeof response.body.rule).toBe('string');
    if (rule) expect(response.body.rule).toMatch(rule);
  };

  it('tells a discipline case read as a case (and the reverse) apart from one out of the grant, to a grant that reaches it', async () => {
    // Before: 403 "case d-a is not in any unit your grant for ou-prov covers", from the grant
    // that opened it.
    const asCase = await http().get('/cases/d-a').set(everyone());
    expect({ status: asCase.status, rule: asCase.body.rule, field: asCase.body.field }).toEqual({
      status: 404,
      rule: 'case.other_kind',
      field: 'id',
    });
    expect(asCase.body.message).toContain('/discipline-cases/d-a');
    const asDiscipline = await http().get('/discipline-cases/c-a').set(everyone());
    expect({ status: asDiscipline.status, rule: asDiscipline.body.rule }).toEqual({
      status: 404,
      rule: 'case.other_kind',
    });
    expect(asDiscipline.body.message).toContain('/cases/c-a');
    // Named in a body, it is the wrong kind of case; nothing is opened.
    const before = await written();
    const opened = await http().post('/cases').set(everyone()).send({
      procedure: 'appointment',
      definition: 'appointment.internal',
      personId: 'p-a',
      positionId: 'pos-a',
      orgUnitId: 'ou-prov',
      summary: 'x',
      approvalInPrincipleCaseId: 'd-a',
    });
    expect({ status: opened.status, rule: opened.body.rule, field: opened.body.field }).toEqual({
      status: 422,
      rule: 'case.other_kind',
      field: 'approvalInPrincipleCaseId',
    });
    expect(await written()).toEqual(before);
    // A grant that does not reach it learns nothing more than of an id that does not exist.
    await http()
      .post('/org-units')
      .set(everyone())
      .send({ id: 'ou-far', name: 'Tỉnh khác', kind: 'province' })
      .expect(201);
    const elsewhere = { Authorization: `Bearer ${t.token('u-far', [...ROLES], 'ou-far')}` };
    for (const path of ['/cases/d-a', '/discipline-cases/c-a', '/cases/d-none']) {
      const far = await http().get(path).set(elsewhere);
      expect({ path, status: far.status, rule: far.body.rule }).toEqual({
        path,
        status: 403,
        rule: 'scope.out_of_scope',
      });
    }
  });

  it('refuses a NUL byte in a path id, a query value or a body string, naming the field, writing nothing', async () => {
    const before = await written();
    expectRefusal(await http().get('/cadres/p%00a').set(everyone()), 'id', 'path.invalid_text');
    expectRefusal(await http().get('/cases/c%00a').set(everyone()), 'id');
    expectRefusal(await http().get('/org-units/ou%00').set(everyone()), 'id');
    expectRefusal(await http().get('/cases?person=a%00b').set(everyone()), 'person');
    expectRefusal(await http().get('/positions?orgUnit=%00').set(everyone()), 'orgUnit');
    expectRefusal(
      await http().get('/discipline-records?category=x%00&purpose=check').set(everyone()),
      'category',
    );
    expectRefusal(
      await http().post('/cadres/p%00a/statuses').set(everyone()).send({}),
      'id',
      'path.invalid_text',
    );
    expectRefusal(
      await http()
        .post('/org-units')
        .set(everyone())
        .send({ id: 'ou-x', name: 'Sở\u0000Nội vụ', kind: 'department' }),
      'name',
      'body.invalid_text',
    );
    expectRefusal(
      await http()
        .post('/cases/c-a/steps/leadership-round-1')
        .set(everyone())
        .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'ok\u0000' }),
      'conclusion',
    );
    expectRefusal(
      await http()
        .post('/discipline-cases/d-a/steps/ballot')
        .set(everyone())
        .send({
          heldOn: today,
          tally: {
            members: 1,
            summoned: 1,
            present: 1,
            invalid: 0,
            noDiscipline: 0,
            votesByForm: { 'warning\u0000': 1 },
          },
        }),
      'tally.votesByForm["warning\\u0000"]',
    );
    // Other control characters are refused where text cannot hold them; free text keeps line breaks.
    expectRefusal(await http().get('/cases?person=a%07').set(everyone()), 'person');
    expectRefusal(
      await http()
        .post('/cadres/p-a/statuses')
        .set(everyone())
        .send({ status: 'abroad', from: today, note: 'bell \u0007' }),
      'note',
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a direction override or another invisible character in a path id or a query, naming the parameter, never echoing it', async () => {
    const before = await written();
    // Before: 403 "person \u202e is not registered…", the override echoed into the message.
    for (const [path, field] of [
      ['/cadres/%E2%80%AE', 'id'],
      ['/cases/c-a%E2%80%8B', 'id'],
      ['/org-units/ou-prov%E2%80%A8', 'id'],
    ]) {
      const refused = await http().get(path).set(everyone());
      expectRefusal(refused, field, 'path.invalid_text');
      expect(refused.body.message).toMatch(/U\+(202E|200B|2028|FEFF)/);
      expect(refused.body.message).not.toMatch(/[\u200b\u2028\u202e\ufeff]/);
    }
    const write = await http()
      .post('/cadres/p-a%E2%80%AE/statuses')
      .set(everyone())
      .send({ status: 'abroad', from: today, note: 'x' });
    expectRefusal(write, 'id', 'path.invalid_text');
    const step = await http()
      .post('/cases/c-a/steps/%EF%BB%BFleadership-round-1')
      .set(everyone())
      .send({ heldOn: today, minutesRef: 'BB-1', conclusion: 'ok' });
    expectRefusal(step, 'stepId', 'path.invalid_text');
    expect(step.body.message).toMatch(/U\+FEFF\) at position 1/);
    const query = await http().get('/cases?orgUnit=ou-prov%E2%80%AE').set(everyone());
    expectRefusal(query, 'orgUnit', 'query.invalid_text');
    expect(query.body.message).not.toContain('\u202e');
    const name = await http().get('/cases?%E2%80%AEorgUnit=ou-prov').set(everyone());
    expect(name.status).toBe(400);
    expect(name.body.rule).toBe('query.invalid_text');
    expect(JSON.stringify(name.body)).not.toContain('\u202e');
    // In a body's key too: before, 400 "\u202e: unknown field", the override echoed.
    const key = await http()
      .post('/org-units')
      .set(everyone())
      .send({ id: 'ou-key', name: 'Xã Khóa', kind: 'commune', '\u202e': 1 });
    expectRefusal(key, '["\\u202E"]', 'body.invalid_text');
    expect(JSON.stringify(key.body)).not.toContain('\u202e');
    expect(await written()).toEqual(before);
  });

  it('refuses an eligibility question about a procedure it does not judge, listing the ones it does', async () => {
    const asked = (query: string) =>
      http().get(`/cadres/p-a/eligibility?for=pos-a&${query}`).set(everyone());
    for (const query of ['procedure=promotion', 'procedure=Rotation', 'procedure=rotation%20']) {
      const refused = await asked(query);
      expectRefusal(refused, 'procedure', 'query.procedure');
      expect(refused.body.message).toBe('procedure: one of appointment, rotation');
    }
    expectRefusal(await asked('procedure='), 'procedure');
    expectRefusal(await asked('procedure=rotation&procedure=x'), 'procedure', 'query.repeated');
    for (const known of ['procedure=appointment', 'procedure=rotation', 'asOf=' + today])
      expect((await asked(known)).status).toBe(200);
  });

  it('refuses an empty query value and a limit that is not digits, naming the parameter', async () => {
    // Before: 422 org_unit.not_found "org unit  does not exist" for `?orgUnit=`.
    const empty = await http().get('/cases?orgUnit=').set(everyone());
    expectRefusal(empty, 'orgUnit', 'query.empty');
    expect(empty.body.message).toBe('orgUnit: must not be empty; leave the parameter out instead');
    for (const [path, field] of [
      ['/inbox?procedure=', 'procedure'],
      ['/cases?limit=5&person=', 'person'],
      ['/cadres?q=', 'q'],
      ['/discipline-records?purpose=', 'purpose'],
    ])
      expectRefusal(await http().get(path).set(everyone()), field, 'query.empty');
    // Before: `limit=1e2` was read as 100 (200), though `limit=1.5` was refused.
    for (const path of [
      '/cases?limit=1e2',
      '/cases?limit=0x10',
      '/inbox?limit=%2B5',
      '/audit/access-log?limit=5.0',
      '/cadres?q=Lê&limit=1e1',
    ])
      expectRefusal(await http().get(path).set(everyone()), 'limit', 'query.limit');
    await http().get('/cases?limit=100').set(everyone()).expect(200);
    await http().get('/cadres?q=Lê&limit=10').set(everyone()).expect(200);
  });

  it('refuses a body that is an array, or gives a key twice at any depth, naming its path, writing nothing', async () => {
    const before = await written();
    const raw = (path: string, json: string) =>
      http().post(path).set(everyone()).set('Content-Type', 'application/json').send(json);
    // Before: 400 "0: unknown field", while `"x"` and `null` were told to send one JSON object.
    for (const json of ['[1,2]', '[]', '[{"id":"p-arr"}]']) {
      const array = await raw('/cadres', json);
      expectRefusal(array, 'body', 'body.not_object');
      expect(array.body.message).toMatch(/send one JSON object/);
    }
    // Before: 201, the last fullName registered and the first dropped without a word.
    const person = (fullName: string) =>
      `"id":"p-dup","fullName":"${fullName}","dateOfBirth":"1985-03-03","gender":"male","ethnicity":"Kinh","partyMember":false,"educationLevel":"x","politicalTheoryLevel":"y","orgUnitId":"ou-prov"`;
    const twice = await raw('/cadres', `{${person('Dup')},"fullName":"Nguyễn Văn Thử"}`);
    expectRefusal(twice, 'fullName', 'body.repeated_key');
    expect(twice.body.message).toBe(
      'fullName: the key is given more than once in its object; send each key once',
    );
    // The same key spelt with an escape is the same key once parsed.
    expectRefusal(
      await raw('/cadres', `{${person('Dup')},"full\\u004eame" : "Khác"}`),
      'fullName',
      'body.repeated_key',
    );
    expectRefusal(
      await raw(
        '/cases/c-a/steps/vetting',
        `{"heldOn":"${today}","items":[{"item":"background","result":"cleared"},{"item":"health","result":"flagged","note":"a, {\\"result\\": 1}","result":"cleared"}]}`,
      ),
      'items[1].result',
      'body.repeated_key',
    );
    expectRefusal(
      await raw(
        '/discipline-cases/d-a/steps/ballot',
        `{"heldOn":"${today}","tally":{"members":7,"summoned":7,"present":7,"invalid":0,"noDiscipline":0,"votesByForm":{"warning":3,"warning":4}}}`,
      ),
      'tally.votesByForm.warning',
      'body.repeated_key',
    );
    expect(await written()).toEqual(before);
    // The same key in two objects is no repeat; malformed JSON is still refused as such.
    expect((await raw('/cadres', `{${person('Dup')},"fullName":`)).body).toMatchObject({
      status: 400,
      rule: 'body.malformed_json',
    });
    await raw('/cadres', `{${person('Trần Văn Một')}}`).expect(201);
  });

  it('refuses days that are not on the calendar, in query parameters and in every kind of body', async () => {
    const before = await written();
    expectRefusal(await http().get('/cases?from=2026-02-30').set(everyone()), 'from', 'query.from');
    expectRefusal(await http().get('/cases?to=2026-13-45').set(everyone()), 'to');
    expectRefusal(
      await http().get('/discipline-records?asOf=2026-02-30&purpose=check').set(everyone()),
      'asOf',
    );
    expectRefusal(await http().get('/discipline-records?from=0000-00-00').set(everyone()), 'from');
    expectRefusal(await http().get('/cases/c-a?asOf=2026-02-30').set(everyone()), 'asOf');
    expectRefusal(
      await http().get('/discipline-cases/d-a?asOf=2026-02-30T10:00:00Z').set(everyone()),
      'asOf',
    );
    expectRefusal(
      await http().get('/cadres/p-a/eligibility?for=pos-a&asOf=2026-02-29').set(everyone()),
      'asOf',
    );
    expectRefusal(await http().get('/audit/access-log?from=2026-02-30').set(everyone()), 'from');
    expect((await http().get('/audit/export?to=2026-04-31').set(everyone())).status).toBe(400);

    const post = (path: string, body: object) => http().post(path).set(everyone()).send(body);
    expectRefusal(
      await post('/cadres/p-a/posts', {
        positionId: 'pos-a',
        from: '2026-13-45',
        decisionRef: 'x',
      }),
      'from',
      'body.invalid',
    );
    expectRefusal(
      await post('/cadres/p-a/posts', {
        positionId: 'pos-a',
        from: '2026-01-01',
        termEnd: '2031-02-29',
        decisionRef: 'x',
      }),
      'termEnd',
    );
    expectRefusal(
      await post('/cadres/p-a/statuses', { status: 'abroad', from: '2026-02-30', note: 'x' }),
      'from',
    );
    expectRefusal(
      await post('/cadres/p-a/statuses', {
        status: 'abroad',
        from: '2026-02-01',
        until: '0000-00-00',
        note: 'x',
      }),
      'until',
    );
    expectRefusal(
      await post('/cadres', {
        id: 'p-b',
        fullName: 'Lê Thị B',
        dateOfBirth: '1990-02-29',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: false,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-prov',
      }),
      'dateOfBirth',
    );
    // A name on one line (before: "Nguyễn\tVăn\nX" was stored and broke every list printing it).
    expectRefusal(
      await post('/cadres', {
        id: 'p-b',
        fullName: 'Nguyễn\tVăn\nX',
        dateOfBirth: '1990-02-28',
        gender: 'female',
        ethnicity: 'Kinh',
        partyMember: false,
        educationLevel: 'x',
        politicalTheoryLevel: 'y',
        orgUnitId: 'ou-prov',
      }),
      'fullName',
    );
    expectRefusal(
      await post('/cases/c-a/steps/leadership-round-1', {
        heldOn: '2026-02-30',
        minutesRef: 'BB-1',
        conclusion: 'ok',
      }),
      'heldOn',
    );
    expectRefusal(
      await post('/cases/c-a/steps/decision', {
        heldOn: today,
        number: '1-QĐ',
        signer: 'x',
        effectiveFrom: '0000-00-00',
      }),
      'effectiveFrom',
    );
    expectRefusal(
      await post('/discipline-cases', {
        definition: 'discipline.party',
        personId: 'p-a',
        orgUnitId: 'ou-prov',
        summary: 'x',
        violation: {
          category: 'budget',
          committedOn: '2025-06-31',
          description: 'x',
          source: 'report',
          severity: 'reprimand',
        },
      }),
      'violation.committedOn',
    );
    expectRefusal(
      await post('/discipline-cases/d-a/steps/verification', {
        heldOn: '2026-11-31',
        conclusion: 'x',
        violationConfirmed: true,
      }),
      'heldOn',
    );
    expect(await written()).toEqual(before);

    // Real days still pass, leap days included.
    await post('/cadres/p-a/statuses', {
      status: 'abroad',
      from: '2024-02-29',
      until: '2024-03-31',
      note: 'x',
    }).expect(201);
    await http()
      .get(`/cases/c-a?asOf=${encodeURIComponent(new Date().toISOString())}`)
      .set(everyone())
      .expect(200);
  });

  it('refuses a cursor this list never returned', async () => {
    for (const [path, key] of [
      ['/cases', [{}]],
      ['/cases', ['1; DROP TABLE events']],
      ['/inbox', [1, 2]],
      ['/inbox', ['2026-02-30', 'c:x']],
      ['/inbox', ['2026-01-01', 'c:\u0000']],
      ['/discipline-records', ['x', 'y']],
      ['/audit/access-log', ['x']],
      ['/audit/access-log', [1e300]],
    ] as const) {
      expectRefusal(
        await http()
          .get(`${path}?cursor=${cursorOf(key)}`)
          .set(everyone()),
        'cursor',
        'query.cursor',
      );
    }
    expectRefusal(await http().get('/cases?cursor=%%%').set(everyone()), 'cursor');
    expectRefusal(await http().get('/cases?cursor=bm90IGpzb24').set(everyone()), 'cursor');
  });

  it('refuses a cursor that only decodes to a valid key because base64 decoding skips what it cannot read', async () => {
    for (const [path, key] of [
      ['/cases', ['1']],
      ['/inbox', ['2026-01-01', 'c:x']],
    ] as const) {
      const cursor = cursorOf(key);
      await http().get(`${path}?cursor=${cursor}`).set(everyone()).expect(200);
      const json = JSON.stringify(key);
      for (const forged of [
        `${cursor}!!`,
        `*${cursor}`,
        Buffer.from(json).toString('base64'),
        Buffer.from(` ${json} `).toString('base64url'),
      ]) {
        expectRefusal(
          await http()
            .get(`${path}?cursor=${encodeURIComponent(forged)}`)
            .set(everyone()),
          'cursor',
          'query.cursor',
        );
      }
    }
  });

  it('refuses a query parameter the route does not take, naming it, writing nothing', async () => {
    const before = await written();
    expectRefusal(
      await http().get('/inbox?procedur=appointment').set(everyone()),
      'procedur',
      'query.unknown_parameter',
    );
    // A parameter not taken and left empty is named as one not taken: before, 400 query.empty
    // sent the caller to fill in a parameter the route does not read.
    for (const [path, field] of [
      ['/cases?bogus=', 'bogus'],
      ['/cases?limit=5&stauts=', 'stauts'],
      ['/inbox?procedur=', 'procedur'],
    ]) {
      const emptyUnknown = await http().get(path).set(everyone());
      expectRefusal(emptyUnknown, field, 'query.unknown_parameter');
      expect(emptyUnknown.body.message).toMatch(new RegExp(`^${field}: not a query parameter`));
    }
    expectRefusal(
      await http().get('/cases?bogus=&orgUnit=').set(everyone()),
      'bogus',
      'query.unknown_parameter',
    );
    const misspelt = await http().get('/cases?procedure=appointment&stauts=open').set(everyone());
    expectRefusal(misspelt, 'stauts', 'query.unknown_parameter');
    expect(misspelt.body.message).toMatch(/it takes .*status/);
    expectRefusal(
      await http().get(`/discipline-records?asof=${today}`).set(everyone()),
      'asof',
      'query.unknown_parameter',
    );
    expectRefusal(
      await http()
        .post('/cadres/p-a/statuses?dryRun=true')
        .set(everyone())
        .send({ status: 'abroad', from: today, until: addDays(today, 5), note: 'x' }),
      'dryRun',
      'query.unknown_parameter',
    );
    expect(await written()).toEqual(before);

    // The parameters each route documents are still taken, `purpose` (for the access log) and `asOf` included.
    for (const path of [
      '/inbox?procedure=discipline&orgUnit=ou-prov&overdue=false&limit=5',
      `/cases?procedure=appointment&status=open&orgUnit=ou-prov&person=p-a&from=${today}&limit=5`,
      `/discipline-records?person=p-a&asOf=${today}&purpose=inspection&limit=5`,
    ])
      await http().get(path).set(everyone()).expect(200);
  });

  it('refuses a repeated query parameter and a query value that is not UTF-8', async () => {
    expectRefusal(
      await http().get('/cases?orgUnit=a&orgUnit=b').set(everyone()),
      'orgUnit',
      'query.repeated',
    );
    expectRefusal(
      await http().get('/cases?person=%FF%FE').set(everyone()),
      'person',
      'query.invalid_encoding',
    );
  });

  it('refuses __proto__, prototype and the names of Object.prototype as keys at any depth, naming the path', async () => {
    const before = await written();
    const raw = (path: string, json: string) =>
      http().post(path).set(everyone()).set('Content-Type', 'application/json').send(json);
    expectRefusal(
      await raw('/org-units', '{"id":"ou-z","name":"Xã Z","kind":"commune","__proto__":{"x":1}}'),
      '__proto__',
      'body.forbidden_key',
    );
    // constructor reads the prototype's function; the other inherited names class-transformer
    // dropped from the map, so their votes went uncounted.
    for (const inherited of ['constructor', 'toString', 'hasOwnProperty', 'valueOf'])
      expectRefusal(
        await raw(
          '/discipline-cases/d-a/steps/ballot',
          JSON.stringify({
            heldOn: today,
            tally: {
              members: 7,
              summoned: 7,
              present: 7,
              invalid: 0,
              noDiscipline: 0,
              votesByForm: { warning: 7, [inherited]: 3 },
            },
          }),
        ),
        `tally.votesByForm.${inherited}`,
        'body.forbidden_key',
      );
    expectRefusal(
      await raw(
        '/cases/c-a/steps/vetting',
        `{"heldOn":"${today}","items":[{"item":"health","result":"cleared","prototype":1}]}`,
      ),
      'items[0].prototype',
    );
    expect(await written()).toEqual(before);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('refuses text that is only white space where text is required, writing nothing', async () => {
    const before = await written();
    const withdrawal = await http()
      .post('/cases/c-a/withdraw')
      .set(everyone())
      .send({ reason: ' \t ' });
    expectRefusal(withdrawal, 'reason', 'body.invalid');
    expect(withdrawal.body.message).toBe('reason must not be blank (only spaces)');
    const unit = await http()
      .post('/org-units')
      .set(everyone())
      .send({ id: 'ou-blank', kind: 'commune', name: '   ' });
    expectRefusal(unit, 'name', 'body.invalid');
    expect(await written()).toEqual(before);
  });

  it('refuses a person born after today, a party day before birth or without membership, a term ending before it began', async () => {
    const before = await written();
    const person = {
      id: 'p-dates',
      fullName: 'Trần Thị B',
      dateOfBirth: '1990-01-01',
      gender: 'female',
      ethnicity: 'Kinh',
      partyMember: true,
      educationLevel: 'x',
      politicalTheoryLevel: 'y',
      orgUnitId: 'ou-prov',
    };
    const register = (changes: Record<string, unknown>) =>
      http()
        .post('/cadres')
        .set(everyone())
        .send({ ...person, ...changes });
    const unborn = await register({ dateOfBirth: addDays(today, 1) });
    expectRefusal(unborn, 'dateOfBirth', 'person.date_in_the_future');
    expect(unborn.body.message).toBe(`dateOfBirth: ${addDays(today, 1)} is after today (${today})`);
    expectRefusal(
      await register({ partyJoinedOn: addDays(today, 1) }),
      'partyJoinedOn',
      'person.date_in_the_future',
    );
    const beforeBirth = await register({ partyJoinedOn: '1980-01-01' });
    expectRefusal(beforeBirth, 'partyJoinedOn', 'person.dates_out_of_order');
    expect(beforeBirth.body.message).toBe(
      'partyJoinedOn: 1980-01-01 is before the date of birth (1990-01-01)',
    );
    expectRefusal(
      await register({ partyMember: false, partyJoinedOn: '2015-01-01' }),
      'partyJoinedOn',
      'person.party_joined_without_membership',
    );
    const post = (changes: Record<string, unknown>) =>
      http()
        .post('/cadres/p-a/posts')
        .set(everyone())
        .send({ positionId: 'pos-a', from: '2026-01-01', decisionRef: 'QĐ-1', ...changes });
    const backwards = await post({ termEnd: '2020-01-01' });
    expectRefusal(backwards, 'termEnd', 'person.dates_out_of_order');
    expect(backwards.body.message).toBe(
      "termEnd: 2020-01-01 is not after the post's start (from 2026-01-01): a term ends after it starts",
    );
    expectRefusal(await post({ from: '1950-01-01' }), 'from', 'person.dates_out_of_order');
    expect(await written()).toEqual(before);
  });

  it('names the field and the rule of a charset, a multipart field and an export query it refuses', async () => {
    const latin1 = await sendRaw(
      '/org-units',
      Buffer.from('{"id":"ou-y","kind":"commune","name":"X"}'),
      'application/json; charset=latin1',
    );
    expect(latin1).toMatchObject({ status: 415, body: { rule: 'body.charset', field: 'body' } });
    // JSON sent as text/plain was left unread and refused as "… is required" (before).
    for (const type of ['text/plain', 'application/x-www-form-urlencoded'])
      expect(
        await sendRaw('/org-units', Buffer.from('{"id":"ou-y","kind":"commune","name":"X"}'), type),
      ).toMatchObject({
        status: 415,
        body: {
          rule: 'body.unsupported_media_type',
          field: 'body',
          detail: expect.stringContaining('send the body as application/json'),
        },
      });
    const rows = await t.db.pool.query("SELECT 1 FROM org_units WHERE id = 'ou-y'");
    expect(rows.rowCount).toBe(0);
    const wrongField = await http()
      .post('/imports?dryRun=true')
      .set(everyone())
      .attach('other', Buffer.from('a,b\n'), 'people.csv');
    expect(wrongField.status).toBe(400);
    expect(wrongField.body).toMatchObject({ rule: 'body.unexpected_file_field', field: 'other' });
    // Before: 400 request.invalid, "Too many files" / "Too many fields", in English whatever the
    // language asked, naming no field.
    const twoFiles = await http()
      .post('/imports?dryRun=true')
      .set(everyone())
      .set('Accept-Language', 'vi')
      .attach('file', Buffer.from('a,b\n'), 'one.csv')
      .attach('file', Buffer.from('a,b\n'), 'two.csv');
    expect(twoFiles.status).toBe(400);
    expect(twoFiles.body).toMatchObject({
      rule: 'body.too_many_files',
      field: 'file',
      detail: 'file: chỉ gửi một tệp (đã gửi nhiều hơn một tệp)',
    });
    const extraField = await http()
      .post('/imports?dryRun=true')
      .set(everyone())
      .field('note', 'x')
      .attach('file', Buffer.from('a,b\n'), 'one.csv');
    expect(extraField.status).toBe(400);
    expect(extraField.body).toMatchObject({ rule: 'body.unexpected_field' });
    expect(extraField.body.detail).toMatch(/takes only the file in the field "file"/);
    const badFrom = await http().get('/audit/export?from=abc').set(everyone());
    expectRefusal(badFrom, 'from', 'query.invalid');
    const reversed = await http()
      .get('/audit/export?from=2026-02-01&to=2026-01-01')
      .set(everyone());
    expectRefusal(reversed, 'to', 'query.period_reversed');
    for (const list of ['/cases', '/discipline-records'])
      expectRefusal(
        await http().get(`${list}?from=2026-12-31&to=2026-01-01`).set(everyone()),
        'to',
        'query.period_reversed',
      );
    // Before: 400 request.invalid with no field.
    for (const [path, field, rule] of [
      ['/admin/dead-letters?limit=-1', 'limit', 'query.limit'],
      ['/admin/dead-letters?status=lost', 'status', 'query.status'],
      ['/audit/verify', 'stream', 'query.stream_required'],
    ])
      expectRefusal(await http().get(path).set(everyone()), field, rule);
    // Before: "error": "BadRequestException", a class name.
    expect((await http().get('/audit/verify').set(everyone())).body.error).toBe('Bad Request');
  });

  it('places a territorial unit under a territory of a higher level only', async () => {
    const unit = (id: string, kind: string, parentId?: string) =>
      http()
        .post('/org-units')
        .set(everyone())
        .send({ id, name: id, kind, ...(parentId ? { parentId } : {}) });
    expect((await unit('ou-xa-1', 'commune', 'ou-prov')).status).toBe(201);
    expect((await unit('ou-dang-uy-xa-1', 'party_committee', 'ou-xa-1')).status).toBe(201);
    const provinceInCommune = await unit('ou-tinh-gia', 'province', 'ou-xa-1');
    expect(provinceInCommune.status).toBe(422);
    expect(provinceInCommune.body).toMatchObject({
      rule: 'org_unit.misplaced_level',
      field: 'parentId',
      message:
        'parentId: a province cannot sit under ou-xa-1 (a commune); it belongs under a territory of a higher level (a province has no parent)',
    });
    expect((await unit('ou-xa-2', 'ward', 'ou-xa-1')).body.rule).toBe('org_unit.misplaced_level');
    expect((await unit('ou-xa-3', 'commune', 'ou-dang-uy-xa-1')).body.rule).toBe(
      'org_unit.misplaced_level',
    );
    await http().get('/org-units/ou-tinh-gia').set(everyone()).expect(404);
  });

  it('refuses a body that is not UTF-8 instead of storing U+FFFD in its place', async () => {
    const before = await written();
    const body = Buffer.concat([
      Buffer.from('{"id":"ou-y","kind":"commune","name":"X'),
      Buffer.from([0xc3, 0x28, 0xff]),
      Buffer.from('"}'),
    ]);
    const refused = await sendRaw('/org-units', body);
    expect(refused).toMatchObject({
      status: 400,
      body: { rule: 'body.invalid_utf8', field: 'body' },
    });
    const utf16 = await sendRaw(
      '/org-units',
      Buffer.from('{"id":"ou-y","kind":"commune","name":"Xã"}', 'utf16le'),
      'application/json; charset=utf-16le',
    );
    expect(utf16.status).toBe(400);
    // An escaped lone surrogate is valid JSON but not text.
    expectRefusal(
      await http()
        .post('/org-units')
        .set(everyone())
        .set('Content-Type', 'application/json')
        .send('{"id":"ou-y","kind":"commune","name":"X\\ud800"}'),
      'name',
      'body.invalid_text',
    );
    expect(await written()).toEqual(before);
    // The same body in proper UTF-8 is taken as written.
    const accepted = await sendRaw(
      '/org-units',
      Buffer.from('{"id":"ou-y","kind":"commune","name":"Xã Yên Bình","parentId":"ou-prov"}'),
    );
    expect(accepted).toMatchObject({ status: 201, body: { name: 'Xã Yên Bình' } });
  });
});
