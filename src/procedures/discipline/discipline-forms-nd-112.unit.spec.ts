import { givenStream, historyOf } from '../../workflow/testing/decider-spec';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import {
  civilDefinition,
  decide,
  inspector,
  leader,
  meeting,
  open,
  ruleSetOn,
  staff,
  track,
  verified,
} from './testing/discipline-fixtures';

/** A State case opened in 2023: its rule set is Nghị định 112/2020's (as amended by 71/2023). */
const in2023 = track(civilDefinition, ruleSetOn('2023-10-02', 'state'));

const given = (...steps: [DisciplineCommand, DisciplineContext][]) =>
  givenStream(disciplineDecider, ...historyOf(disciplineDecider, ...steps));

describe('the forms of Nghị định 112/2020 art. 7 (cases of 2020 to June 2025)', () => {
  it('recalls an elected cadre (bãi nhiệm, art. 7(1)) by the council’s resolution, and the recall ends the post', () => {
    const resolution = { number: '07/NQ-HĐND', adoptedOn: '2026-11-14' };
    const [decided] = given(
      [open({}, { electedCadre: true }), in2023.as(inspector)],
      [verified, in2023.as(inspector)],
      [meeting('self-criticism'), in2023.as(staff)],
    )
      .when(decide('recall', { councilResolution: resolution }), in2023.as(leader))
      .then(['DisciplineDecided']);
    expect(decided.data).toMatchObject({
      form: 'recall',
      councilResolution: resolution,
      endsPost: true,
    });
  });
});
