import { isPersonOfCaseStream, StoredCaseEvent } from './people-of-case-stream';

const stream: StoredCaseEvent[] = [
  { type: 'CaseOpened', revision: 0, data: { personId: 'p-an', positionId: 'pos-head' } },
  {
    type: 'NominationTallied',
    revision: 1,
    data: {
      tally: {
        candidates: [
          { personId: 'p-an', votes: 16 },
          { personId: 'p-binh', votes: 7 },
        ],
      },
      selected: ['p-an'],
    },
  },
  {
    type: 'BallotTallied',
    revision: 2,
    data: { nominees: [{ personId: 'p-an', tally: { for: 10 } }], passed: ['p-an'] },
  },
  {
    type: 'StepCorrected',
    revision: 3,
    data: {
      corrected: {
        type: 'NominationTallied',
        data: { tally: { candidates: [{ personId: 'p-cuong', votes: 3 }] } },
      },
    },
  },
  { type: 'DecisionIssued', revision: 4, data: { appointee: 'p-dung' } },
];

describe('a case stream judges who its people are, as the case view does', () => {
  it('names the subject, every candidate of a nomination, one a correction names, and the appointee', () => {
    for (const personId of ['p-an', 'p-binh', 'p-cuong', 'p-dung'])
      expect([personId, isPersonOfCaseStream(stream, personId)]).toEqual([personId, true]);
  });

  it('a runner-up the later ballot no longer lists is still one of its people', () => {
    expect(isPersonOfCaseStream(stream.slice(0, 3), 'p-binh')).toBe(true);
  });

  it('names nobody else, nor a reader who is not a cadre', () => {
    expect(isPersonOfCaseStream(stream, 'p-stranger')).toBe(false);
    expect(isPersonOfCaseStream(stream, undefined)).toBe(false);
  });

  it("a personId on a later event (not the opening's, not a decision's) does not make one of its people", () => {
    const noted = { type: 'CaseNoted', revision: 5, data: { personId: 'p-clerk' } };
    expect(isPersonOfCaseStream([...stream, noted], 'p-clerk')).toBe(false);
  });
});
