import { givenStream } from '../../workflow/testing/decider-spec';
import { disciplineDecider } from './discipline.decider';
import { SameViolationCase } from './same-violation';
import {
  ballot,
  civilDefinition,
  decide,
  inspector,
  leader,
  meeting,
  open,
  ruleSetOn,
  secretary,
  staff,
  track,
  verified,
  disciplineHistoryOf,
} from './testing/discipline-fixtures';

/** The Party's decision on the same violation, in effect from 1 Oct 2026. */
const partyCase: SameViolationCase = {
  caseId: 'd-party',
  personId: 'p-1',
  track: 'party',
  status: 'decided',
  form: 'reprimand',
  barEndsOn: '2027-10-01',
  decisionRef: '45-QĐ/UBKT (2026-10-01)',
  effectiveFrom: '2026-10-01',
};

/** A civil servant's reprimand decided on 15 Nov 2026 in a case opened on `openedOn`, naming `named`. */
const reprimandLinkedTo = (openedOn: string, named?: string) => {
  const t = track(civilDefinition, ruleSetOn(openedOn, 'state'), { sameViolationCase: partyCase });
  return givenStream(
    disciplineDecider,
    ...disciplineHistoryOf(
      disciplineDecider,
      [open({ committedOn: '2026-01-01' }), t.as(inspector)],
      [verified, t.as(inspector)],
      [meeting('self-criticism'), t.as(staff)],
      [meeting('review'), t.as(inspector)],
      [ballot({ reprimand: 4 }, 5), t.as(secretary)],
    ),
  )
    .when(decide('reprimand', named ? { sameViolationCaseId: named } : {}), t.as(leader))
    .then(['DisciplineDecided'])[0].data as { effectCountedFrom?: { on: string; rule: string } };
};

describe('a civil-service decision after a Party decision on the same violation (Nghị định 71/2023 art. 1(2))', () => {
  it('counts its 12 months of effect, and its bar, from the day the Party decision took effect', () => {
    const linked = reprimandLinkedTo('2025-10-08', 'd-party');
    expect(linked).toMatchObject({
      effectiveFrom: '2026-11-15',
      effectCountedFrom: {
        on: '2026-10-01',
        rule: expect.stringContaining('case d-party, 45-QĐ/UBKT (2026-10-01)'),
      },
      inEffectUntil: '2027-10-01',
      barEndsOn: '2027-10-01',
      sameViolationAs: { caseId: 'd-party', effectiveFrom: '2026-10-01' },
    });
    // Without a Party decision named, the decision's own day.
    const alone = reprimandLinkedTo('2025-10-08');
    expect(alone).toMatchObject({ inEffectUntil: '2027-11-15', barEndsOn: '2027-11-15' });
    expect(alone).not.toHaveProperty('effectCountedFrom');
  });

  it('cites the decree as amended from 20 Sep 2023; a case opened before counts from its own day', () => {
    const amended = reprimandLinkedTo('2024-01-01', 'd-party');
    expect(amended.effectCountedFrom?.rule).toMatch(/Nghị định 71\/2023\/NĐ-CP, art\. 1\(2\)/);
    const before = reprimandLinkedTo('2023-01-01', 'd-party');
    expect(before).not.toHaveProperty('effectCountedFrom');
    expect(before).toMatchObject({ barEndsOn: '2027-11-15' });
  });
});

describe('no limitation for a Party member whose violation warrants expulsion (Luật CBCC art. 80(2))', () => {
  const expelled: SameViolationCase = { ...partyCase, form: 'expulsion', barEndsOn: null };
  /** A civil servant's warning for a violation of 2010, decided on 15 Nov 2026, naming `linked`. */
  const warningOf2010 = (linked?: SameViolationCase) => {
    const t = track(civilDefinition, ruleSetOn('2025-10-08', 'state'), {
      sameViolationCase: linked,
    });
    return givenStream(
      disciplineDecider,
      ...disciplineHistoryOf(
        disciplineDecider,
        [open({ committedOn: '2010-06-01' }), t.as(inspector)],
        [verified, t.as(inspector)],
        [meeting('self-criticism'), t.as(staff)],
        [meeting('review'), t.as(inspector)],
        [ballot({ warning: 4 }, 5), t.as(secretary)],
      ),
    ).when(decide('warning', linked ? { sameViolationCaseId: linked.caseId } : {}), t.as(leader));
  };

  it('decides a violation past its 10 years when the Party expelled the person for it', () => {
    const [decided] = warningOf2010(expelled).then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      limitation: {
        years: null,
        endsOn: null,
        expired: false,
        exemptCategory: 'party_member_expulsion',
        citation: expect.stringContaining('a Party member and whose violation warrants expulsion'),
      },
    });
  });

  it('still bars it without the Party’s expulsion: none named, or a lighter Party form', () => {
    warningOf2010().then(['DisciplineTimeBarred']);
    warningOf2010({ ...partyCase, form: 'warning' }).then(['DisciplineTimeBarred']);
  });
});
