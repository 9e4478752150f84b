import * as path from 'node:path';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { withParams } from '../../workflow/testing/decider-spec';
import { given } from '../../workflow/testing/process-spec';
import { leadershipPostTerm, rotationOpening, rotationTerm } from './rotation-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const definitions = loadDefinitions(path.join(seeds, 'definitions'));
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;
const rotation = definitions.get('rotation.standard@2')!;
const noPool = {
  target: { id: 'pos-commune-chair', rank: 4, isLeadership: true, province: 'Hà Nội' },
  planningPool: [],
  person: {
    id: 'p-1',
    dateOfBirth: '1985-01-01',
    gender: 'female' as const,
    originProvince: 'Hà Nội',
    leadershipPostsPastFirstTerm: [],
  },
  today: '2026-11-20',
  ruleSet: stateNow,
};

describe("a rotation's opening checks come from its definition (openingChecks)", () => {
  it('asks a rotation.standard case for a planning-pool entry', () => {
    given({ ...noPool, definition: rotation })
      .when(rotationOpening)
      .thenThrows(/rotation needs a current planning-pool entry for pos-commune-chair/);
  });

  it('asks nothing of a rotation version whose definition lists no checks', () => {
    given({ ...noPool, definition: { ...rotation, openingChecks: [] } })
      .when(rotationOpening)
      .then({ kind: 'rotation' });
  });

  it('asks the years to retirement only when the definition lists them', () => {
    const nearRetirement = {
      ...noPool,
      person: { ...noPool.person, dateOfBirth: '1970-01-01' },
    };
    const poolOnly = { ...rotation, openingChecks: ['planning_pool' as const] };
    const inPool = [
      { positionId: 'pos-commune-chair', term: '2025-2030', decisionRef: 'QĐ 1', rank: 4 },
    ];
    given({ ...nearRetirement, planningPool: inPool, definition: poolOnly })
      .when(rotationOpening)
      .then({ kind: 'rotation', planningPoolEntry: 'pos-commune-chair (2025-2030, QĐ 1)' });
    given({ ...nearRetirement, planningPool: inPool, definition: rotation })
      .when(rotationOpening)
      .thenThrows(/rotation needs 10/);
  });
});

describe("a rotation's planned duration stays within the set's bounds (rotation.maxPlannedYears)", () => {
  it('refuses more than 10 years under the seeded setting, naming termYears', () => {
    given(stateNow, '2027-01-01', 11, 'rotation.minYears')
      .when(rotationTerm)
      .thenThrows(/termYears: must not be greater than 10/);
  });

  it('takes 12 years under a set whose maximum is 15', () => {
    const longer = withParams(stateNow, { 'rotation.maxPlannedYears': 15 });
    expect(rotationTerm(longer, '2027-01-01', 12, 'rotation.minYears')).toMatchObject({
      termYears: 12,
      termEnd: '2039-01-01',
    });
  });
});

describe("a move's least planned duration is its definition's parameter (minDurationParam)", () => {
  const transfer = definitions.get('transfer.standard@2')!;

  it('names rotation.minYears for a rotation and none for a transfer (no instrument sets one)', () => {
    expect(rotation.minDurationParam).toBe('rotation.minYears');
    expect(transfer.minDurationParam).toBeUndefined();
    expect(stateNow.params['transfer.minYears']).toBeUndefined();
  });

  it('gives a transfer whose decision states no period none, and says so', () => {
    given(stateNow, '2027-01-01', undefined, transfer.minDurationParam)
      .when(rotationTerm)
      .then({
        termRule: expect.stringMatching(/^no planned period: the transfer decision states none/),
      });
  });

  it("takes a transfer's stated period of 1 or 2 years, which a rotation refuses", () => {
    given(stateNow, '2027-01-01', 2, transfer.minDurationParam).when(rotationTerm).then({
      termYears: 2,
      termEnd: '2029-01-01',
      termRule: 'planned duration 2 years, as the decision states',
    });
    given(stateNow, '2027-01-01', 1, rotation.minDurationParam)
      .when(rotationTerm)
      .thenThrows(/termYears: the move lasts at least 3 years, 1 given \(rotation.minYears: /);
  });
});

describe('a leadership post taken up through a move is held on an appointment term', () => {
  it("is the set's appointment.termYears from the effective day, citing it", () => {
    expect(leadershipPostTerm(stateNow, '2027-01-01')).toEqual({
      termYears: 5,
      termEnd: '2032-01-01',
      termRule: expect.stringMatching(
        /^leadership post held on an appointment term: state-2025-10-08: Quy định 377-QĐ\/TW/,
      ),
    });
    expect(
      leadershipPostTerm(withParams(stateNow, { 'appointment.termYears': 4 }), '2027-01-01'),
    ).toMatchObject({ termYears: 4, termEnd: '2031-01-01' });
  });
});
