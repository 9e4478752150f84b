/** Examples for the OpenAPI document: one body per discipline step (the same ids on both tracks). */
export const DISCIPLINE_STEP_BODY_EXAMPLES = {
  verification: {
    summary: 'verification (meeting): is the violation confirmed?',
    value: {
      heldOn: '2026-11-03',
      minutesRef: 'BB-1/2026',
      conclusion: 'The inspection report confirms the land allocation against the plan.',
      violationConfirmed: true,
    },
  },
  'self-criticism': {
    summary: 'self-criticism (kiểm điểm) at the person’s unit',
    value: {
      heldOn: '2026-11-06',
      minutesRef: 'BB-2/2026',
      conclusion: 'The person accepts responsibility.',
    },
  },
  review: {
    summary: 'review by the inspection commission or discipline council',
    value: {
      heldOn: '2026-11-10',
      minutesRef: 'BB-3/2026',
      conclusion: 'The commission proposes a warning.',
    },
  },
  ballot: {
    summary: 'secret ballot on the form: votes per form of the track',
    value: {
      heldOn: '2026-11-12',
      minutesRef: 'BB-4/2026',
      tally: {
        members: 13,
        summoned: 13,
        present: 13,
        invalid: 0,
        noDiscipline: 1,
        votesByForm: { removal_from_post: 2, warning: 7, reprimand: 3 },
      },
    },
  },
  'ballot-expulsion': {
    summary: 'ballot choosing expulsion, with the cell’s proposal (2/3 of the cell)',
    value: {
      heldOn: '2026-11-12',
      minutesRef: 'BB-4/2026',
      tally: {
        members: 13,
        summoned: 13,
        present: 13,
        invalid: 0,
        noDiscipline: 0,
        votesByForm: { expulsion: 9, removal_from_post: 4 },
      },
      expulsionProposal: { cellMembers: 12, for: 9 },
    },
  },
  decision: {
    summary: 'decision with the form the ballot chose',
    value: {
      heldOn: '2026-11-15',
      number: '45-QĐ/UBKTTU',
      signer: 'Chủ nhiệm Ủy ban Kiểm tra',
      form: 'warning',
      effectiveFrom: '2026-11-15',
    },
  },
};
