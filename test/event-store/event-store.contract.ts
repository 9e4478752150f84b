import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring, signingKeyFromPem } from '../../src/audit/checkpoints/checkpoint-keys';
import {
  createCheckpoint,
  verifyAgainstCheckpoint,
} from '../../src/audit/checkpoints/checkpoint-ledger';
import { WitnessDirectory } from '../../src/audit/checkpoints/witness-directory';
import { NewEvent, RecordedEvent } from '../../src/event-store/event-envelope';
import { EventIdConflict, WrongExpectedRevision } from '../../src/event-store/event-store.errors';
import { EventStore } from '../../src/event-store/event-store.port';
import { ExpectedRevision } from '../../src/event-store/expected-revision';
import { StoredEventNames } from '../../src/event-store/stored-event-names';

/** What an adapter's spec hands the contract: a store plus the hooks only it can provide. */
export interface EventStoreHarness {
  store: EventStore;
  upcasters: StoredEventNames;
  /** Alters one stored event behind the store's back (tamper evidence); absent where impossible. */
  tamper?: (streamId: string, revision: number) => Promise<void>;
  /** Appends inside a transaction that stays open `holdMs` before committing (commit-order gaps). */
  slowAppend?: (
    streamId: string,
    events: NewEvent[],
    expected: ExpectedRevision,
    holdMs: number,
  ) => Promise<void>;
  /** False where appendMany checks first and then appends stream by stream (KurrentDB). */
  atomicAppendMany?: boolean;
  /** False where the store keys idempotency per stream only (KurrentDB): reuse elsewhere goes unseen. */
  detectsIdReuseAcrossStreams?: boolean;
  close(): Promise<void>;
}

let counter = 0;
export function anEvent(type = 'SomethingHappened', data: Record<string, unknown> = {}): NewEvent {
  counter += 1;
  return {
    id: randomUUID(),
    type,
    data: { n: counter, ...data },
    metadata: {
      actorId: 'user-1',
      correlationId: 'corr-1',
      causationId: null,
      occurredAt: '2026-01-05T03:00:00.000Z',
    },
  };
}

function stream(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

async function waitFor(condition: () => boolean, timeoutMs = 15000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for condition');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The event store contract: every adapter passes exactly this. */
export function eventStoreContract(createHarness: () => Promise<EventStoreHarness>): void {
  let harness: EventStoreHarness;
  let store: EventStore;

  beforeAll(async () => {
    harness = await createHarness();
    store = harness.store;
  });
  afterAll(async () => {
    await harness?.close();
  });

  // First, while the store holds only untampered events: a checkpoint covers the whole store.
  describe('events as stored, for signed checkpoints', () => {
    it('reads events as written (never upcast) in global order; a checkpoint over them verifies', async () => {
      const type = `Witnessed${randomUUID().slice(0, 6)}`;
      harness.upcasters.register(type, 1, (data) => ({ fullName: data.name }));
      const id = stream();
      await store.append(id, [{ ...anEvent(type), data: { name: 'Nguyễn Văn A' } }], {
        expectedRevision: 'no_stream',
      });
      await store.append(id, [anEvent()], { expectedRevision: 0 });
      // PostgreSQL reads $all below the oldest transaction running anywhere on the server (other
      // databases too): wait until both events are readable.
      let all = await store.readAllStored('start', 10_000);
      for (let tries = 0; all.filter((event) => event.streamId === id).length < 2; tries += 1) {
        if (tries > 500) throw new Error('the appended events never became readable in $all');
        await new Promise((resolve) => setTimeout(resolve, 20));
        all = await store.readAllStored('start', 10_000);
      }
      const mine = all.filter((event) => event.streamId === id);
      expect(mine.map((event) => event.revision)).toEqual([0, 1]);
      expect(mine[0]).toMatchObject({
        type,
        storedType: `${type}.v1`,
        schemaVersion: 1,
        data: { name: 'Nguyễn Văn A' },
      });
      const read = await store.readStream(id);
      expect(mine.map((event) => [event.hash, event.position])).toEqual(
        read.map((event) => [event.hash, event.position]),
      );
      expect(await store.readStreamStored(id)).toEqual(mine);
      const after = await store.readAllStored(mine[0].position, 10_000);
      expect(after.map((event) => event.position)).not.toContain(mine[0].position);

      const { privateKey } = generateKeyPairSync('ed25519');
      const key = signingKeyFromPem(privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
      const keyring = new Keyring([{ keyId: key.keyId, publicKey: key.publicKey }]);
      const dir = new WitnessDirectory(mkdtempSync(join(tmpdir(), 'cf-contract-checkpoints-')));
      const { signed } = await createCheckpoint({
        store,
        dir,
        key,
        keyring,
        now: new Date(),
        pageSize: 3,
      });
      expect(signed.checkpoint.events).toBe(all.length);
      expect(await verifyAgainstCheckpoint({ store, dir, keyring, pageSize: 3 })).toMatchObject({
        status: 'intact',
        covered: all.length,
        notYetCovered: 0,
      });
      await store.append(id, [anEvent()], { expectedRevision: 1 });
      let later = await verifyAgainstCheckpoint({ store, dir, keyring });
      for (let tries = 0; later.notYetCovered < 1 && tries < 500; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        later = await verifyAgainstCheckpoint({ store, dir, keyring });
      }
      expect(later).toMatchObject({ status: 'intact', notYetCovered: 1 });
      rmSync(dir.dir, { recursive: true, force: true });
    });
  });

  describe('append and expected revision', () => {
    it('creates a stream with no_stream and numbers revisions from 0', async () => {
      const id = stream();
      const first = await store.append(id, [anEvent(), anEvent()], {
        expectedRevision: 'no_stream',
      });
      expect(first.nextRevision).toBe(1);
      const second = await store.append(id, [anEvent()], { expectedRevision: 1 });
      expect(second.nextRevision).toBe(2);
      expect((await store.readStream(id)).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(await store.streamRevision(id)).toBe(2);
    });

    it('refuses no_stream on an existing stream with the actual revision', async () => {
      const id = stream();
      await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
      const error = await store
        .append(id, [anEvent()], { expectedRevision: 'no_stream' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error.actual).toBe(0);
    });

    it('refuses a stale exact revision and says where the stream is', async () => {
      const id = stream();
      await store.append(id, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const error = await store.append(id, [anEvent()], { expectedRevision: 1 }).catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error.actual).toBe(2);
      expect(await store.readStream(id)).toHaveLength(3);
    });

    it('stream_exists refuses an absent stream; any accepts both', async () => {
      const id = stream();
      const error = await store
        .append(id, [anEvent()], { expectedRevision: 'stream_exists' })
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error.actual).toBeNull();
      expect(await store.streamRevision(id)).toBeNull();
      await store.append(id, [anEvent()], { expectedRevision: 'any' });
      await store.append(id, [anEvent()], { expectedRevision: 'any' });
      const result = await store.append(id, [anEvent()], { expectedRevision: 'stream_exists' });
      expect(result.nextRevision).toBe(2);
    });

    it('lets exactly one of many racing writers win each revision', async () => {
      const id = stream();
      await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
      const writers = 16;
      const outcomes = await Promise.allSettled(
        Array.from({ length: writers }, () =>
          store.append(id, [anEvent()], { expectedRevision: 0 }),
        ),
      );
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(writers - 1);
      for (const loss of lost) {
        expect(loss.reason).toBeInstanceOf(WrongExpectedRevision);
        expect(loss.reason.actual).toBe(1);
      }
      expect(await store.readStream(id)).toHaveLength(2);
    });

    it('racing writers that expect any revision all land, one after another', async () => {
      const id = stream();
      await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
      const writers = 24;
      const results = await Promise.all(
        Array.from({ length: writers }, (_, i) =>
          store.append(id, [anEvent('Raced', { writer: i })], {
            expectedRevision: i % 2 ? 'any' : 'stream_exists',
          }),
        ),
      );
      const events = await store.readStream(id);
      expect(events.map((e) => e.revision)).toEqual(
        Array.from({ length: writers + 1 }, (_, i) => i),
      );
      expect(results.map((r) => r.nextRevision).sort((a, b) => a - b)).toEqual(
        Array.from({ length: writers }, (_, i) => i + 1),
      );
    });
  });

  describe('idempotency', () => {
    it('accepts the same events again at the same place without writing them twice', async () => {
      const id = stream();
      const events = [anEvent(), anEvent()];
      const first = await store.append(id, events, { expectedRevision: 'no_stream' });
      const again = await store.append(id, events, { expectedRevision: 'no_stream' });
      expect(again.nextRevision).toBe(first.nextRevision);
      const more = anEvent();
      await store.append(id, [more], { expectedRevision: 1 });
      await store.append(id, [more], { expectedRevision: 1 });
      expect((await store.readStream(id)).map((e) => e.id)).toEqual([
        ...events.map((e) => e.id),
        more.id,
      ]);
    });

    it('refuses a different event that reuses a stored id', async () => {
      const id = stream();
      const original = anEvent('Original');
      await store.append(id, [original], { expectedRevision: 'no_stream' });
      const impostor = { ...anEvent('Impostor'), id: original.id };
      const sameStream = await store
        .append(id, [impostor], { expectedRevision: 0 })
        .catch((e) => e);
      expect(sameStream).toBeInstanceOf(EventIdConflict);
      if (harness.detectsIdReuseAcrossStreams !== false) {
        const otherStream = await store
          .append(stream(), [original], { expectedRevision: 'no_stream' })
          .catch((e) => e);
        expect(otherStream).toBeInstanceOf(EventIdConflict);
      }
      expect(await store.readStream(id)).toHaveLength(1);
    });
  });

  appendManyContract(
    () => store,
    () => harness.atomicAppendMany !== false,
  );

  describe('reading', () => {
    it('reads a stream forwards, backwards, from a revision, with a limit', async () => {
      const id = stream();
      const events = Array.from({ length: 5 }, () => anEvent());
      await store.append(id, events, { expectedRevision: 'no_stream' });
      expect((await store.readStream(id, { from: 2 })).map((e) => e.revision)).toEqual([2, 3, 4]);
      expect(
        (await store.readStream(id, { direction: 'backwards', limit: 2 })).map((e) => e.revision),
      ).toEqual([4, 3]);
      expect(
        (await store.readStream(id, { from: 3, direction: 'backwards' })).map((e) => e.revision),
      ).toEqual([3, 2, 1, 0]);
      expect(await store.readStream(stream())).toEqual([]);
    });

    it('reads several streams at once, each from its revision and up to its limit, in the order asked', async () => {
      const [a, b, absent] = [stream(), stream(), stream()];
      await store.append(a, [anEvent(), anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      await store.append(b, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const read = await store.readStreams([
        { streamId: b },
        { streamId: absent },
        { streamId: a, from: 1 },
        { streamId: a, limit: 1 },
      ]);
      const revisions = read.map((events) => events.map((e) => `${e.streamId}@${e.revision}`));
      expect(revisions).toEqual([[`${b}@0`, `${b}@1`], [], [`${a}@1`, `${a}@2`], [`${a}@0`]]);
      expect(read[0]).toEqual(await store.readStream(b));
      expect(await store.readStreams([])).toEqual([]);
    });

    it("tells each stream's last revision, event id and chain link, null for an absent one, in the order asked", async () => {
      const [a, b, absent] = [stream(), stream(), stream()];
      const last = anEvent();
      await store.append(a, [anEvent(), anEvent(), last], { expectedRevision: 'no_stream' });
      const only = anEvent();
      await store.append(b, [only], { expectedRevision: 'no_stream' });
      // With the last event's chain link, as a read of it answers.
      const linkOf = async (streamId: string) => (await store.readStream(streamId)).at(-1)!.hash;
      expect(await store.streamHeads([b, absent, a])).toEqual([
        { revision: 0, id: only.id, hash: await linkOf(b) },
        null,
        { revision: 2, id: last.id, hash: await linkOf(a) },
      ]);
      const next = anEvent();
      await store.append(b, [next], { expectedRevision: 0 });
      expect(await store.streamHeads([b])).toEqual([
        { revision: 1, id: next.id, hash: await linkOf(b) },
      ]);
      expect(await store.streamHeads([])).toEqual([]);
    });

    it('keeps the envelope: id, type, data, metadata, schema version, recorded time, hash', async () => {
      const id = stream();
      const event = anEvent('CaseOpened', { person: 'Nguyễn Văn An', nested: { b: 1, a: [1, 2] } });
      await store.append(id, [event], { expectedRevision: 'no_stream' });
      const [read] = await store.readStream(id);
      expect(read).toMatchObject({
        id: event.id,
        streamId: id,
        revision: 0,
        type: 'CaseOpened',
        schemaVersion: 1,
        data: event.data,
        metadata: event.metadata,
      });
      expect(read.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(Number.isNaN(Date.parse(read.recordedAt))).toBe(false);
    });

    it('reads a stream as it stood at a global position or a time', async () => {
      const id = stream();
      const first = await store.append(id, [anEvent(), anEvent()], {
        expectedRevision: 'no_stream',
      });
      await new Promise((resolve) => setTimeout(resolve, 30));
      const between = new Date();
      await new Promise((resolve) => setTimeout(resolve, 30));
      await store.append(id, [anEvent()], { expectedRevision: 1 });
      expect(await store.readStream(id, { until: first.position })).toHaveLength(2);
      expect(await store.readStream(id, { until: between })).toHaveLength(2);
      expect(await store.readStream(id, { until: new Date(Date.now() + 60_000) })).toHaveLength(3);
    });

    it('reads a stream as of a time through the end of that millisecond, as its recordedAt shows it', async () => {
      const id = stream();
      await store.append(id, [anEvent()], { expectedRevision: 'no_stream' });
      const [recorded] = await store.readStream(id);
      // The store may keep microseconds; recordedAt (and a Date) has milliseconds.
      expect(await store.readStream(id, { until: new Date(recorded.recordedAt) })).toHaveLength(1);
      const justBefore = new Date(Date.parse(recorded.recordedAt) - 1);
      expect(await store.readStream(id, { until: justBefore })).toHaveLength(0);
    });

    it('reads all events in global order, after a position, filtered by stream prefix or type', async () => {
      const prefix = `all${randomUUID().slice(0, 8)}`;
      const a = `${prefix}a-${randomUUID()}`;
      const b = `${prefix}b-${randomUUID()}`;
      await store.append(a, [anEvent('A1')], { expectedRevision: 'no_stream' });
      await store.append(b, [anEvent('B1')], { expectedRevision: 'no_stream' });
      await store.append(a, [anEvent('A2')], { expectedRevision: 0 });
      // $all is read below the oldest transaction running on the server (a NOTIFY still
      // committing, another database's test): give the last commits a moment to become readable.
      let mine = await store.readAll('start', { limit: 100000, filter: { streamPrefix: prefix } });
      for (let tries = 0; mine.length < 3 && tries < 500; tries += 1) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        mine = await store.readAll('start', { limit: 100000, filter: { streamPrefix: prefix } });
      }
      expect(mine.map((e) => e.type)).toEqual(['A1', 'B1', 'A2']);
      const after = await store.readAll(mine[0].position, {
        limit: 100000,
        filter: { streamPrefix: prefix },
      });
      expect(after.map((e) => e.type)).toEqual(['B1', 'A2']);
      const onlyA = await store.readAll('start', {
        limit: 100000,
        filter: { streamPrefix: `${prefix}a-` },
      });
      expect(onlyA.map((e) => e.type)).toEqual(['A1', 'A2']);
      const byType = await store.readAll('start', {
        limit: 100000,
        filter: { eventTypes: ['B1'] },
      });
      expect(byType.map((e) => e.streamId)).toContain(b);
      expect(byType.every((e) => e.type === 'B1')).toBe(true);
    });
  });

  describe('upcasting', () => {
    it('upcasts older schema versions on read and leaves the stored event as written', async () => {
      const type = `NameRecorded${randomUUID().slice(0, 6)}`;
      harness.upcasters
        .register(type, 1, (data) => ({ fullName: data.name }))
        .register(type, 2, (data) => ({ ...data, gender: 'unknown' }));
      const id = stream();
      await store.append(id, [{ ...anEvent(type), data: { name: 'Trần Thị Bình' } }], {
        expectedRevision: 'no_stream',
      });
      await store.append(
        id,
        [{ ...anEvent(type), schemaVersion: 3, data: { fullName: 'Lê Văn C', gender: 'male' } }],
        {
          expectedRevision: 0,
        },
      );
      const [old, current] = await store.readStream(id);
      expect(old.schemaVersion).toBe(3);
      expect(old.data).toEqual({ fullName: 'Trần Thị Bình', gender: 'unknown' });
      expect(current.data).toEqual({ fullName: 'Lê Văn C', gender: 'male' });
      expect(await store.verifyStream(id)).toEqual({ ok: true, eventsChecked: 2 });
    });
  });

  describe('hash chain', () => {
    it('verifies an untouched stream', async () => {
      const id = stream();
      await store.append(id, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      await store.append(id, [anEvent()], { expectedRevision: 1 });
      expect(await store.verifyStream(id)).toEqual({ ok: true, eventsChecked: 3 });
    });

    it('chains each event to the previous one of its stream', async () => {
      const one = stream();
      const two = stream();
      const shared = anEvent('Same', { fixed: true });
      await store.append(one, [anEvent('Before')], { expectedRevision: 'no_stream' });
      await store.append(one, [shared], { expectedRevision: 0 });
      await store.append(two, [{ ...shared, id: randomUUID() }], { expectedRevision: 'no_stream' });
      const [, second] = await store.readStream(one);
      const [first] = await store.readStream(two);
      expect(second.hash).not.toEqual(first.hash);
    });

    it('names the first tampered position', async () => {
      if (!harness.tamper) return; // an adapter whose storage cannot be edited behind its back
      const id = stream();
      await store.append(id, [anEvent(), anEvent(), anEvent(), anEvent()], {
        expectedRevision: 'no_stream',
      });
      await harness.tamper(id, 2);
      const result = await store.verifyStream(id);
      expect(result).toMatchObject({ ok: false, brokenAtRevision: 2, eventsChecked: 2 });
    });
  });

  describe('subscriptions', () => {
    it('catches up, then delivers live events, with positions to checkpoint', async () => {
      const prefix = `sub${randomUUID().slice(0, 8)}-`;
      const id = `${prefix}${randomUUID()}`;
      await store.append(id, [anEvent('Early1'), anEvent('Early2')], {
        expectedRevision: 'no_stream',
      });
      const received: RecordedEvent[] = [];
      const subscription = store.subscribe(
        'start',
        async (event) => {
          received.push(event);
        },
        { filter: { streamPrefix: prefix } },
      );
      await subscription.caughtUp;
      await waitFor(() => received.length === 2);
      await store.append(id, [anEvent('Live')], { expectedRevision: 1 });
      await waitFor(() => received.length === 3);
      await subscription.stop();
      expect(received.map((e) => e.type)).toEqual(['Early1', 'Early2', 'Live']);

      // Resuming from a checkpoint delivers only what came after it.
      await store.append(id, [anEvent('AfterStop')], { expectedRevision: 2 });
      const resumed: string[] = [];
      const again = store.subscribe(
        received[2].position,
        async (event) => {
          resumed.push(event.type);
        },
        { filter: { streamPrefix: prefix } },
      );
      await waitFor(() => resumed.length === 1);
      await again.stop();
      expect(resumed).toEqual(['AfterStop']);
    });

    it('stops and reports when the handler throws', async () => {
      const prefix = `err${randomUUID().slice(0, 8)}-`;
      await store.append(`${prefix}x`, [anEvent('Boom'), anEvent('Never')], {
        expectedRevision: 'no_stream',
      });
      const seen: string[] = [];
      let reported: unknown;
      const subscription = store.subscribe(
        'start',
        async (event) => {
          seen.push(event.type);
          throw new Error('projection failed');
        },
        { filter: { streamPrefix: prefix }, onError: (error) => (reported = error) },
      );
      await waitFor(() => reported !== undefined);
      await subscription.stop();
      expect(seen).toEqual(['Boom']);
      expect((reported as Error).message).toBe('projection failed');
    });

    it('never skips or repeats an event when concurrent writers commit out of order', async () => {
      const prefix = `gap${randomUUID().slice(0, 8)}-`;
      const received: RecordedEvent[] = [];
      const subscription = store.subscribe(
        'start',
        async (event) => {
          received.push(event);
        },
        { filter: { streamPrefix: prefix } },
      );
      await subscription.caughtUp;

      const writers = 12;
      const perWriter = 8;
      await Promise.all(
        Array.from({ length: writers }, async (_, writer) => {
          for (let i = 0; i < perWriter; i += 1) {
            const id = `${prefix}${writer}-${i}`;
            const holdMs = Math.floor(Math.random() * 40);
            if (harness.slowAppend && i % 2 === 0) {
              await harness.slowAppend(id, [anEvent('Written')], 'no_stream', holdMs);
            } else {
              await new Promise((resolve) => setTimeout(resolve, holdMs));
              await store.append(id, [anEvent('Written')], { expectedRevision: 'no_stream' });
            }
          }
        }),
      );
      await waitFor(() => received.length >= writers * perWriter);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await subscription.stop();

      const stored = await store.readAll('start', {
        limit: 100000,
        filter: { streamPrefix: prefix },
      });
      expect(stored).toHaveLength(writers * perWriter);
      expect(new Set(received.map((e) => e.id)).size).toBe(received.length);
      expect(received.map((e) => e.id)).toEqual(stored.map((e) => e.id));
    });
  });
}

/**
 * `appendMany` of the port: also run on its own against the stream-by-stream algorithm of the
 * stores without multi-stream transactions (KurrentDB), which needs no server of its own.
 */
export function appendManyContract(storeOf: () => EventStore, atomic: () => boolean): void {
  let store: EventStore;
  beforeAll(() => {
    store = storeOf();
  });

  describe('append to many streams', () => {
    it('appends to new and existing streams at once, each at its revision, results in order', async () => {
      const existing = stream();
      await store.append(existing, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const fresh = stream();
      const results = await store.appendMany([
        {
          streamId: fresh,
          events: [anEvent(), anEvent(), anEvent()],
          expectedRevision: 'no_stream',
        },
        { streamId: existing, events: [anEvent('Next')], expectedRevision: 1 },
      ]);
      expect(results.map((r) => r.nextRevision)).toEqual([2, 2]);
      expect((await store.readStream(fresh)).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect((await store.readStream(existing)).at(-1)?.type).toBe('Next');
      expect(await store.verifyStream(fresh)).toEqual({ ok: true, eventsChecked: 3 });
      expect(await store.verifyStream(existing)).toEqual({ ok: true, eventsChecked: 3 });
    });

    it.each([
      ['one event', 1],
      ['a bulk chunk of 80 streams', 80],
    ])(
      'sends %s given `after` once that earlier write has settled, even when it failed',
      async (_, streams) => {
        let fail: (error: Error) => void = () => undefined;
        const earlier = new Promise<never>((_resolve, reject) => (fail = reject));
        const ids = Array.from({ length: streams }, () => stream());
        const written = store.appendMany(
          ids.map((streamId) => ({ streamId, events: [anEvent()], expectedRevision: 'no_stream' })),
          { after: earlier },
        );
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(await store.streamRevision(ids[0])).toBeNull();
        expect(await store.streamRevision(ids[streams - 1])).toBeNull();
        fail(new Error('the earlier chunk was refused'));
        expect((await written).map((result) => result.nextRevision)).toEqual(ids.map(() => 0));
        expect(await store.streamRevision(ids[streams - 1])).toBe(0);
      },
    );

    it('refuses the whole write when one stream is not where expected, naming it; writes nothing', async () => {
      const moved = stream();
      await store.append(moved, [anEvent(), anEvent()], { expectedRevision: 'no_stream' });
      const fresh = stream();
      const error = await store
        .appendMany([
          { streamId: fresh, events: [anEvent()], expectedRevision: 'no_stream' },
          { streamId: moved, events: [anEvent()], expectedRevision: 0 },
        ])
        .catch((e) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevision);
      expect(error.streamId).toBe(moved);
      expect(error.actual).toBe(1);
      expect(await store.streamRevision(fresh)).toBeNull();
      expect(await store.readStream(moved)).toHaveLength(2);
    });

    it('accepts the same write again without storing anything twice', async () => {
      const a = stream();
      const b = stream();
      await store.append(b, [anEvent()], { expectedRevision: 'no_stream' });
      const write = [
        { streamId: a, events: [anEvent(), anEvent()], expectedRevision: 'no_stream' as const },
        { streamId: b, events: [anEvent()], expectedRevision: 0 },
      ];
      const first = await store.appendMany(write);
      const again = await store.appendMany(write);
      expect(again.map((r) => r.nextRevision)).toEqual(first.map((r) => r.nextRevision));
      expect(await store.readStream(a)).toHaveLength(2);
      expect(await store.readStream(b)).toHaveLength(2);
    });

    it('lets one of two racing writes to a shared stream land whole; the other writes nothing', async () => {
      if (!atomic()) return;
      const shared = stream();
      await store.append(shared, [anEvent()], { expectedRevision: 'no_stream' });
      const own = [stream(), stream()];
      const outcomes = await Promise.allSettled(
        own.map((streamId) =>
          store.appendMany([
            { streamId, events: [anEvent()], expectedRevision: 'no_stream' },
            { streamId: shared, events: [anEvent()], expectedRevision: 0 },
          ]),
        ),
      );
      const won = outcomes.findIndex((o) => o.status === 'fulfilled');
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect((outcomes[1 - won] as PromiseRejectedResult).reason).toBeInstanceOf(
        WrongExpectedRevision,
      );
      expect(await store.streamRevision(own[won])).toBe(0);
      expect(await store.streamRevision(own[1 - won])).toBeNull();
      expect(await store.readStream(shared)).toHaveLength(2);
    });
  });
}
