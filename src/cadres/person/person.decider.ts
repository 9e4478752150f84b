import { DomainEvent } from '../../common/stream-decider';
import { RegistryRuleViolation } from '../registry-rule-violation';
import { refuseImpossibleRegistration } from './person-dates';
import { refuseUnderage } from './age-rules';
import { refuseYearNotWorked } from './rating-year';
import { PersonState } from './person.state';
import { decideProfile, PersonProfileCommand } from './person-profile';
import { CommandOf, PersonCommand, PersonDecideContext } from './person.commands';
import {
  planningDeciders,
  postDeciders,
  recordDeciders,
  registrationDeciders,
} from './person-record.decide';
import { evolvePerson } from './person.evolve';

export type { PersonCommand, PersonDecideContext } from './person.commands';
export { evolvePerson } from './person.evolve';

export const initialPersonState = (): PersonState => ({ status: 'unknown' });

type RegisteredPerson = Extract<PersonState, { status: 'registered' }>;
/** One decision per command after registration, so a new command type without one fails to compile. */
type Deciders = {
  [T in Exclude<PersonCommand['type'], 'RegisterPerson'>]: (
    state: RegisteredPerson,
    command: CommandOf<T>,
    context: PersonDecideContext,
  ) => DomainEvent[];
};

const profile = (
  state: RegisteredPerson,
  command: PersonProfileCommand,
  context: PersonDecideContext,
) => {
  if (command.type === 'RecordAnnualRating') refuseYearNotWorked(state, command.data, context.ages);
  return decideProfile(state, command);
};

const deciders: Deciders = {
  ...postDeciders,
  ...registrationDeciders,
  ...planningDeciders,
  ...recordDeciders,
  RecordPlaceOfOrigin: profile,
  RecordManagementTier: profile,
  RecordCivilServiceRank: profile,
  RecordAnnualRating: profile,
};

function register(
  state: PersonState,
  command: CommandOf<'RegisterPerson'>,
  context: PersonDecideContext,
): DomainEvent[] {
  if (state.status !== 'unknown')
    throw new RegistryRuleViolation(
      'person.already_registered',
      `person ${command.data.personId} is already registered`,
      'conflict',
    );
  refuseImpossibleRegistration(command.data);
  // Without the rule sets (a CLI's hand-built registry) the ages go unchecked, as planning limits do.
  if (context.ages) refuseUnderage(command.data, context.ages);
  return [{ type: 'PersonRegistered', data: command.data }];
}

export function decidePerson(
  state: PersonState,
  command: PersonCommand,
  context: PersonDecideContext = {},
): DomainEvent[] {
  if (command.type === 'RegisterPerson') return register(state, command, context);
  if (state.status !== 'registered') {
    throw new RegistryRuleViolation(
      'person.not_found',
      `person ${command.data.personId} is not registered`,
      'not_found',
    );
  }
  const decide = deciders[command.type] as
    ((s: RegisteredPerson, c: PersonCommand, x: PersonDecideContext) => DomainEvent[]) | undefined;
  // A command type this code does not know decides nothing (as the registry has always answered).
  return decide ? decide(state, command, context) : [];
}

export const personDecider = {
  initialState: initialPersonState,
  evolve: evolvePerson,
  decide: (state: PersonState, command: PersonCommand, context?: PersonDecideContext) =>
    decidePerson(state, command, context),
};
