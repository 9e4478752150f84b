import { RegistryReads } from './prefetched-registry';
import { RegistryReadsOnce } from './registry-reads-once';

/** A registry that counts what it is asked; a post's title changes with every read. */
function countingRegistry() {
  const asked: string[] = [];
  let reads = 0;
  const registry = {
    findPosition: async (id: string) => {
      asked.push(`position ${id}`);
      reads += 1;
      return id === 'pos-missing' ? null : { id, title: `read ${reads}` };
    },
    findOrgUnit: async (id: string) => {
      asked.push(`unit ${id}`);
      return { id, kind: 'party_committee' };
    },
    loadPerson: async (id: string, until?: Date) => {
      asked.push(`person ${id}${until ? ` until ${until.toISOString()}` : ''}`);
      return { state: { status: 'none' }, revision: null };
    },
  } as unknown as RegistryReads;
  return { registry, asked };
}

describe('RegistryReadsOnce: one opening reads each post, unit and person once', () => {
  it('answers a second ask from the first read, the missing ones too', async () => {
    const { registry, asked } = countingRegistry();
    const once = new RegistryReadsOnce(registry);
    const first = await once.findPosition('pos-1');
    await expect(once.findPosition('pos-1')).resolves.toBe(first);
    await expect(once.findPosition('pos-missing')).resolves.toBeNull();
    await expect(once.findPosition('pos-missing')).resolves.toBeNull();
    await once.findOrgUnit('ou-1');
    await once.findOrgUnit('ou-1');
    await once.loadPerson('p-1');
    await once.loadPerson('p-1');
    expect(asked).toEqual(['position pos-1', 'position pos-missing', 'unit ou-1', 'person p-1']);
  });

  it('reads a person as of a date every time, and a new opening reads afresh', async () => {
    const { registry, asked } = countingRegistry();
    const until = new Date('2025-07-01T00:00:00Z');
    const once = new RegistryReadsOnce(registry);
    await once.loadPerson('p-1', until);
    await once.loadPerson('p-1', until);
    expect(asked).toEqual([
      `person p-1 until ${until.toISOString()}`,
      `person p-1 until ${until.toISOString()}`,
    ]);
    const earlier = await once.findPosition('pos-1');
    const next = await new RegistryReadsOnce(registry).findPosition('pos-1');
    expect(next).not.toEqual(earlier);
  });
});
