import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonRegistered, PostAssigned } from './person.events';

const outOfOrder = (field: string, message: string): never => {
  throw new RegistryRuleViolation('person.dates_out_of_order', message, 'invalid', field);
};

/**
 * A registration's days in the order a life has them: party membership after birth, and a day
 * of joining only for a party member. (Days after today are the API's to refuse: it knows today.)
 */
export function refuseImpossibleRegistration(data: PersonRegistered['data']): void {
  const [first] = impossibleRegistrationDays(data);
  if (first) throw first;
}

/** Every rule of `refuseImpossibleRegistration` the registration breaks (an import lists them all). */
export function impossibleRegistrationDays(
  data: PersonRegistered['data'],
): RegistryRuleViolation[] {
  const { dateOfBirth, partyMember, partyJoinedOn } = data;
  if (partyJoinedOn === undefined) return [];
  const violations: RegistryRuleViolation[] = [];
  if (!partyMember)
    violations.push(
      new RegistryRuleViolation(
        'person.party_joined_without_membership',
        'partyJoinedOn: given for a person who is not a party member (partyMember: false)',
        'invalid',
        'partyJoinedOn',
      ),
    );
  if (partyJoinedOn < dateOfBirth)
    violations.push(
      new RegistryRuleViolation(
        'person.dates_out_of_order',
        `partyJoinedOn: ${partyJoinedOn} is before the date of birth (${dateOfBirth})`,
        'invalid',
        'partyJoinedOn',
      ),
    );
  return violations;
}

/**
 * A post held from a day after its holder was born, its term ending after it began, an elected
 * one from its election on.
 */
export function refuseImpossiblePost(
  profile: PersonRegistered['data'],
  post: PostAssigned['data'],
): void {
  if (post.termEnd !== null && post.termEnd < post.from)
    outOfOrder(
      'termEnd',
      `termEnd: ${post.termEnd} is before the post's start (from ${post.from})`,
    );
  if (post.from < profile.dateOfBirth)
    outOfOrder('from', `from: ${post.from} is before the date of birth (${profile.dateOfBirth})`);
  // Elected, the person takes up the post from the council's vote on, not before it.
  if (post.electedOn !== undefined && post.electedOn > post.from)
    outOfOrder(
      'electedOn',
      `electedOn: ${post.electedOn} is after the post's start (from ${post.from})`,
    );
}
