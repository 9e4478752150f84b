import * as path from 'node:path';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { vettingFlagEndOutputs } from '../deadlines/vetting-flag-end';
import { PersonFactsForVetting } from './case.context';
import { flagsEndOn, workflowFlagEndsOn } from './flag-ends-on';
import { vettingFromRecord } from './vetting-from-record';

const seeds = path.resolve(__dirname, '../../../../seeds');
const stateNow = loadRuleSets(path.join(seeds, 'rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;

/** A deputy (rank 4) for a head post (rank 5), under a reprimand barring a higher post to 2027-12-08. */
const facts: PersonFactsForVetting = {
  dateOfBirth: '1980-04-12',
  gender: 'female',
  target: { positionId: 'pos-head', rank: 5 },
  planningPool: [],
  posts: [{ positionId: 'pos-deputy', rank: 4, from: '2020-01-01', until: null }],
  disciplineBars: [{ form: 'reprimand', endsOn: '2027-12-08', decisionRef: '7-QĐ' }],
  openDisciplineCases: [],
  pendingDisciplineCases: [],
};
const today = '2026-12-07';
const flagged = (f: PersonFactsForVetting) =>
  vettingFromRecord(f, stateNow, today, ['discipline_bar'], true);

describe('the day a discipline flag read from the record ends by time', () => {
  it('is the bar’s end, the first day the same record no longer bears the flag out', () => {
    const entries = flagged(facts);
    expect(entries[0].result).toBe('flagged');
    expect(flagsEndOn(facts, stateNow, today, entries, true)).toEqual({
      discipline_bar: '2027-12-08',
    });
  });

  it('is the later end where a status period holds it back past the bar', () => {
    const statuses = [
      {
        status: 'under_investigation' as const,
        from: '2026-11-01',
        until: '2028-01-31',
        note: 'x',
      },
    ];
    const withStatus = { ...facts, statuses };
    expect(flagsEndOn(withStatus, stateNow, today, flagged(withStatus), true)).toEqual({
      discipline_bar: '2028-02-01',
    });
  });

  it('is none while an open discipline case or a bar with no end holds it', () => {
    const open = { ...facts, pendingDisciplineCases: ['d-open'] };
    expect(flagsEndOn(open, stateNow, today, flagged(open), true)).toEqual({});
    const endless = {
      ...facts,
      disciplineBars: [{ form: 'expulsion', endsOn: null, decisionRef: '9-QĐ' }],
    };
    expect(flagsEndOn(endless, stateNow, today, flagged(endless), true)).toEqual({});
  });

  it('takes the discipline case whose decision raised a workflow flag as decided', () => {
    const stillNoted = { ...facts, pendingDisciplineCases: ['d-1'], openDisciplineCases: ['d-1'] };
    const flag = { item: 'discipline_bar' as const, note: 'x', causeRef: 'd-1' };
    expect(workflowFlagEndsOn(stillNoted, stateNow, today, flag, true)).toBe('2027-12-08');
  });
});

describe('the vetting-flag-end timer', () => {
  const recorded = (flagsEndOn?: Record<string, string>) => ({
    id: 'e-1',
    streamId: 'appointment-c-1',
    type: 'VettingItemsRecorded',
    data: { stepId: 'vetting', items: [], complete: true, ...(flagsEndOn ? { flagsEndOn } : {}) },
    metadata: { occurredAt: '2026-12-07T03:00:00.000Z' },
  });

  it('falls due at the start of the day in Vietnam, one timer per case, item and day', () => {
    const [first] = vettingFlagEndOutputs(recorded({ discipline_bar: '2027-12-08' }) as never);
    const [again] = vettingFlagEndOutputs({
      ...recorded({ discipline_bar: '2027-12-08' }),
      id: 'e-2',
    } as never);
    expect(first).toMatchObject({
      kind: 'Schedule',
      timer: {
        kind: 'vetting-flag-end',
        dueAt: '2027-12-07T17:00:00.000Z',
        target: 'appointment-c-1',
        payload: { caseId: 'c-1', item: 'discipline_bar', endsOn: '2027-12-08' },
      },
    });
    expect(again).toEqual(first);
  });

  it('is not set for a vetting whose flags nothing ends by a day', () => {
    expect(vettingFlagEndOutputs(recorded() as never)).toEqual([
      { kind: 'Ignore', reason: 'no vetting flag ending by time' },
    ]);
  });
});
