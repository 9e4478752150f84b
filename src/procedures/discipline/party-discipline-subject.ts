import { DisciplineTrack } from './discipline.events';

/**
 * Party discipline is for Party members (and Party organisations): Quy định 69-QĐ/TW art. 1
 * (scope: Party organisations and Party members, including members declared missing or deceased),
 * as legal portals restate it; text not checked here. Membership is judged as the record has it
 * now: a person recorded as not a member, or expelled (khai trừ ends the membership on the record,
 * party-membership.ts), has no Party discipline opened or recorded, whatever the day of the
 * violation: expulsion is already the Party's heaviest form, and an expelled person is outside its
 * discipline until an annulment gives the membership back.
 */
export function partyDisciplineOfNonMember(
  track: DisciplineTrack,
  personId: string,
  partyMember: boolean | undefined,
): { rule: 'discipline.not_party_member'; message: string } | null {
  if (track !== 'party' || partyMember !== false) return null;
  return {
    rule: 'discipline.not_party_member',
    message: `personId: ${personId} is not a Party member on the record (partyMember: false); Party discipline applies to Party members (Quy định 69-QĐ/TW art. 1): use the civil-service track`,
  };
}
