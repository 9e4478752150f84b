import * as path from 'node:path';
import { loadCalendar } from '../../workflow/calendar/working-day-calendar';
import { givenStream } from '../../workflow/testing/decider-spec';
import { complaintResolutionDue } from './complaint-resolution';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineContext } from './discipline.context';
import { disciplineDecider } from './discipline.decider';
import {
  civil,
  decide,
  disciplineHistoryOf,
  inspector,
  leader,
  meeting,
  open,
  partyNow,
  ruleSet,
  staff,
  stateNow,
  verified,
} from './testing/discipline-fixtures';

const calendar = loadCalendar(path.resolve(__dirname, '../../../seeds/calendar'));

describe('the time to resolve a complaint against a discipline decision (discipline.complaintResolution)', () => {
  it('a civil servant’s complaint: accepted within 10 days of receipt, resolved within 30 of acceptance (Luật Khiếu nại 2011 art. 50)', () => {
    // Received Fri 20 Nov 2026: accepted by Mon 30 Nov, resolved by Wed 30 Dec.
    expect(complaintResolutionDue(stateNow, calendar, '2026-11-20')).toEqual({
      dueOn: '2026-12-30',
      citation: expect.stringMatching(/^Luật Khiếu nại 2011, art\. 50.*30 days of its acceptance/),
    });
    // Received Thu 3 Dec: the 10 days end Sun 13 Dec, so acceptance is due Mon 14 Dec; + 30 days
    // is Wed 13 Jan 2027.
    expect(complaintResolutionDue(stateNow, calendar, '2026-12-03')?.dueOn).toBe('2027-01-13');
  });

  it('sets no deadline where no period was found: the Party track and the whole sets', () => {
    expect(complaintResolutionDue(partyNow, calendar, '2026-11-20')).toBeNull();
    expect(complaintResolutionDue(ruleSet('vn-2025'), calendar, '2026-11-20')).toBeNull();
  });

  it('a complaint filed on a civil-service case records the day it must be resolved by', () => {
    const decided: [DisciplineCommand, DisciplineContext][] = [
      [open({}, { serviceStatus: 'cadre' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
      [decide('warning'), civil.as(leader)],
    ];
    const [filed] = givenStream(
      disciplineDecider,
      ...disciplineHistoryOf(disciplineDecider, ...decided),
    )
      .when(
        { type: 'FileComplaint', data: { filedOn: '2026-11-20', grounds: 'quá nặng' } },
        civil.as(staff),
      )
      .then(['DisciplineComplaintFiled']);
    expect(filed.data).toMatchObject({ filedOn: '2026-11-20', reviewDueOn: '2026-12-30' });
  });
});
