import {
  parseStoredEventName,
  StoredEventNames,
  storedNameMatchesVersion,
} from './stored-event-names';

describe('stored event names', () => {
  it('stores a type under its name and version, and reads it back as the type', () => {
    const names = new StoredEventNames();
    expect(names.toStored('CaseOpened', 1)).toBe('CaseOpened.v1');
    expect(names.read('CaseOpened.v1', 1, { caseId: 'c-1' })).toEqual({
      type: 'CaseOpened',
      schemaVersion: 1,
      data: { caseId: 'c-1' },
    });
  });

  it('reads a name stored before versions as the same type, at the version its row records', () => {
    const names = new StoredEventNames();
    expect(names.read('CaseOpened', 1, { caseId: 'c-1' })).toEqual({
      type: 'CaseOpened',
      schemaVersion: 1,
      data: { caseId: 'c-1' },
    });
    expect(parseStoredEventName('CaseOpened')).toEqual({ type: 'CaseOpened', version: null });
  });

  it('upcasts older versions step by step, whatever name they were stored under', () => {
    const names = new StoredEventNames()
      .register('NameRecorded', 1, (data) => ({ fullName: data.name }))
      .register('NameRecorded', 2, (data) => ({ ...data, gender: 'unknown' }));
    const latest = { type: 'NameRecorded', schemaVersion: 3 };
    expect(names.read('NameRecorded', 1, { name: 'An' })).toEqual({
      ...latest,
      data: { fullName: 'An', gender: 'unknown' },
    });
    expect(names.read('NameRecorded.v2', 2, { fullName: 'An' })).toEqual({
      ...latest,
      data: { fullName: 'An', gender: 'unknown' },
    });
    expect(names.storedNamesOf('NameRecorded')).toEqual([
      'NameRecorded',
      'NameRecorded.v1',
      'NameRecorded.v2',
      'NameRecorded.v3',
    ]);
    expect(() => names.register('NameRecorded', 1, (data) => data)).toThrow(/already registered/);
  });

  it('finds a stored name that claims another version than its row records', () => {
    expect(storedNameMatchesVersion('CaseOpened.v1', 1)).toBe(true);
    expect(storedNameMatchesVersion('CaseOpened', 1)).toBe(true);
    expect(storedNameMatchesVersion('CaseOpened.v2', 1)).toBe(false);
  });
});
