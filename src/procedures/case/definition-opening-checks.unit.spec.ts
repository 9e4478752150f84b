import * as path from 'node:path';
import { DomainEvent } from '../../common/stream-decider';
import { RegistryReads } from '../../cadres/prefetched-registry';
import { personDecider } from '../../cadres/person/person.decider';
import { Position } from '../../cadres/registry-records';
import { RegistryService } from '../../cadres/registry.service';
import { OrgScope } from '../../identity/org-scope';
import { EventStore } from '../../event-store/event-store.port';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { AppointmentModule } from '../appointment/appointment.module';
import { RotationModule } from '../rotation/rotation.module';
import { DomainRuleViolation } from './decider/domain-rule-violation';
import { ownThenDefinitionOpeningChecks } from './definition-opening-checks';
import { OpeningInput, ProcedureModule, ProcedureRegistry } from './procedure-registry';

const seeds = path.resolve(__dirname, '../../../seeds');
const ruleSet = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const definitions = loadDefinitions(path.join(seeds, 'definitions'));

// Born 1960: reached the retirement age in 2020 (Bộ luật Lao động 2019 art. 169 as restated).
const registered: DomainEvent = {
  type: 'PersonRegistered',
  data: {
    personId: 'p-old',
    fullName: 'Trần Văn Cũ',
    dateOfBirth: '1960-01-01',
    gender: 'male',
    ethnicity: 'Kinh',
    partyMember: true,
    educationLevel: 'Thạc sĩ',
    politicalTheoryLevel: 'Cao cấp',
    orgUnitId: 'ou-town',
  },
};
const people = {
  'p-old': personDecider.evolve(personDecider.initialState(), registered),
  // Born 1982: decades of work left.
  'p-young': personDecider.evolve(personDecider.initialState(), {
    type: 'PersonRegistered',
    data: { ...registered.data, personId: 'p-young', dateOfBirth: '1982-05-05' },
  }),
};
const post: Position = {
  id: 'pos-deputy',
  title: 'Phó trưởng phòng',
  orgUnitId: 'ou-town',
  appointingAuthority: 'ou-town',
  rank: 4,
  isLeadership: true,
  filledBy: 'appointment',
};

/** The registry as the opening is handed it, counting the reads of each person's record. */
function countingRegistry() {
  const personReads: string[] = [];
  const registry: RegistryReads = {
    loadPerson: async (personId: string) => {
      personReads.push(personId);
      return { state: people[personId as keyof typeof people], revision: 0 };
    },
    findPosition: async (id: string) => (id === post.id ? post : null),
    findOrgUnit: async () => null,
  };
  return { registry, personReads };
}

const service = {
  postSeats: { holdsSince: async () => [] },
} as unknown as RegistryService;
const procedures = new ProcedureRegistry();
new AppointmentModule(procedures, service, {} as OrgScope).onModuleInit();
new RotationModule(procedures, service, {} as EventStore).onModuleInit();

async function refusalOf(module: ProcedureModule, definitionId: string, personId = 'p-old') {
  const { registry, personReads } = countingRegistry();
  const opening = {
    personId,
    positionId: post.id,
    orgUnitId: 'ou-town',
    definition: definitions.get(definitionId)!,
    context: { ruleSet, today: '2026-12-01', actor: { orgUnit: 'ou-town' } },
    registry,
  } as unknown as OpeningInput & { registry: RegistryReads };
  const refused = await ownThenDefinitionOpeningChecks(module, opening).then(
    () => null,
    (error: unknown) => error as DomainRuleViolation,
  );
  return { refused, personReads };
}

/**
 * Every procedure whose decision gives a post refuses, at its opening, one who has reached the
 * retirement age through its definition's `retirement_reached` check: the same rule, field and
 * sentence, judged once on one read of the person's record. Before, a rotation and a transfer
 * judged it among their own checks and the opening judged it again, reading the record twice.
 */
describe('the retirement age reached at the opening, judged once', () => {
  it.each([
    ['rotation', 'rotation.standard@2'],
    ['rotation', 'transfer.standard@2'],
    ['appointment', 'appointment.internal@3'],
    ['appointment', 'appointment.external@2'],
    ['appointment', 'exam.leadership-post@1'],
  ])('%s under %s: age.retirement_reached on personId, one read', async (name, definition) => {
    const { refused, personReads } = await refusalOf(procedures.get(name)!, definition);
    expect(refused).toMatchObject({
      rule: 'age.retirement_reached',
      field: 'personId',
      details: { retirementDate: expect.any(String) },
    });
    expect(refused?.message).toMatch(/^personId: p-old reached the retirement age: retires on /);
    expect(personReads).toEqual(['p-old']);
  });

  it.each([
    ['rotation', 'transfer.standard@2'],
    ['appointment', 'appointment.internal@3'],
  ])('%s under %s opens one who has not reached it on one read', async (name, definition) => {
    const { refused, personReads } = await refusalOf(procedures.get(name)!, definition, 'p-young');
    expect(refused).toBeNull();
    expect(personReads).toEqual(['p-young']);
  });

  it("reads the record once for a procedure whose own checks read it and don't judge the age", async () => {
    const readsThePerson: ProcedureModule = {
      procedure: 'election',
      definitionIds: ['election.nomination'],
      onOpen: async ({ personId, registry }) => void (await registry!.loadPerson(personId)),
    };
    const { refused, personReads } = await refusalOf(readsThePerson, 'election.nomination@1');
    expect(refused).toMatchObject({ rule: 'age.retirement_reached', field: 'personId' });
    expect(personReads).toEqual(['p-old']);
  });
});
