/** Examples for the OpenAPI document: one body per step kind. */
export const STEP_BODY_EXAMPLES = {
  meeting: {
    summary: 'meeting (leadership conference, consultation)',
    value: {
      heldOn: '2026-03-02',
      minutesRef: 'BB-01/2026',
      conclusion: 'Post, standards and conditions agreed; planning pool checked.',
    },
  },
  nomination: {
    summary: 'nomination ballot',
    value: {
      heldOn: '2026-03-09',
      minutesRef: 'BB-02/2026',
      members: 25,
      summoned: 25,
      present: 24,
      invalid: 1,
      candidates: [
        { personId: 'p-nguyen-van-an', votes: 16 },
        { personId: 'p-tran-thi-binh', votes: 7 },
      ],
    },
  },
  ballot: {
    summary: 'secret ballot tally',
    value: {
      heldOn: '2026-03-16',
      minutesRef: 'BB-03/2026',
      tally: { members: 13, summoned: 13, present: 12, for: 9, against: 2, abstain: 1, invalid: 0 },
    },
  },
  vetting: {
    summary: 'vetting items entered by staff (record items are computed)',
    value: {
      heldOn: '2026-03-20',
      items: [
        { item: 'background', result: 'cleared', note: 'verified' },
        { item: 'asset_declaration', result: 'cleared', note: '2025 declaration verified' },
        { item: 'political_standards', result: 'cleared' },
        { item: 'residence_party_cell_opinion', result: 'cleared' },
        { item: 'health', result: 'cleared', note: 'certificate of 12 Mar 2026' },
      ],
    },
  },
  decision: {
    summary: 'decision',
    value: {
      heldOn: '2026-03-30',
      number: '215-QĐ/TU',
      signer: 'Bí thư Thành ủy',
      effectiveFrom: '2026-04-01',
    },
  },
  election: {
    summary: "the council's election of the person introduced",
    value: {
      heldOn: '2026-07-10',
      minutesRef: 'NQ-05/NQ-HĐND',
      councilTermFrom: '2026-06-20',
      vote: { delegates: 30, present: 28, for: 24, against: 3, invalid: 1 },
    },
  },
  registration: {
    summary: 'competitive examination: candidates registered',
    value: {
      heldOn: '2026-03-05',
      minutesRef: 'BB-DK/2026',
      candidates: [{ personId: 'p-nguyen-van-an' }, { personId: 'p-tran-thi-binh' }],
    },
  },
  scores: {
    summary: "competitive examination: the board's scores of one part",
    value: {
      heldOn: '2026-03-25',
      minutesRef: 'BB-TT/2026',
      board: { members: 5, present: 5 },
      scores: [
        { personId: 'p-nguyen-van-an', memberScores: [78, 82, 75, 80, 79] },
        { personId: 'p-tran-thi-binh', memberScores: [70, 66, 72, 69, 71] },
      ],
    },
  },
  proposal: {
    summary: 'proposal',
    value: { heldOn: '2026-02-20', summary: 'Proposal to rotate the deputy head to the commune.' },
  },
};
