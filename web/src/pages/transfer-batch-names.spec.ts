import { resolveNames, serviceDirectory } from './transfer-batch-names';

describe('transfer batch names', () => {
  it('looks no one up for a blank person cell (the service refuses an empty q), and says the line has no person', async () => {
    const asked: string[] = [];
    const directory = serviceDirectory(<T>(path: string) => {
      asked.push(path);
      return Promise.resolve([] as T);
    });
    const entry = {
      personId: '',
      currentPositionId: 'pos-a',
      positionId: 'pos-b',
      orgUnitId: 'ou-b',
      reason: 'x',
    };
    const names = await resolveNames([entry, { ...entry, personId: 'Lê Văn A' }], directory);
    expect(asked.filter((path) => path.startsWith('/cadres'))).toEqual([
      `/cadres?q=${encodeURIComponent('Lê Văn A')}&limit=100`,
    ]);
    expect(names.problems.map((problem) => problem.field)).toEqual(
      expect.arrayContaining(['entries[0].personId', 'entries[1].personId']),
    );
  });
});
