import { candidateVotes, count, vettingItems } from './case-cell-parsers';
import { rowFieldOfBodyField, stepBodyOfRow } from './case-step-body';

describe('the steps sheet read into API step bodies', () => {
  it('puts a ballot’s counts into its tally and leaves out what the row did not fill', () => {
    const values = { caseId: 'c-1', stepId: 'round-2', heldOn: '2025-07-04', present: 12, for: 10 };
    expect(stepBodyOfRow('ballot', values)).toEqual({
      body: { heldOn: '2025-07-04', tally: { present: 12, for: 10 } },
    });
  });

  it('names a filled cell the step’s kind does not take instead of dropping it', () => {
    const values = {
      caseId: 'c-1',
      stepId: 'round-1',
      heldOn: '2025-06-20',
      conclusion: 'x',
      for: 9,
    };
    expect(stepBodyOfRow('meeting', values)).toEqual({ strayField: 'for' });
  });

  it('a proposal’s text is its summary; refusals point back at the sheet’s column', () => {
    expect(stepBodyOfRow('proposal', { heldOn: '2025-06-20', conclusion: 'Đề xuất' })).toEqual({
      body: { heldOn: '2025-06-20', summary: 'Đề xuất' },
    });
    expect(rowFieldOfBodyField('tally.present')).toBe('present');
    expect(rowFieldOfBodyField('candidates[1].votes')).toBe('candidates');
    expect(rowFieldOfBodyField('summary')).toBe('conclusion');
  });

  it('reads the compact cells: votes per candidate and vetting items with notes', () => {
    expect(candidateVotes('p-a: 16; p-b: 7')).toEqual({
      ok: true,
      value: [
        { personId: 'p-a', votes: 16 },
        { personId: 'p-b', votes: 7 },
      ],
    });
    expect(candidateVotes('p-a 16')).toMatchObject({ ok: false, rule: 'import.candidates' });
    expect(vettingItems('background: Đạt; health: Vướng (thiếu giấy khám)')).toEqual({
      ok: true,
      value: [
        { item: 'background', result: 'cleared' },
        { item: 'health', result: 'flagged', note: 'thiếu giấy khám' },
      ],
    });
    expect(vettingItems('luck: Đạt')).toMatchObject({ ok: false, rule: 'import.vetting_items' });
    expect(count('12')).toEqual({ ok: true, value: 12 });
    expect(count(-1)).toMatchObject({ ok: false, rule: 'import.count' });
  });
});
