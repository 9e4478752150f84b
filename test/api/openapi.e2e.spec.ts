import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

interface Operation {
  summary?: string;
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content: Record<string, { schema?: Schema; examples?: object }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  oneOf?: Schema[];
  allOf?: Schema[];
  description?: string;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** The API as a client developer reads it at /docs-json. */
describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  const operations: { route: string; method: string; operation: Operation }[] = [];

  beforeAll(async () => {
    t = await startTestApp('api_openapi');
    doc = (
      await request(t.server as never)
        .get('/docs-json')
        .expect(200)
    ).body;
    for (const [path, methods] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(methods))
        operations.push({ route: `${method.toUpperCase()} ${path}`, method, operation });
  });
  afterAll(() => t?.close());

  const schemaOf = (ref: string | undefined): Schema =>
    doc.components.schemas[(ref ?? '').replace('#/components/schemas/', '')] ?? {};
  const property = (schema: string, name: string): Schema =>
    doc.components.schemas[schema]?.properties?.[name] ?? {};

  it('has a summary on every operation', () => {
    expect(operations.filter((o) => !o.operation.summary?.trim()).map((o) => o.route)).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(38);
  });

  it('gives every operation a 2xx answer with a schema', () => {
    const missing = operations
      .filter(({ operation }) => {
        const ok = Object.entries(operation.responses).find(([status]) => /^2/.test(status));
        const content = ok?.[1].content ?? {};
        return !Object.values(content).some((media) => media.schema);
      })
      .map((o) => o.route);
    expect(missing).toEqual([]);
  });

  it('lists the 4xx answers each route can give, as problem+json', () => {
    const gaps: string[] = [];
    for (const { route, operation } of operations) {
      if (route.startsWith('GET /health')) continue;
      const expected = ['401', '403', '429'];
      if (operation.requestBody) expected.push('400', '413');
      if (route.includes('{')) expected.push('404');
      if (/^POST \/(cases|discipline-cases)\/\{id\}/.test(route)) expected.push('409', '422');
      for (const status of expected) {
        const answer = operation.responses[status];
        const schema = answer?.content?.['application/problem+json']?.schema;
        if (!schema || schema.$ref !== '#/components/schemas/ProblemDetailsDto')
          gaps.push(`${route} ${status}`);
      }
    }
    expect(gaps).toEqual([]);
    const problem = doc.components.schemas.ProblemDetailsDto.properties ?? {};
    expect(Object.keys(problem)).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance', 'rule', 'message']),
    );
  });

  it('offers the procedures a case can be opened for, and the forms and severities of discipline', () => {
    expect(property('OpenCaseDto', 'procedure').enum).toEqual(
      expect.arrayContaining([
        'appointment',
        'reappointment',
        'rotation',
        'transfer',
        'removal',
        'extension',
      ]),
    );
    const forms = [
      'reprimand',
      'warning',
      'demotion',
      'removal_from_post',
      'dismissal',
      'expulsion',
    ];
    expect(property('DisciplineDecisionDto', 'form').enum).toEqual(expect.arrayContaining(forms));
    expect(property('ViolationDto', 'severity').enum).toEqual(expect.arrayContaining(forms));
    expect(property('ComplaintReviewDto', 'form').enum).toEqual(expect.arrayContaining(forms));
    const register = doc.paths['/discipline-records'].get.parameters!;
    expect(register.find((p) => p.name === 'form')?.schema?.enum).toEqual(
      expect.arrayContaining(forms),
    );
  });

  it('types dates as dates', () => {
    expect(property('AssignPostDto', 'termEnd')).toMatchObject({ type: 'string', format: 'date' });
    expect(property('AssignPostDto', 'from')).toMatchObject({ type: 'string', format: 'date' });
    expect(property('MeetingStepDto', 'heldOn')).toMatchObject({ type: 'string', format: 'date' });
    expect(property('ViolationDto', 'committedOn')).toMatchObject({
      type: 'string',
      format: 'date',
    });
  });

  it('gives examples for the discipline step bodies', () => {
    const body = doc.paths['/discipline-cases/{id}/steps/{stepId}'].post.requestBody!;
    const examples = Object.keys(body.content['application/json'].examples ?? {});
    expect(examples).toEqual(expect.arrayContaining(['verification', 'ballot', 'decision']));
  });

  it('says which vetting items are entered and which come from the record', () => {
    const item = property('VettingItemDto', 'item');
    expect(item.enum).toEqual([
      'background',
      'asset_declaration',
      'political_standards',
      'residence_party_cell_opinion',
      'health',
    ]);
    expect(item.description).toMatch(/planning_pool.*years_in_post.*retirement.*discipline/s);
  });

  it('accepts every query parameter it documents, and refuses one it does not (before any handler runs)', async () => {
    const auth = { Authorization: `Bearer ${t.token('admin-openapi', ['admin'], 'ou-none')}` };
    const refused: string[] = [];
    for (const { route, method, operation } of operations) {
      const names = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      if (names.length === 0) continue;
      const path = route.split(' ')[1].replace(/\{[^}]+\}/g, 'x');
      const query = new URLSearchParams(
        names.map((name): [string, string] => [name, 'x']),
      ).toString();
      const call = (text: string) =>
        (request(t.server as never) as unknown as Record<string, (url: string) => request.Test>)
          [method](`${path}?${text}`)
          .set(auth);
      const documented = await call(query);
      if (documented.body.rule === 'query.unknown_parameter')
        refused.push(`${route} ${documented.body.field}`);
      const misspelt = await call(`${query}&${names[0]}x=x`);
      expect({ route, rule: misspelt.body.rule, field: misspelt.body.field }).toEqual({
        route,
        rule: 'query.unknown_parameter',
        field: `${names[0]}x`,
      });
    }
    expect(refused).toEqual([]);
  });

  it('documents `purpose` wherever a read takes it for the access log, and says what the dev sign-in mints', async () => {
    // Before: GET /cases/{id}/history (and .csv) listed only `id`, yet took `purpose` (and
    // refused one over 500 characters, access_log.purpose_too_long).
    for (const path of ['/cases/{id}/history', '/cases/{id}/history.csv']) {
      const purpose = doc.paths[path].get.parameters?.find((p) => p.name === 'purpose');
      expect({ path, in: purpose?.in }).toEqual({ path, in: 'query' });
    }
    const auth = { Authorization: `Bearer ${t.token('admin-openapi', ['admin'], 'ou-none')}` };
    const undocumented: string[] = [];
    for (const { route, method, operation } of operations) {
      if (method !== 'get' || route === 'GET /admin/queues') continue;
      if (operation.parameters?.some((p) => p.name === 'purpose')) continue;
      const path = route.split(' ')[1].replace(/\{[^}]+\}/g, 'x');
      const answer = await request(t.server as never)
        .get(`${path}?purpose=x`)
        .set(auth);
      if (answer.body.field !== 'purpose') undocumented.push(route);
    }
    expect(undocumented).toEqual([]);
    // Before: "a token for a demo user", though it signs whatever userId, roles and unit it is sent.
    const summary = doc.paths['/auth/dev-sign-in'].post.summary!;
    expect(summary).not.toMatch(/demo user/);
    expect(summary).toMatch(/Development only.*any user id, roles and unit/);
  });

  it('describes what /health answers: each check, stalled work and projections to rebuild', () => {
    type Described = Schema & { additionalProperties?: Schema };
    const resolve = (schema: Described | undefined): Described => {
      if (schema?.$ref) return schemaOf(schema.$ref);
      if (!schema?.allOf) return schema ?? {};
      const parts = schema.allOf.map(resolve);
      return Object.assign({}, ...parts, {
        properties: Object.assign({}, ...parts.map((part) => part.properties)),
      });
    };
    const responses = doc.paths['/health'].get.responses;
    const ok = resolve(responses['200'].content?.['application/json']?.schema);
    const checks = resolve(ok.properties?.details).properties ?? {};
    const projections = resolve(checks.projections);
    expect(projections.properties?.needsRebuild).toMatchObject({ type: 'array' });
    expect(resolve(projections.additionalProperties).properties?.stalledSince).toMatchObject({
      format: 'date-time',
      description: expect.stringMatching(/HEALTH_STALLED_AFTER_MS/),
    });
    const sagas = resolve(checks.sagas);
    expect(Object.keys(resolve(sagas.additionalProperties).properties ?? {})).toEqual([
      'lag',
      'stalledSince',
      'failing',
      'failingSince',
    ]);
    expect(Object.keys(resolve(checks.timers).properties ?? {})).toEqual(
      expect.arrayContaining(['pending', 'withoutJob', 'overdue', 'overdueSince']),
    );
    // A check down is a problem (application/problem+json), naming the checks down.
    expect(responses['503'].content?.['application/json']).toBeUndefined();
    const problem = resolve(responses['503'].content?.['application/problem+json']?.schema);
    expect(Object.keys(problem.properties ?? {})).toEqual(
      expect.arrayContaining(['rule', 'detail', 'down', 'details']),
    );
  });

  it('has no DELETE with a body', () => {
    const deletes = operations.filter((o) => o.method === 'delete');
    expect(deletes.length).toBeGreaterThan(0);
    expect(deletes.filter((o) => o.operation.requestBody).map((o) => o.route)).toEqual([]);
  });

  it('describes the main answers with faithful schemas', () => {
    const okSchema = (route: string, method: string, status = '200') =>
      schemaOf(
        doc.paths[route][method].responses[status]?.content?.['application/json']?.schema?.$ref,
      );
    expect(Object.keys(okSchema('/cases/{id}', 'get').properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'status', 'currentStep', 'revision']),
    );
    expect(Object.keys(okSchema('/cadres/{id}', 'get').properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'fullName', 'posts', 'discipline', 'revision']),
    );
    expect(Object.keys(okSchema('/discipline-cases/{id}', 'get').properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'status', 'revision']),
    );
  });
});
