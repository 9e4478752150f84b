import { RegistryService } from '../../../cadres/registry.service';
import { RecordedEvent } from '../../../event-store/event-envelope';
import { EventStore, ReadStreamOptions } from '../../../event-store/event-store.port';
import { RecordOrigins } from '../../../identity/record-origins';
import { caseDecider } from '../decider/case.decider';
import { RecordWorkflowRunner } from './record-workflow-runner';
import { RecordWriter } from './record-writer';

const OPENED = {
  type: 'CaseOpened',
  data: {
    caseId: 'c-1',
    procedure: 'appointment',
    definitionId: 'appointment.internal',
    definitionVersion: 3,
    ruleSetId: 'state-2025-10-08',
    personId: 'p-an',
    positionId: 'pos-head',
    orgUnitId: 'ou-town',
    openedOn: '2026-12-01',
    summary: 'x',
  },
};

/** A store holding one case stream of many events, counting the events it hands out. */
function storeWithLongCase(events: number) {
  const stream: RecordedEvent[] = Array.from({ length: events }, (_, revision) => ({
    ...(revision === 0 ? OPENED : { type: 'StepNoted', data: {} }),
    id: `e-${revision}`,
    streamId: 'appointment-c-1',
    revision,
    position: String(revision),
    schemaVersion: 1,
    metadata: {} as never,
    recordedAt: '2026-12-01T00:00:00.000Z',
    hash: '',
  }));
  const handedOut = { events: 0 };
  const store = {
    readStream: async (_streamId: string, options: ReadStreamOptions = {}) => {
      const read = options.limit ? stream.slice(0, options.limit) : stream;
      handedOut.events += read.length;
      return read;
    },
  } as unknown as EventStore;
  return { store, handedOut };
}

describe("the case-record workflow's view of a case", () => {
  const runner = (store: EventStore, origins: RecordOrigins) =>
    new RecordWorkflowRunner(
      store,
      null as unknown as RegistryService,
      null as unknown as RecordWriter,
      origins,
    );

  it("notes a case from its opening: one event read, whatever the case's length, none once kept", async () => {
    const { store, handedOut } = storeWithLongCase(500);
    const origins = new RecordOrigins(store);
    const record = runner(store, origins);
    const opening = await record.openingOf('appointment-c-1', caseDecider);
    expect(opening).toMatchObject({ caseId: 'c-1', personId: 'p-an', procedure: 'appointment' });
    expect(handedOut.events).toBe(1);
    await record.openingOf('appointment-c-1', caseDecider);
    expect(handedOut.events).toBe(1);
  });

  it('refuses a case stream that does not exist', async () => {
    const store = { readStream: async () => [] } as unknown as EventStore;
    const record = runner(store, new RecordOrigins(store));
    await expect(record.openingOf('appointment-none', caseDecider)).rejects.toThrow(/is empty/);
  });
});
