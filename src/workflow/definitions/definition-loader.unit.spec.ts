import * as path from 'node:path';
import { DefinitionFileError } from '../definition-error';
import { loadDefinitions, validateDefinition } from './definition-loader';

const good = loadDefinitions(path.resolve(__dirname, '../../../seeds/definitions')).get(
  'appointment.internal@1',
)!;

function broken(mutate: (d: Record<string, unknown>) => void): () => unknown {
  const copy = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
  mutate(copy);
  return () => validateDefinition('seeds/definitions/x.json', copy);
}

describe('procedure definitions are validated when loaded', () => {
  it('loads the shipped definitions', () => {
    expect(good.steps.map((s) => s.id)).toEqual([
      'leadership-round-1',
      'expanded-nomination',
      'leadership-round-2',
      'key-officials-nomination',
      'leadership-round-3',
      'vetting',
      'decision',
    ]);
  });

  it.each([
    [
      'steps[1].kind',
      (d: Record<string, unknown>) => ((d.steps as Record<string, unknown>[])[1].kind = 'lottery'),
    ],
    [
      'steps[2].voteRule',
      (d: Record<string, unknown>) => delete (d.steps as Record<string, unknown>[])[2].voteRule,
    ],
    [
      'steps[0].actors.roles',
      (d: Record<string, unknown>) =>
        ((d.steps as { actors: { roles: string[] } }[])[0].actors.roles = ['janitor']),
    ],
    ['version', (d: Record<string, unknown>) => (d.version = 0)],
    [
      'steps[6].kind',
      (d: Record<string, unknown>) => ((d.steps as Record<string, unknown>[])[6].kind = 'meeting'),
    ],
  ])('names the file and the field %s', (field, mutate) => {
    const run = broken(mutate as (d: Record<string, unknown>) => void);
    expect(run).toThrow(DefinitionFileError);
    expect(run).toThrow(
      new RegExp(`^seeds/definitions/x.json: ${field.replace(/[[\].]/g, '\\$&')}`),
    );
  });
});
