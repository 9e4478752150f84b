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
  track,
  civilDefinition,
  verified,
} from './testing/discipline-fixtures';

const calendar = loadCalendar(path.resolve(__dirname, '../../../seeds/calendar'));

const first = { second: false, complex: false };
const firstComplex = { second: false, complex: true };
const second = { second: true, complex: false };
const secondComplex = { second: true, complex: true };

describe('the time to resolve a complaint against a discipline decision (discipline.complaintResolution)', () => {
  it('a civil servant’s first complaint: accepted within 10 days of receipt, resolved within 30 of acceptance (Luật Khiếu nại 2011 art. 50)', () => {
    // Received Fri 20 Nov 2026: accepted by Mon 30 Nov, resolved by Wed 30 Dec.
    expect(complaintResolutionDue(stateNow, calendar, '2026-11-20', first)).toEqual({
      dueOn: '2026-12-30',
      citation: expect.stringMatching(
        /^Luật Khiếu nại 2011, art\. 50.*first complaint .* within 30 days of its acceptance/,
      ),
    });
    // Received Thu 3 Dec: the 10 days end Sun 13 Dec, so acceptance is due Mon 14 Dec; + 30 days
    // is Wed 13 Jan 2027.
    expect(complaintResolutionDue(stateNow, calendar, '2026-12-03', first)?.dueOn).toBe(
      '2027-01-13',
    );
  });

  it('each round and kind has its own period from the same acceptance: first 30 (complex 45), second 45 (complex 60)', () => {
    // Received Fri 20 Nov 2026, accepted by Mon 30 Nov.
    const due = (round: typeof first) =>
      complaintResolutionDue(stateNow, calendar, '2026-11-20', round)?.dueOn;
    expect(due(first)).toBe('2026-12-30'); // + 30: Wed 30 Dec
    expect(due(firstComplex)).toBe('2027-01-14'); // + 45: Thu 14 Jan 2027
    expect(due(second)).toBe('2027-01-14'); // + 45: Thu 14 Jan 2027
    expect(due(secondComplex)).toBe('2027-01-29'); // + 60: Fri 29 Jan 2027
  });

  it('sets no deadline where no period was found: the Party track and the whole sets', () => {
    for (const round of [first, secondComplex]) {
      expect(complaintResolutionDue(partyNow, calendar, '2026-11-20', round)).toBeNull();
      expect(complaintResolutionDue(ruleSet('vn-2025'), calendar, '2026-11-20', round)).toBeNull();
    }
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
    expect(filed.data).toMatchObject({
      filedOn: '2026-11-20',
      second: false,
      complex: false,
      reviewDueOn: '2026-12-30',
    });
  });

  it('a complaint filed after a review is the second, and a complex one is due later (recorded on the event)', () => {
    const decided: [DisciplineCommand, DisciplineContext][] = [
      [open({}, { serviceStatus: 'cadre' }), civil.as(inspector)],
      [verified, civil.as(inspector)],
      [meeting('self-criticism'), civil.as(staff)],
      [decide('warning'), civil.as(leader)],
      [
        { type: 'FileComplaint', data: { filedOn: '2026-11-18', grounds: 'quá nặng' } },
        civil.as(staff),
      ],
      [
        {
          type: 'ReviewComplaint',
          data: { heldOn: '2026-11-20', number: '9-QĐ', outcome: 'keep', reason: 'đúng' },
        },
        civil.as(leader),
      ],
    ];
    const later = track(civilDefinition, stateNow, { today: '2026-11-25' });
    const fileSecond = (complex?: boolean) =>
      givenStream(disciplineDecider, ...disciplineHistoryOf(disciplineDecider, ...decided))
        .when(
          {
            type: 'FileComplaint',
            data: {
              filedOn: '2026-11-20',
              grounds: 'vẫn quá nặng',
              ...(complex ? { complex } : {}),
            },
          },
          later.as(staff),
        )
        .then(['DisciplineComplaintFiled'])[0];
    // Received Fri 20 Nov, accepted by Mon 30 Nov: + 45 days (second), + 60 (second, complex).
    expect(fileSecond().data).toMatchObject({
      second: true,
      complex: false,
      reviewDueOn: '2027-01-14',
    });
    expect(fileSecond(true).data).toMatchObject({
      second: true,
      complex: true,
      reviewDueOn: '2027-01-29',
    });
  });
});
