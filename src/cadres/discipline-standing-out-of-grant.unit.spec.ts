import { casesElsewhereTold, disciplineStandingFrom } from './discipline-standing';
import { OpenCaseOnRecord } from './person/person.state';

const open = (caseId: string, stage: string): OpenCaseOnRecord => ({
  caseId,
  procedure: 'discipline',
  stage,
  since: '2026-11-01',
});

describe("a person's open discipline cases as a reader whose grant does not reach one reads them", () => {
  it('leaves the case out of the named lists and counts it, stage by stage', () => {
    const standing = disciplineStandingFrom(
      [],
      [open('d-here', 'verification'), open('d-above', 'past_verification')],
      '2026-11-20',
      new Map([['d-above', 'above' as const]]),
    );
    expect(standing).toMatchObject({
      openCases: ['d-here'],
      openCasesPastVerification: [],
      elsewhere: { open: 1, pastVerification: 1, byAnotherUnit: { open: 0, pastVerification: 0 } },
    });
  });

  it('with no reader given, names every case', () => {
    const standing = disciplineStandingFrom(
      [],
      [open('d-above', 'past_verification')],
      '2026-11-20',
    );
    expect(standing.openCasesPastVerification).toEqual(['d-above']);
    expect(standing.elsewhere).toMatchObject({ open: 0, pastVerification: 0 });
  });

  it("tells a sibling unit's case as opened by another unit, not by a unit above", () => {
    const standing = disciplineStandingFrom(
      [],
      [open('d-above', 'verification'), open('d-sibling', 'past_verification')],
      '2026-11-20',
      new Map([
        ['d-above', 'above' as const],
        ['d-sibling', 'another' as const],
      ]),
    );
    expect(casesElsewhereTold(standing.elsewhere, 'opening')).toEqual([
      'a discipline case opened by a unit above',
      'a discipline case opened by another unit',
    ]);
    expect(casesElsewhereTold(standing.elsewhere, 'violation_confirmed')).toEqual([
      'a discipline case opened by another unit',
    ]);
    // Facts recorded before the opener was kept: told as before.
    expect(casesElsewhereTold({ open: 1, pastVerification: 0 }, 'opening')).toEqual([
      'a discipline case opened by a unit above',
    ]);
  });
});
