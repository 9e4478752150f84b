import { describeExpected, ExpectedRevision } from './expected-revision';

/** The stream is not where the writer expected it: someone else appended first. */
export class WrongExpectedRevision extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event, or `null` when the stream does not exist. */
    readonly actual: number | null,
  ) {
    super(
      `stream ${streamId}: expected ${describeExpected(expected)}, but it is ${
        actual === null ? 'absent' : `at revision ${actual}`
      }`,
    );
    this.name = 'WrongExpectedRevision';
  }
}

/** An event id was reused for different content, or at a different place: ids are idempotency keys. */
export class EventIdConflict extends Error {
  constructor(
    readonly eventId: string,
    readonly reason: string,
  ) {
    super(`event id ${eventId} is already used: ${reason}`);
    this.name = 'EventIdConflict';
  }
}

/**
 * Another writer reached the stream first: it moved past the expected revision, or already holds
 * an event with one of our ids. Re-reading the stream and deciding again is the answer to both.
 */
export function isWriteRace(error: unknown): boolean {
  return error instanceof WrongExpectedRevision || error instanceof EventIdConflict;
}
