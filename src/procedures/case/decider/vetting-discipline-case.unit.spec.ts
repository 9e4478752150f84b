import * as path from 'node:path';
import { loadRuleSets } from '../../../workflow/rule-sets/rule-set-loader';
import { RuleSet } from '../../../workflow/rule-sets/rule-set';
import { PersonFactsForVetting } from './case.context';
import { vettingFromRecord } from './vetting-from-record';

const seeds = path.resolve(__dirname, '../../../../seeds');
const ruleSets = loadRuleSets(path.join(seeds, 'rule-sets'));
const stateNow = ruleSets.find((set) => set.id === 'state-2025-10-08')!;
/** Quy định 80-QĐ/TW's days: an open case barred once its violation was confirmed. */
const state2022 = ruleSets.find((set) => set.id === 'state-2022-08-18')!;

/** A person with one discipline case opened, its violation not yet confirmed, and one past it. */
const facts: PersonFactsForVetting = {
  dateOfBirth: '1980-04-12',
  gender: 'female',
  target: { positionId: 'pos-head', rank: 4 },
  planningPool: [],
  posts: [],
  disciplineBars: [],
  openDisciplineCases: ['d-confirmed'],
  pendingDisciplineCases: ['d-just-opened', 'd-confirmed'],
};

const withStage = (value: string): RuleSet => ({
  ...stateNow,
  params: {
    ...stateNow.params,
    'appointment.disciplineCaseBarsFrom': { value, citation: 'a rule set that says so' },
  },
});

describe('an open discipline case and the appointment (appointment.disciplineCaseBarsFrom)', () => {
  it('under Quy định 80-QĐ/TW, bars the appointment once its violation is confirmed, citing the rule', () => {
    const [entry] = vettingFromRecord(facts, state2022, '2024-11-20', ['discipline_bar']);
    expect(entry.result).toBe('flagged');
    expect(entry.note).toContain('d-confirmed is past verification');
    expect(entry.note).toContain('Quy định 80-QĐ/TW');
    expect(entry.note).not.toContain('d-just-opened');
  });

  it('under the rule sets in force (Quy định 377-QĐ/TW), a case just opened bars it, citing Nghị định 172/2025', () => {
    // Before: cleared, "d-just-opened is not yet past verification", and the decision went ahead.
    const [entry] = vettingFromRecord(
      { ...facts, openDisciplineCases: [], pendingDisciplineCases: ['d-just-opened'] },
      stateNow,
      '2026-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(
      /^open discipline case d-just-opened is pending \(Quy định 377-QĐ\/TW/,
    );
    expect(entry.note).toContain('Nghị định 172/2025');
  });

  it('under a rule set that bars from the opening, a case just opened bars it too', () => {
    const [entry] = vettingFromRecord(facts, withStage('opening'), '2026-11-20', [
      'discipline_bar',
    ]);
    expect(entry.note).toContain('d-just-opened is pending');
    expect(entry.note).toContain('d-confirmed is pending');
  });

  it('with no case past the stage, the item is cleared', () => {
    const [entry] = vettingFromRecord(
      { ...facts, openDisciplineCases: [], pendingDisciplineCases: ['d-just-opened'] },
      state2022,
      '2024-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('cleared');
  });

  it('cleared for a post not higher than the one held, the note names the discipline in effect', () => {
    // A recall (bãi nhiệm) in effect bars a higher post only; pos-head (rank 4) is below the
    // post held (rank 5). Before: "no discipline in effect and no open discipline case".
    const [entry] = vettingFromRecord(
      {
        ...facts,
        posts: [{ positionId: 'pos-director', rank: 5, from: '2020-01-01', until: null }],
        disciplineBars: [{ form: 'recall', endsOn: null, decisionRef: '12-QĐ/UBKT' }],
        openDisciplineCases: [],
        pendingDisciplineCases: ['d-just-opened'],
      },
      state2022,
      '2024-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('cleared');
    expect(entry.note).toMatch(
      /^discipline \(recall, 12-QĐ\/UBKT\) in effect with no end date; it bars a higher post only: pos-head \(rank 4\) is not higher than the post held \(rank 5\); open discipline case d-just-opened is not yet past verification \(/,
    );
  });
});

describe('an open discipline case a unit above opened, out of the case unit’s reach', () => {
  // The context factory left `d-above` out of the lists and counted it: the notes never name it.
  const above: PersonFactsForVetting = {
    ...facts,
    openDisciplineCases: [],
    pendingDisciplineCases: [],
    disciplineCasesElsewhere: { open: 1, pastVerification: 1 },
  };

  it('bars the higher post as a named one would, told of as opened by a unit above', () => {
    const [entry] = vettingFromRecord(above, stateNow, '2026-11-20', ['discipline_bar']);
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(
      /^a discipline case opened by a unit above is pending \(Quy định 377-QĐ\/TW/,
    );
  });

  it('not yet past verification, it bars under the rule sets in force, without its id', () => {
    const [entry] = vettingFromRecord(
      { ...above, disciplineCasesElsewhere: { open: 1, pastVerification: 0 } },
      stateNow,
      '2026-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(/^a discipline case opened by a unit above is pending \(/);
  });

  it('not yet past verification under Quy định 80-QĐ/TW, it clears the item and the note says so without its id', () => {
    const [entry] = vettingFromRecord(
      { ...above, disciplineCasesElsewhere: { open: 1, pastVerification: 0 } },
      state2022,
      '2024-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('cleared');
    expect(entry.note).toContain(
      'a discipline case opened by a unit above is not yet past verification',
    );
  });

  it('holds back a re-appointment (the post already held) as pending', () => {
    const [entry] = vettingFromRecord({ ...above, holdsTargetPost: true }, stateNow, '2026-11-20', [
      'discipline_bar',
    ]);
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(/^a discipline case opened by a unit above is pending/);
  });
});

describe('an open discipline case a sibling unit opened, out of the case unit’s reach', () => {
  // Told as opened by another unit, not by a unit above (before, every note said "a unit above").
  const sibling: PersonFactsForVetting = {
    ...facts,
    openDisciplineCases: [],
    pendingDisciplineCases: [],
    disciplineCasesElsewhere: {
      open: 1,
      pastVerification: 1,
      byAnotherUnit: { open: 1, pastVerification: 1 },
    },
  };
  const notYetConfirmed = {
    open: 1,
    pastVerification: 0,
    byAnotherUnit: { open: 1, pastVerification: 0 },
  };

  it('bars the higher post, told of as opened by another unit', () => {
    const [entry] = vettingFromRecord(sibling, stateNow, '2026-11-20', ['discipline_bar']);
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(
      /^a discipline case opened by another unit is pending \(Quy định 377-QĐ\/TW/,
    );
    expect(entry.note).not.toContain('unit above');
  });

  it('not yet past verification under Quy định 80-QĐ/TW, the cleared note says another unit', () => {
    const [entry] = vettingFromRecord(
      { ...sibling, disciplineCasesElsewhere: notYetConfirmed },
      state2022,
      '2024-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('cleared');
    expect(entry.note).toContain(
      'a discipline case opened by another unit is not yet past verification',
    );
    expect(entry.note).not.toContain('unit above');
  });

  it('holds back a re-appointment (the post already held), told of as opened by another unit', () => {
    const [entry] = vettingFromRecord(
      { ...sibling, holdsTargetPost: true },
      stateNow,
      '2026-11-20',
      ['discipline_bar'],
    );
    expect(entry.result).toBe('flagged');
    expect(entry.note).toMatch(/^a discipline case opened by another unit is pending/);
  });

  it('one above and one a sibling opened: each told as what it is', () => {
    const [entry] = vettingFromRecord(
      {
        ...sibling,
        disciplineCasesElsewhere: {
          open: 2,
          pastVerification: 2,
          byAnotherUnit: { open: 1, pastVerification: 1 },
        },
      },
      stateNow,
      '2026-11-20',
      ['discipline_bar'],
    );
    expect(entry.note).toMatch(
      /^a discipline case opened by a unit above is pending \(.+\); a discipline case opened by another unit is pending \(/,
    );
  });
});
