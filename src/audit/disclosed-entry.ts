import {
  BallotDisclosureReader,
  BallotViewer,
  WithholdingReason,
} from '../identity/ballot-disclosure';
import { AuditEntry } from './audit-entry';

/** A history line as one reader may see it: secret ballot fields left out and named. */
export interface DisclosedAuditEntry extends AuditEntry {
  /** Fields of `data` left out for this reader; the stored event (and its hash) is unchanged. */
  withheld?: string[];
  withheldBecause?: WithholdingReason;
}

/** An audit line read for a reader, with whether the reader is the subject of its stream. */
export interface AuditEntryForViewer {
  entry: AuditEntry;
  viewerIsSubject: boolean;
}

/** Discloses history lines in the order they were read (a stream's ballot before its closure). */
export class AuditEntryDisclosure {
  private readonly reader: BallotDisclosureReader;

  constructor(viewer: BallotViewer) {
    this.reader = new BallotDisclosureReader(viewer);
  }

  disclose({ entry, viewerIsSubject }: AuditEntryForViewer): DisclosedAuditEntry {
    const disclosed = this.reader.disclose(entry, viewerIsSubject);
    if (!disclosed.reason) return entry;
    return {
      ...entry,
      data: disclosed.data,
      withheld: disclosed.withheld,
      withheldBecause: disclosed.reason,
    };
  }
}

/** A request without an authenticated reader (module tests without identity) sees no secret. */
export const NO_ROLES_VIEWER: BallotViewer = { roles: [] };
