import * as path from 'node:path';
import { PersonStatusPeriod } from '../../cadres/person/person.state';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { DomainRuleViolation } from '../case/decider/domain-rule-violation';
import { reappointmentOpening } from './reappointment-rules';

const seeds = path.resolve(__dirname, '../../../seeds');
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const state2022 = sets.find((set) => set.id === 'state-2022-08-18')!;
const stateNow = sets.find((set) => set.id === 'state-2025-10-08')!;
const base = {
  positionId: 'pos-1',
  posts: [
    { positionId: 'pos-1', from: '2021-12-01', termEnd: '2026-12-01', decisionRef: '45-QĐ/TU' },
  ],
  pendingDisciplineCases: [],
  today: '2026-06-01',
  calendar: loadCalendar(path.join(seeds, 'calendar')),
};
const period = (status: string, from: string, until: string | null): PersonStatusPeriod =>
  ({ status, from, until, note: '' }) as PersonStatusPeriod;

function refusal(run: () => unknown): DomainRuleViolation {
  try {
    run();
  } catch (error) {
    return error as DomainRuleViolation;
  }
  throw new Error('expected a refusal');
}

describe('what holds a re-appointment back (Nghị định 138/2020 art. 49(5))', () => {
  it.each([
    ['prosecuted', 'reappointment.prosecuted'],
    ['on_trial', 'reappointment.on_trial'],
    ['detained', 'reappointment.detained'],
  ])(
    'refuses while the holder is %s (49(5)(a): "đang bị điều tra, truy tố, xét xử"), under NĐ 138 and its successor',
    (status, rule) => {
      for (const ruleSet of [state2022, stateNow]) {
        const refused = refusal(() =>
          reappointmentOpening({
            ...base,
            ruleSet,
            statuses: [period(status, '2026-05-01', null)],
          }),
        );
        expect(refused.rule).toBe(rule);
      }
      expect(
        refusal(() =>
          reappointmentOpening({
            ...base,
            ruleSet: state2022,
            statuses: [period(status, '2026-05-01', null)],
          }),
        ).message,
      ).toMatch(/Nghị định 138\/2020\/NĐ-CP, art\. 49\(5\)\(a\), \(c\)/);
    },
  );

  it('cites art. 49(5)(b)-(c) for 3 months or more abroad or in hospital, and lets a shorter stay pass', () => {
    const abroad = refusal(() =>
      reappointmentOpening({
        ...base,
        ruleSet: state2022,
        statuses: [period('abroad', '2026-04-01', '2026-07-01')],
      }),
    );
    expect(abroad.rule).toBe('reappointment.abroad');
    expect(abroad.message).toMatch(
      /3 months or more \(Nghị định 138\/2020\/NĐ-CP, art\. 49\(5\)\(b\)-\(c\)/,
    );
    expect(
      reappointmentOpening({
        ...base,
        ruleSet: state2022,
        statuses: [period('in_hospital', '2026-04-01', '2026-06-30')],
      }),
    ).toMatchObject({ termEnd: '2026-12-01' });
  });

  it('measures an absence with no end date by how long it has lasted on the day judged', () => {
    const inHospital = (today: string) =>
      reappointmentOpening({
        ...base,
        today,
        ruleSet: stateNow,
        statuses: [period('in_hospital', '2026-12-05', null)],
      });
    // Before: refused the day after it began, as "with no end date: 3 months or more".
    expect(inHospital('2026-12-06')).toMatchObject({ termEnd: '2026-12-01' });
    expect(inHospital('2027-03-04')).toMatchObject({ termEnd: '2026-12-01' });
    const lasted = refusal(() => inHospital('2027-04-10'));
    expect(lasted.rule).toBe('reappointment.in_hospital');
    expect(lasted.message).toMatch(
      /^the holder is in hospital from 2026-12-05 with no end date: 4 months by 2027-04-10, 3 months or more \(/,
    );
  });
});
