import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISCIPLINE_FORMS } from './discipline-forms';

/** The params of every seeded rule set and instrument, by file. */
function seededParams(): Record<string, { value: unknown }>[] {
  const dir = join(__dirname, '../../../seeds/rule-sets');
  return [dir, join(dir, 'instruments')].flatMap((folder) =>
    readdirSync(folder)
      .filter((name) => name.endsWith('.json'))
      .map((file) => JSON.parse(readFileSync(join(folder, file), 'utf8')).params),
  );
}

describe('discipline forms offered by the API', () => {
  it('are exactly the forms the rule sets name, so the documented list never drifts from them', () => {
    const named = new Set<string>();
    for (const params of seededParams()) {
      const byTrack = (params['discipline.forms']?.value ?? {}) as Record<string, string[]>;
      for (const forms of Object.values(byTrack)) for (const form of forms) named.add(form);
      // The forms for a violation found after the person left (Luật 80/2025 art. 43(3)(c)).
      const afterLeaving = (params['discipline.formsAfterLeavingService']?.value ?? []) as string[];
      for (const form of afterLeaving) named.add(form);
    }
    expect([...named].sort()).toEqual([...DISCIPLINE_FORMS].sort());
  });
});
