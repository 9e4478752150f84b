import {
  BallotDisclosureReader,
  BallotViewer,
  WithholdingReason,
} from '../identity/ballot-disclosure';
import { AuditEntry, NamedAuditEntry } from './audit-entry';

/** What a reader may not see of a history line: the fields of `data` left out, and why. */
export interface Disclosure {
  /** Fields of `data` left out for this reader; the stored event (and its hash) is unchanged. */
  withheld?: string[];
  withheldBecause?: WithholdingReason;
}

/** A history line as one reader may see it: secret ballot fields left out and named. */
export type Disclosed<E extends AuditEntry = AuditEntry> = E & Disclosure;
export type DisclosedAuditEntry = Disclosed<AuditEntry>;
/** A history line with the names beside its ids, as one reader may see it. */
export type DisclosedNamedAuditEntry = Disclosed<NamedAuditEntry>;

/** An audit line read for a reader, with whether the reader is the subject of its stream. */
export interface AuditEntryForViewer<E extends AuditEntry = AuditEntry> {
  entry: E;
  viewerIsSubject: boolean;
  /**
   * Whether its stream's case was decided, judged on the whole case as it is now
   * (concludedStreams): the form its discipline ballot chose is then public. Absent: withheld.
   */
  conclusionPublic?: boolean;
}

/** Discloses history lines in the order they were read (a stream's ballot before its closure). */
export class AuditEntryDisclosure {
  private readonly reader: BallotDisclosureReader;

  constructor(viewer: BallotViewer) {
    this.reader = new BallotDisclosureReader(viewer);
  }

  disclose<E extends AuditEntry>({
    entry,
    viewerIsSubject,
    conclusionPublic,
  }: AuditEntryForViewer<E>): Disclosed<E> {
    const disclosed = this.reader.disclose(entry, viewerIsSubject, conclusionPublic);
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
