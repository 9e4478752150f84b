import { RegistryRuleViolation } from '../registry-rule-violation';
import { PersonRegistered, PostAssigned } from './person.events';

const outOfOrder = (field: string, message: string): RegistryRuleViolation =>
  new RegistryRuleViolation('person.dates_out_of_order', message, 'invalid', field);

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
      outOfOrder(
        'partyJoinedOn',
        `partyJoinedOn: ${partyJoinedOn} is before the date of birth (${dateOfBirth})`,
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
  const [first] = impossiblePostDays(profile, post);
  if (first) throw first;
}

/**
 * A term that ends on or before the day it starts, as `[violation]` or `[]`: judged from the row's
 * own days, whoever holds the post, so an import tells it even of a person it does not know.
 */
export function reversedTerm(
  post: Pick<PostAssigned['data'], 'from' | 'termEnd'>,
): RegistryRuleViolation[] {
  // A term ends after the day it starts: one ending that day is held no day (before, it was taken).
  if (post.termEnd === null || post.termEnd > post.from) return [];
  return [
    outOfOrder(
      'termEnd',
      `termEnd: ${post.termEnd} is not after the post's start (from ${post.from}): a term ends after it starts`,
    ),
  ];
}

/** Every rule of `refuseImpossiblePost` the post breaks (an import lists them all). */
export function impossiblePostDays(
  profile: PersonRegistered['data'],
  post: PostAssigned['data'],
): RegistryRuleViolation[] {
  const violations: RegistryRuleViolation[] = [...reversedTerm(post)];
  if (post.from < profile.dateOfBirth)
    violations.push(
      outOfOrder('from', `from: ${post.from} is before the date of birth (${profile.dateOfBirth})`),
    );
  // Elected, the person takes up the post from the council's vote on, not before it.
  if (post.electedOn !== undefined && post.electedOn > post.from)
    violations.push(
      outOfOrder(
        'electedOn',
        `electedOn: ${post.electedOn} is after the post's start (from ${post.from})`,
      ),
    );
  return violations;
}
