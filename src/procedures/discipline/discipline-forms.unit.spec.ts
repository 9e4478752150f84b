import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCIPLINE_FORMS } from './discipline-forms';

describe('discipline forms offered by the API', () => {
  it('are exactly the forms the rule sets name, so the documented list never drifts from them', () => {
    const dir = join(__dirname, '../../../seeds/rule-sets');
    const named = new Set<string>();
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const ruleSet = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const byTrack = ruleSet.params['discipline.forms'].value as Record<string, string[]>;
      for (const forms of Object.values(byTrack)) for (const form of forms) named.add(form);
    }
    expect([...named].sort()).toEqual([...DISCIPLINE_FORMS].sort());
  });
});
