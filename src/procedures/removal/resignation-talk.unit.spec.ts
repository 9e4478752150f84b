import * as path from 'node:path';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { loadDefinitions } from '../../workflow/definitions/definition-loader';
import { ruleSetInForce } from '../../workflow/rule-sets/rule-set';
import { loadRuleSets } from '../../workflow/rule-sets/rule-set-loader';
import { resignationDecisionDueBy, resignationTalkDeadline } from './resignation-talk';

const seeds = path.resolve(__dirname, '../../../seeds');
const sets = loadRuleSets(path.join(seeds, 'rule-sets'));
const calendar = loadCalendar(path.join(seeds, 'calendar'));
const resignation = loadDefinitions(path.join(seeds, 'definitions')).get('removal.resignation@1')!;

describe('the resignation decision’s time limit, counted from the letter', () => {
  it('is 15 days under Quy định 41-QĐ/TW art. 8 and 10 + 10 working days under Quy định 377-QĐ/TW', () => {
    const qd41 = ruleSetInForce(sets, '2024-10-01', 'state')!;
    expect(resignationDecisionDueBy('2024-10-01', qd41, calendar)).toBe('2024-10-16');
    const qd377 = ruleSetInForce(sets, '2026-10-01', 'state')!;
    expect(resignationDecisionDueBy('2026-10-01', qd377, calendar)).toBe(
      calendar.addWorkingDays('2026-10-01', 20),
    );
  });

  it('governs the decision step beside the talk, each under its own rule', () => {
    const limit = resignationTalkDeadline(
      { talkDueBy: '2026-10-15', decisionDueBy: '2026-10-29' },
      resignation,
    );
    expect(limit).toMatchObject({
      dueOn: '2026-10-15',
      stepIds: ['talk'],
      others: [
        { dueOn: '2026-10-29', rule: 'removal.resignation.decisionLimit', stepIds: ['decision'] },
      ],
    });
  });
});
