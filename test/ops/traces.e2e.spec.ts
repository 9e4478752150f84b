import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import request from 'supertest';
import { EVENT_STORE, EventStore } from '../../src/event-store/event-store.port';
import { contentDigest } from '../../src/event-store/hash-chain';
import { startTracing, Tracing } from '../../src/observability/tracing';
import { ProjectionsService } from '../../src/projections/projections.service';
import { waitFor } from '../jobs/support/jobs-harness';
import { startTestApp, TestApp } from '../support/test-app';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  links?: { traceId: string; spanId: string }[];
  attributes?: {
    key: string;
    value: {
      stringValue?: string;
      intValue?: number;
      arrayValue?: { values: { stringValue?: string }[] };
    };
  }[];
}

/** A minimal OTLP/HTTP receiver: keeps every span of every JSON export request it gets. */
class Collector {
  readonly spans: ExportedSpan[] = [];
  readonly requests: { path: string; contentType: string }[] = [];
  private readonly server: Server = createServer((incoming, answer) => {
    void this.receive(incoming).then(
      () => answer.writeHead(200, { 'Content-Type': 'application/json' }).end('{}'),
      () => answer.writeHead(400).end(),
    );
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async receive(incoming: IncomingMessage): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (incoming.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    this.requests.push({
      path: incoming.url ?? '',
      contentType: String(incoming.headers['content-type']),
    });
    const exported = JSON.parse(body.toString('utf8')) as {
      resourceSpans: { scopeSpans: { spans: ExportedSpan[] }[] }[];
    };
    for (const resource of exported.resourceSpans)
      for (const scope of resource.scopeSpans) this.spans.push(...scope.spans);
  }
}

/** The chain of parents of a span within its trace, nearest first. */
function ancestors(trace: ExportedSpan[], span: ExportedSpan): ExportedSpan[] {
  const chain: ExportedSpan[] = [];
  for (let parent = trace.find((s) => s.spanId === span.parentSpanId); parent;) {
    chain.push(parent);
    const current: ExportedSpan = parent;
    parent = trace.find((s) => s.spanId === current.parentSpanId);
  }
  return chain;
}

const attribute = (span: ExportedSpan, key: string) =>
  span.attributes?.find((entry) => entry.key === key)?.value.stringValue;

/** Whether the span appended to the stream: alone, or named among a multi-stream append's. */
const appendsTo = (span: ExportedSpan, streamId: string): boolean =>
  (span.name === 'event-store.append' && attribute(span, 'cadreflow.stream.id') === streamId) ||
  (span.name === 'event-store.append-many' &&
    (span.attributes
      ?.find((entry) => entry.key === 'cadreflow.stream.ids')
      ?.value.arrayValue?.values.some((value) => value.stringValue === streamId) ??
      false));

/**
 * Until every projection has handled every event: the next one then reaches them alone, and a
 * batch of one is applied as a child of its append (a batch of several only links to theirs).
 */
async function projectionsCaughtUp(t: TestApp): Promise<void> {
  const projections = t.app.get(ProjectionsService);
  await waitFor(
    async () => Object.values(await projections.lags()).every((lag) => lag === 0),
    'the projections to catch up',
    30_000,
  );
}

/** Whether `span` is a child of `append` in its trace, or a root span linked to it. */
function continuesOrLinks(span: ExportedSpan, append: ExportedSpan): boolean {
  if (span.traceId === append.traceId && span.parentSpanId === append.spanId) return true;
  return (span.links ?? []).some(
    (link) => link.traceId === append.traceId && link.spanId === append.spanId,
  );
}

/**
 * One trace from the HTTP request through the command and the append to the projections that
 * handled the event, exported over OTLP/HTTP to a collector in the test.
 */
describe('traces', () => {
  const collector = new Collector();
  let tracing: Tracing | null;
  let t: TestApp;
  const admin = () => ({ Authorization: `Bearer ${t.token('u-admin', ['admin'], 'ou-traces')}` });

  beforeAll(async () => {
    const endpoint = await collector.start();
    tracing = startTracing({
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'cadreflow-test',
    });
    t = await startTestApp('ops_traces', { RUN_WORKERS: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    await tracing?.shutdown();
    await collector.stop();
  });

  it('exports request → command → append → projection spans sharing one trace id', async () => {
    await request(t.server as never)
      .post('/org-units')
      .set(admin())
      .send({ id: 'ou-traces', name: 'Tỉnh Dấu Vết', kind: 'province' })
      .expect(201);
    await projectionsCaughtUp(t);
    await request(t.server as never)
      .post('/cadres')
      .set(admin())
      .send({
        id: 'p-traces',
        fullName: 'Người Dấu Vết',
        dateOfBirth: '1985-01-02',
        gender: 'male',
        ethnicity: 'Kinh',
        partyMember: true,
        educationLevel: 'Thạc sĩ',
        politicalTheoryLevel: 'Cao cấp',
        orgUnitId: 'ou-traces',
      })
      .expect(201);

    const found = await waitFor(
      async () => {
        await tracing!.flush();
        const server = collector.spans.find((span) => span.name === 'POST /cadres');
        if (!server) return undefined;
        const trace = collector.spans.filter((span) => span.traceId === server.traceId);
        const append = trace.find(
          (span) =>
            span.name === 'event-store.append' &&
            attribute(span, 'cadreflow.stream.id') === 'cadre-p-traces',
        );
        if (!append) return undefined;
        // A projection's batch of one continues the append's span; a batch of several (under
        // load, the cadre's event with another) is a root span linked to each event's append.
        const projections = collector.spans.filter(
          (span) => span.name.startsWith('projection ') && continuesOrLinks(span, append),
        );
        const names = projections.map((span) => span.name);
        const handled = ['projection people', 'projection audit_history'].every((name) =>
          names.includes(name),
        );
        return handled ? { server, trace, append, projections } : undefined;
      },
      'the request, its append and the projections to be exported',
      30_000,
    );
    const { server, trace, append, projections } = found;
    expect(collector.requests[0]).toMatchObject({ path: '/v1/traces' });
    expect(collector.requests[0].contentType).toMatch(/application\/json/);
    expect(server.parentSpanId || undefined).toBeUndefined();

    // request → command → append, each the parent of the next.
    const command = trace.find((span) => span.spanId === append.parentSpanId)!;
    expect(command.name).toMatch(/^command /);
    expect(command.parentSpanId).toBe(server.spanId);
    // The projections that handled the event continue the append's span, or link to it.
    for (const projection of projections) expect(continuesOrLinks(projection, append)).toBe(true);
    expect(projections.map((span) => span.name)).toEqual(
      expect.arrayContaining(['projection people', 'projection audit_history']),
    );
  });

  it("follows the event into the sagas, and on through the appends a saga's outputs make", async () => {
    await request(t.server as never)
      .post('/positions')
      .set(admin())
      .send({
        id: 'pos-traces',
        title: 'Chủ tịch',
        orgUnitId: 'ou-traces',
        appointingAuthority: 'ou-traces',
        rank: 3,
      })
      .expect(201);
    await request(t.server as never)
      .post('/cases')
      .set({
        Authorization: `Bearer ${t.token('u-staff', ['organization_staff'], 'ou-traces')}`,
      })
      .send({
        id: 'c-traces',
        procedure: 'appointment',
        definition: 'appointment.internal',
        personId: 'p-traces',
        positionId: 'pos-traces',
        orgUnitId: 'ou-traces',
        summary: 'Bổ nhiệm',
      })
      .expect(201);
    const found = await waitFor(
      async () => {
        await tracing!.flush();
        const server = collector.spans.find((span) => span.name === 'POST /cases');
        if (!server) return undefined;
        const trace = collector.spans.filter((span) => span.traceId === server.traceId);
        // The opening writes the case with its id reservation and slot claim: one append-many.
        const append = trace.find((span) => appendsTo(span, 'appointment-c-traces'));
        // Every saga reads the event; those that act on an opening append what they decide.
        const sagas = trace.filter(
          (span) => span.name.startsWith('saga ') && span.parentSpanId === append?.spanId,
        );
        // An append the saga's outputs made (a timer scheduled, the person's record noted).
        const sagaAppend = trace.find(
          (span) =>
            span.name === 'event-store.append' &&
            ancestors(trace, span).some((parent) => parent.name.startsWith('saga ')),
        );
        const acting = sagas.filter((span) =>
          /^saga (case-record|step-deadlines)$/.test(span.name),
        );
        return append && acting.length > 0 && sagaAppend
          ? { sagaNames: sagas.map((span) => span.name), sagaAppend }
          : undefined;
      },
      'the case’s sagas and their appends to be exported',
      30_000,
    );
    expect(found.sagaNames).toEqual(
      expect.arrayContaining([expect.stringMatching(/^saga (case-record|step-deadlines)$/)]),
    );
    expect(attribute(found.sagaAppend, 'cadreflow.stream.id')).not.toBe('appointment-c-traces');
  });

  it("continues a caller's trace from its traceparent header", async () => {
    const caller = '4bf92f3577b34da6a3ce929d0e0e4736';
    await request(t.server as never)
      .get('/org-units/ou-traces')
      .set(admin())
      .set('traceparent', `00-${caller}-00f067aa0ba902b7-01`)
      .expect(200);
    const server = await waitFor(async () => {
      await tracing!.flush();
      return collector.spans.find((span) => span.name === 'GET /org-units/:id');
    }, 'the request span to be exported');
    expect(server.traceId).toBe(caller);
    expect(server.parentSpanId).toBe('00f067aa0ba902b7');
  });

  it('stores the traceparent in the metadata, outside the hash chain', async () => {
    const store = t.app.get<EventStore>(EVENT_STORE);
    const [event] = await store.readStream('cadre-p-traces');
    expect(event.metadata.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
    // The chain verifies, and the digest is the one the event would have without the trace.
    expect(await store.verifyStream('cadre-p-traces')).toMatchObject({ ok: true });
    const content = {
      streamId: event.streamId,
      id: event.id,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
    };
    const { traceparent: _trace, ...untraced } = event.metadata;
    void _trace;
    expect(contentDigest(content)).toEqual(contentDigest({ ...content, metadata: untraced }));
  });
});
