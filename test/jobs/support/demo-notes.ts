import { runStreamCommand } from '../../../src/common/stream-command-runner';
import { StreamDecider } from '../../../src/common/stream-decider';
import { EventMetadata } from '../../../src/event-store/event-envelope';
import { EventStore } from '../../../src/event-store/event-store.port';

/** A tiny stream for tests: each `Note` command appends one `DemoNoted` event. */
export interface DemoNotesState {
  notes: string[];
}
export interface NoteCommand {
  type: 'Note';
  data: { note: string };
}

export const demoNotesDecider: StreamDecider<DemoNotesState, NoteCommand, void> = {
  initialState: () => ({ notes: [] }),
  evolve: (state, event) =>
    event.type === 'DemoNoted' ? { notes: [...state.notes, String(event.data.note)] } : state,
  decide: (_state, command) => [{ type: 'DemoNoted', data: { note: command.data.note } }],
};

/** Appends a note idempotently by `idSeed`. */
export async function note(
  store: EventStore,
  streamId: string,
  text: string,
  idSeed: string,
  metadata: EventMetadata,
): Promise<void> {
  await runStreamCommand(
    store,
    streamId,
    demoNotesDecider,
    { type: 'Note', data: { note: text } },
    { idSeed, metadata, context: () => undefined },
  );
}

export async function notesOf(store: EventStore, streamId: string): Promise<string[]> {
  return (await store.readStream(streamId))
    .filter((e) => e.type === 'DemoNoted')
    .map((e) => String(e.data.note));
}
