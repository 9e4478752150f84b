import { PersonState } from '../../../cadres/person/person.state';
import { ExistingCase } from '../decider/case.state';
import { noticedReappointment, renewedTermCorrection } from './renewed-term-correction';

const person = (post: { from: string; termEnd: string }, caseIds: string[] = ['r-1']) =>
  ({
    status: 'registered',
    posts: [{ positionId: 'pos-head', decisionRef: '1-QĐ', ...post }],
    reappointmentsDue: caseIds.map((caseId) => ({ positionId: 'pos-head', caseId })),
  }) as unknown as PersonState;

const reappointment = (status = 'open', termEnd = '2027-02-01') =>
  ({
    status,
    caseId: 'r-1',
    procedure: 'reappointment',
    orgUnitId: 'ou-town',
    openedOn: '2026-12-01',
    openFacts: { termEnd },
  }) as unknown as ExistingCase;

const term = {
  personId: 'p-1',
  positionId: 'pos-head',
  termEnd: '2027-03-01',
  decisionRef: '1-QĐ',
};

describe('an open re-appointment follows the corrected end of the term it renews', () => {
  it('notes the end recorded again on the hold it was opened for, once', () => {
    const corrected = person({ from: '2022-02-01', termEnd: '2027-03-01' });
    expect(renewedTermCorrection(corrected, reappointment(), term)).toEqual([
      {
        to: 'case',
        caseId: 'r-1',
        orgUnitId: 'ou-town',
        key: 'term:2027-03-01',
        command: {
          type: 'CorrectRenewedTerm',
          data: { termEnd: '2027-03-01', decisionRef: '1-QĐ' },
        },
      },
    ]);
    // Already following it (a redelivery): nothing more.
    expect(renewedTermCorrection(corrected, reappointment('open', '2027-03-01'), term)).toEqual([]);
  });

  it('leaves a closed case, a term corrected again since, and a new term recorded by hand alone', () => {
    const corrected = person({ from: '2022-02-01', termEnd: '2027-03-01' });
    expect(renewedTermCorrection(corrected, reappointment('decided'), term)).toEqual([]);
    const since = person({ from: '2022-02-01', termEnd: '2027-04-01' });
    expect(renewedTermCorrection(since, reappointment(), term)).toEqual([]);
    // A hold begun after the case opened is the next term, not the renewed one corrected.
    const renewed = person({ from: '2027-02-01', termEnd: '2027-03-01' });
    expect(renewedTermCorrection(renewed, reappointment(), term)).toEqual([]);
  });

  it('finds the last case a notice of the post opened or found', () => {
    expect(
      noticedReappointment(person({ from: 'x', termEnd: 'y' }, ['r-0', 'r-1']), 'pos-head'),
    ).toBe('r-1');
    expect(noticedReappointment(person({ from: 'x', termEnd: 'y' }, []), 'pos-head')).toBeNull();
  });
});
