import {
  BallotDisclosureReader,
  BallotViewer,
  concludedStreams,
} from '../../identity/ballot-disclosure';
import { DomainRuleViolation } from '../../procedures/case/decider/domain-rule-violation';
import { StoredEventRecord } from '../../event-store/event-store.port';
import { isPersonOfCaseStream } from '../../procedures/case/people-of-case-stream';

/**
 * A proof carries every event exactly as stored (its hashes are recomputed from them), so no
 * field can be left out of it the way a history leaves out a secret ballot's counts. A reader
 * from whom one of the case's ballots is withheld gets no proof: 403 naming the event and why.
 * A hash of a withheld event would not do either: a tally has few possible values, and each can
 * be tried against the hash.
 */
export function assertProofDisclosedTo(
  viewer: BallotViewer,
  caseId: string,
  events: readonly StoredEventRecord[],
): void {
  // The proof holds the whole stream: one of the case's people by any of its events (a runner-up
  // too, whom a later ballot no longer lists), as the case view and the histories judge.
  const viewerIsSubject = isPersonOfCaseStream(events, viewer.personId);
  const concluded = concludedStreams(events).size > 0;
  const reader = new BallotDisclosureReader(viewer);
  for (const event of events) {
    const disclosed = reader.disclose(event, viewerIsSubject, concluded);
    if (!disclosed.reason) continue;
    throw new DomainRuleViolation(
      'audit.proof_withholds_ballot',
      `id: the proof of case ${caseId} carries every event as stored, and ${event.type} (revision ${event.revision}) holds ballot counts you may not see (${disclosed.reason}: ${disclosed.withheld.join(', ')}); the case's history shows it with them left out`,
      'forbidden',
      'id',
    );
  }
}
