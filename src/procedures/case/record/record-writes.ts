import { PersonCommand } from '../../../cadres/person/person.decider';
import { CaseCommand } from '../decider/case.commands';

/**
 * What a workflow asks to be written, as data: a command for a person's record (`cadre-<id>`) or
 * for another case. A pure workflow returns a list of them; `RecordWriter` carries them out in
 * order, each with its own deterministic id so a redelivered event appends nothing twice.
 */
export type RecordWrite =
  | {
      to: 'person';
      personId: string;
      /** Derives the write's id from the triggering event's seed; null: the seed itself. */
      key: string | null;
      command: PersonCommand;
    }
  | {
      to: 'case';
      caseId: string;
      /** The case's org unit: the workflow acts as organization staff of it. */
      orgUnitId: string;
      key: string;
      command: CaseCommand;
    };

/** An open case of the person as a workflow sees it (read before deciding, never inside). */
export interface OpenCaseSeen {
  caseId: string;
  procedure: string;
  status: string;
  orgUnitId: string;
  /** The post it runs on: a decision ending that post withdraws it when the flag below says so. */
  positionId: string;
  /** Its definition's `withdrawnWhenPostEnds`: a decision ending the holder's post withdraws it. */
  withdrawnWhenPostEnds: boolean;
}

export const toPerson = (
  personId: string,
  key: string | null,
  command: PersonCommand,
): RecordWrite => ({ to: 'person', personId, key, command });

/**
 * How the record names the decision that wrote it (`7/QĐ (2026-03-01)`): on a post, a pool
 * removal, a registration move, a discipline entry; matched again to tell which decision gave a post.
 */
export const decisionRefOf = (decision: { number: string; heldOn: string }): string =>
  `${decision.number} (${decision.heldOn})`;
