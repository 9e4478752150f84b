import { DomainEvent } from '../../common/stream-decider';
import { RegistryRuleViolation } from '../registry-rule-violation';
import {
  AnnualRatingRecorded,
  CivilServiceRankRecorded,
  ManagementTierRecorded,
  PersonProfileEvent,
  PlaceOfOriginRecorded,
} from './person-profile.events';

type Data<E extends PersonProfileEvent> = Omit<E['data'], 'personId'>;

/** The parts of the record the profile events keep: latest values and every year's rating. */
export interface PersonProfileFacts {
  placeOfOrigin: Data<PlaceOfOriginRecorded> | null;
  managementTier: Data<ManagementTierRecorded> | null;
  civilServiceRank: Data<CivilServiceRankRecorded> | null;
  /** One per year, oldest first; a corrected year holds the latest rating. */
  ratings: Data<AnnualRatingRecorded>[];
}

export type PersonProfileCommand =
  | { type: 'RecordPlaceOfOrigin'; data: PlaceOfOriginRecorded['data'] }
  | { type: 'RecordManagementTier'; data: ManagementTierRecorded['data'] }
  | { type: 'RecordCivilServiceRank'; data: CivilServiceRankRecorded['data'] }
  | { type: 'RecordAnnualRating'; data: AnnualRatingRecorded['data'] };

export const PROFILE_COMMAND_TYPES: readonly PersonProfileCommand['type'][] = [
  'RecordPlaceOfOrigin',
  'RecordManagementTier',
  'RecordCivilServiceRank',
  'RecordAnnualRating',
];

export const PROFILE_EVENT_TYPES: readonly PersonProfileEvent['type'][] = [
  'PlaceOfOriginRecorded',
  'ManagementTierRecorded',
  'CivilServiceRankRecorded',
  'AnnualRatingRecorded',
];

export const emptyProfileFacts = (): PersonProfileFacts => ({
  placeOfOrigin: null,
  managementTier: null,
  civilServiceRank: null,
  ratings: [],
});

function withoutPerson<T extends { personId: string }>(data: T): Omit<T, 'personId'> {
  const { personId: _personId, ...rest } = data;
  return rest;
}

export function evolveProfile(
  facts: PersonProfileFacts,
  event: PersonProfileEvent,
): PersonProfileFacts {
  switch (event.type) {
    case 'PlaceOfOriginRecorded':
      return { ...facts, placeOfOrigin: withoutPerson(event.data) };
    case 'ManagementTierRecorded':
      return { ...facts, managementTier: withoutPerson(event.data) };
    case 'CivilServiceRankRecorded':
      return { ...facts, civilServiceRank: withoutPerson(event.data) };
    case 'AnnualRatingRecorded':
      return {
        ...facts,
        ratings: [
          ...facts.ratings.filter((r) => r.year !== event.data.year),
          withoutPerson(event.data),
        ].sort((a, b) => a.year - b.year),
      };
  }
}

/** Same values as already recorded: an importer run twice, or a retried request. */
function sameAs<T extends object>(current: T | null | undefined, next: T): boolean {
  if (!current) return false;
  return Object.entries(next).every(([key, value]) => current[key as keyof T] === value);
}

/** Decides a profile command on a registered person's facts; a repeat of what is recorded writes nothing. */
export function decideProfile(
  facts: PersonProfileFacts,
  command: PersonProfileCommand,
): DomainEvent[] {
  switch (command.type) {
    case 'RecordPlaceOfOrigin':
      if (sameAs(facts.placeOfOrigin, withoutPerson(command.data))) return [];
      return [{ type: 'PlaceOfOriginRecorded', data: command.data }];
    case 'RecordManagementTier':
      if (sameAs(facts.managementTier, withoutPerson(command.data))) return [];
      return [{ type: 'ManagementTierRecorded', data: command.data }];
    case 'RecordCivilServiceRank':
      if (sameAs(facts.civilServiceRank, withoutPerson(command.data))) return [];
      return [{ type: 'CivilServiceRankRecorded', data: command.data }];
    case 'RecordAnnualRating': {
      const { year, evaluatedOn } = command.data;
      // A year is evaluated at its end or after it, never before it starts.
      if (Number(evaluatedOn.slice(0, 4)) < year)
        throw new RegistryRuleViolation(
          'rating.evaluated_before_year',
          `evaluatedOn: ${evaluatedOn} is before the year ${year} it rates`,
          'invalid',
          'evaluatedOn',
        );
      const current = facts.ratings.find((r) => r.year === year);
      if (sameAs(current, withoutPerson(command.data))) return [];
      return [{ type: 'AnnualRatingRecorded', data: command.data }];
    }
  }
}
