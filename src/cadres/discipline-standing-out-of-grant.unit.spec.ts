import { disciplineStandingFrom } from './discipline-standing';
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
      new Set(['d-above']),
    );
    expect(standing).toMatchObject({
      openCases: ['d-here'],
      openCasesPastVerification: [],
      elsewhere: { open: 1, pastVerification: 1 },
    });
  });

  it('with no reader given, names every case', () => {
    const standing = disciplineStandingFrom(
      [],
      [open('d-above', 'past_verification')],
      '2026-11-20',
    );
    expect(standing.openCasesPastVerification).toEqual(['d-above']);
    expect(standing.elsewhere).toEqual({ open: 0, pastVerification: 0 });
  });
});
