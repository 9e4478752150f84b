import * as path from 'node:path';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { suspensionOpening } from './suspension-period';

const stateNow = loadRuleSets(path.resolve(__dirname, '../../../seeds/rule-sets')).find(
  (set) => set.id === 'state-2025-10-08',
)!;

describe('a suspension grounded on a discipline case a unit above opened', () => {
  it('opens, and its facts count the case rather than name it', () => {
    const facts = suspensionOpening(
      { openDisciplineCases: [], openDisciplineCasesElsewhere: 1, openDisciplineCasesAs: [] },
      stateNow,
    );
    expect(facts).toMatchObject({ disciplineCases: [], disciplineCasesElsewhere: 1 });
  });

  it('beside one the unit reaches, names that one and counts the other', () => {
    const facts = suspensionOpening(
      { openDisciplineCases: ['k-1'], openDisciplineCasesElsewhere: 1, openDisciplineCasesAs: [] },
      stateNow,
    );
    expect(facts).toMatchObject({ disciplineCases: ['k-1'], disciplineCasesElsewhere: 1 });
  });
});
