import { randomUUID } from 'node:crypto';
import { PersonState } from '../../cadres/person/person.state';
import { EventMetadata } from '../../event-store/event-envelope';
import { EventStore, StreamAppend } from '../../event-store/event-store.port';
import { Actor } from '../../identity/actor';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { DisciplineTrack } from './discipline.events';
import { DisciplineService } from './discipline.service';
import { DisciplineState } from './discipline.state';
import { ViolationClaimEvent, violationClaimHolder, violationClaimStream } from './violation-claim';
import { OtherDisciplineCase, sameViolationHandled } from './violation-handled-once';

/**
 * A claim whose case stream does not exist this long after is left by an opener that died between
 * the two (a store whose multi-stream write is not one transaction): the violation is free again.
 */
const ABANDONED_CLAIM_MS = 60_000;

type Opening = Extract<DisciplineCommand, { type: 'OpenDisciplineCase' }>;

/**
 * The once-per-track rule (violation-handled-once.ts) at the instant of opening. The person's
 * record names their cases a moment after they open (a saga notes them), so two openings of one
 * violation at the same instant both found it free. Each violation on a track has a reservation
 * stream (`violationclaim-…`): an opening appends its claim there, in the same write as the case's
 * first events, at the revision it read while deciding. Of two racing openers the store lets one
 * through (optimistic concurrency on one stream); the other is decided again, reads the winner as
 * the holder and is refused 409 `discipline.violation_already_handled` naming it. A claim is given
 * up where it no longer holds, by the next opener of the violation, in its own claim's append: its
 * case is withdrawn (closed), annulled, time-barred, or corrected onto another violation, which
 * the holder's own stream says (nothing to release when a case closes, so nothing to lose).
 * An opening that states another act that day (`distinctViolation`) claims nothing.
 */
export class OpeningViolationClaim {
  private planned: StreamAppend | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly cases: DisciplineService,
    private readonly options: { metadata: EventMetadata; actor: Actor },
  ) {}

  /**
   * For an opening, a decision, or a correction that may reopen a case its last step closed: the
   * person's other discipline cases, those their record names and, for an opening, the case
   * holding its violation's claim now (read afresh each time the command is decided).
   */
  async otherCases(
    state: DisciplineState,
    command: DisciplineCommand,
    person: PersonState,
    definition: ProcedureDefinition,
  ): Promise<Pick<DisciplineContext, 'otherDisciplineCases'>> {
    this.planned = null;
    const caseId = state.status === 'none' ? (command as Opening).data.caseId : state.caseId;
    const decision =
      command.type === 'PerformDisciplineStep' && command.data.body.kind === 'decision';
    const reopening =
      command.type === 'CorrectDisciplineStep' &&
      (state.status === 'closed' || state.status === 'time_barred');
    if (command.type !== 'OpenDisciplineCase' && !decision && !reopening) return {};
    const { actor } = this.options;
    const track = definition.discipline?.track;
    const [onRecord, holder] = await Promise.all([
      this.cases.otherCasesOf(person, caseId, actor),
      command.type === 'OpenDisciplineCase' && track ? this.readClaim(command, track) : null,
    ]);
    return { otherDisciplineCases: holder ? [holder, ...onRecord] : onRecord };
  }

  /** The claim to write with the opening's events (none for any other command, or a retry). */
  plan(): StreamAppend[] {
    return this.planned ? [this.planned] : [];
  }

  /**
   * The case holding the opening's violation now, when it still handles it (the decider then
   * refuses); otherwise plans the opening's claim, releasing a holder that no longer handles it.
   */
  private async readClaim(
    command: Opening,
    track: DisciplineTrack,
  ): Promise<OtherDisciplineCase | null> {
    const { caseId, personId, violation } = command.data;
    if (violation.distinctViolation) return null;
    const streamId = violationClaimStream({ personId, track, ...violation });
    const events = await this.store.readStream(streamId);
    const holder = violationClaimHolder(events);
    // A retried opening whose first write went through: the claim is its own.
    if (holder?.caseId === caseId) return null;
    const other = holder && (await this.cases.asOtherCase(holder.caseId, this.options.actor));
    if (holder && !other && Date.now() - Date.parse(holder.claimedAt) < ABANDONED_CLAIM_MS) {
      // Its case is not written yet (a store writing claim and case one after the other): it
      // holds for a while, told as another unit's, since nothing else of it is known.
      const { category, committedOn } = violation;
      return {
        caseId: holder.caseId,
        track,
        violation: { category, committedOn },
        status: 'open',
        withinGrant: false,
      };
    }
    if (other && sameViolationHandled({ caseId, track, violation }, [other])) return other;
    const claim: ViolationClaimEvent[] = [
      ...(holder
        ? [
            {
              type: 'ViolationClaimReleased' as const,
              data: { caseId: holder.caseId, reason: other ? other.status : 'not_opened' },
            },
          ]
        : []),
      { type: 'ViolationClaimed', data: { caseId } },
    ];
    this.planned = {
      streamId,
      expectedRevision: events.at(-1)?.revision ?? 'no_stream',
      events: claim.map((event) => ({
        id: randomUUID(),
        ...event,
        metadata: this.options.metadata,
      })),
    };
    return null;
  }
}
