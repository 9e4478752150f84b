import { DomainEvent } from '../../common/stream-decider';
import { DisciplineRecorded, DisciplineRevised } from './person.events';
import { PersonState } from './person.state';

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;

/**
 * Expulsion (khai trừ) is the Party discipline that ends Party membership (Điều lệ Đảng art. 35;
 * Quy định 69-QĐ/TW, the forms of discipline of a Party member). The form's id is the one every
 * rule set names it by, not a figure that changes with the instruments.
 */
const ENDS_MEMBERSHIP = 'expulsion';

const expels = (track: string, form: string | null) =>
  track === 'party' && form === ENDS_MEMBERSHIP;

/** A Party member's expulsion ends the membership on the day the decision takes effect. */
export function membershipEndedBy(
  state: RegisteredPerson,
  recorded: DisciplineRecorded['data'],
): DomainEvent[] {
  if (!expels(recorded.track, recorded.form) || !state.profile.partyMember) return [];
  const { personId, caseId, decisionRef, effectiveFrom } = recorded;
  return [
    {
      type: 'PartyMembershipEnded',
      data: { personId, on: effectiveFrom, caseId, decisionRef },
    },
  ];
}

/**
 * A complaint review changes the membership with the form: one changing a Party discipline to
 * expulsion ends it from the review's day; one annulling the expulsion, or changing it to a
 * lighter form, gives it back from that day (the decision that ended it no longer does).
 */
export function membershipAfterRevision(
  state: RegisteredPerson,
  revised: DisciplineRevised['data'],
): DomainEvent[] {
  const { personId, caseId, decisionRef, revisedOn } = revised;
  const ended = state.partyMembershipEnded;
  if (ended?.caseId === caseId) {
    if (revised.outcome === 'changed' && revised.form === ENDS_MEMBERSHIP) return [];
    return [
      {
        type: 'PartyMembershipRestored',
        data: { personId, on: revisedOn, caseId, decisionRef, endedBy: ended.decisionRef },
      },
    ];
  }
  const record = state.discipline.find((d) => d.caseId === caseId);
  if (!record || revised.outcome !== 'changed' || !expels(record.track, revised.form)) return [];
  if (!state.profile.partyMember) return [];
  return [{ type: 'PartyMembershipEnded', data: { personId, on: revisedOn, caseId, decisionRef } }];
}
