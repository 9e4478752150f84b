import { openCaseSlotOf, openCaseSlotStream, slotsToRelease } from './open-case-slot';

const removal = (definitionId: string) =>
  openCaseSlotStream(
    openCaseSlotOf({ procedure: 'removal', definitionId, personId: 'p-1', positionId: 'pos-1' }),
  );

describe('the open-case slot of a removal kind', () => {
  it('gives a suspension its own slot, beside the one dismissal, resignation and relief share', () => {
    // A suspension keeps the post and runs during a discipline case, alongside a dismissal.
    expect(removal('removal.suspension@1')).toBe('caseslot-removal.suspension/p-1/pos-1');
    for (const ending of ['removal.dismissal@2', 'removal.resignation@1', 'removal.relief'])
      expect(removal(ending)).toBe('caseslot-removal/p-1/pos-1');
  });

  it('releases a suspension from its own slot and from the shared one it held before it had its own', () => {
    const opening = { procedure: 'removal', personId: 'p-1', positionId: 'pos-1' };
    expect(
      slotsToRelease({ ...opening, definitionId: 'removal.suspension' }).map(openCaseSlotStream),
    ).toEqual(['caseslot-removal.suspension/p-1/pos-1', 'caseslot-removal/p-1/pos-1']);
    expect(
      slotsToRelease({ ...opening, definitionId: 'removal.dismissal' }).map(openCaseSlotStream),
    ).toEqual(['caseslot-removal/p-1/pos-1']);
  });
});
