import { givenStream } from '../../workflow/testing/decider-spec';
import { disciplineDecider } from './discipline.decider';
import {
  ballot,
  civilDefinition,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  ruleSetOn,
  secretary,
  staff,
  track,
  verified,
} from './testing/discipline-fixtures';

/**
 * A civil servant's case opened on `openedOn` (it pins the State set of that day), its council
 * recommending `form`, decided on 15 Nov 2026: the limitation is judged on the form decided.
 */
const decidedUnder = (openedOn: string, form: string, committedOn: string) => {
  const t = track(civilDefinition, ruleSetOn(openedOn, 'state'));
  return givenStream(
    disciplineDecider,
    ...disciplineHistoryOf(
      disciplineDecider,
      [open({ committedOn }), t.as(inspector)],
      [verified, t.as(inspector)],
      [meeting('self-criticism'), t.as(staff)],
      [meeting('review'), t.as(inspector)],
      [ballot({ [form]: 4 }, 5), t.as(secretary)],
    ),
  ).when(decide(form), t.as(leader));
};

describe('civil-service limitation by the day the case opened: 2 / 5 years, then 5 / 10 from Nghị quyết 76/2022/QH15', () => {
  it('gives a case opened before 15 Nov 2022 the Law’s 2 years for a reprimand and 5 for a warning (Luật CBCC art. 80(1) as amended 2019, Nghị định 112/2020 art. 5(1))', () => {
    const [reprimand] = decidedUnder('2022-10-01', 'reprimand', '2022-01-01').then([
      'DisciplineTimeBarred',
    ]);
    expect(reprimand.data).toMatchObject({
      limitation: {
        years: 2,
        endsOn: '2024-01-01',
        expired: true,
        citation: expect.stringMatching(/^Nghị định 112\/2020\/NĐ-CP, art\. 5\(1\)/),
      },
    });
    const [warning] = decidedUnder('2022-10-01', 'warning', '2019-01-01').then([
      'DisciplineTimeBarred',
    ]);
    expect(warning.data).toMatchObject({ limitation: { years: 5, endsOn: '2024-01-01' } });
  });

  it('gives a case opened from 15 Nov 2022 5 years for a reprimand, citing Nghị quyết 76/2022/QH15', () => {
    const [decided] = decidedUnder('2023-01-01', 'reprimand', '2022-01-01').then([
      'DisciplineDecided',
    ]);
    expect(decided.data).toMatchObject({
      limitation: {
        years: 5,
        endsOn: '2027-01-01',
        expired: false,
        citation: expect.stringMatching(
          /^Nghị quyết 76\/2022\/QH15, .*\(in force from 2022-11-15\)/,
        ),
      },
    });
  });

  it('cites the decree as amended by Nghị định 71/2023 (art. 1(4)) for a case opened from 20 Sep 2023', () => {
    const [decided] = decidedUnder('2024-01-01', 'warning', '2019-01-01').then([
      'DisciplineDecided',
    ]);
    expect(decided.data).toMatchObject({
      limitation: {
        years: 10,
        endsOn: '2029-01-01',
        citation: expect.stringMatching(/^Nghị định 71\/2023\/NĐ-CP, art\. 1\(4\)/),
      },
    });
  });
});
