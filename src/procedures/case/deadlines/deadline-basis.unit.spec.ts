import * as path from 'node:path';
import { WorkflowCatalog } from '../../../workflow/workflow-catalog';
import { WorkingDayCalendar } from '../../../workflow/calendar/working-day-calendar';
import { deadlineBasis } from './deadline-basis';

const catalog = WorkflowCatalog.load(
  { definitions: 'seeds/definitions', ruleSets: 'seeds/rule-sets', calendar: 'seeds/calendar' },
  path.resolve(__dirname, '../../../..'),
);

/** The catalog with one definition's first step given another time limit. */
function withFirstStepLimit(key: string, deadline: { workingDays?: number; days?: number }) {
  const definitions = new Map(catalog.definitions);
  const definition = definitions.get(key)!;
  definitions.set(key, {
    ...definition,
    steps: [{ ...definition.steps[0], deadline }, ...definition.steps.slice(1)],
  });
  return { definitions, calendar: catalog.calendar };
}

describe('the deadline basis the pending step deadlines are counted from', () => {
  it('is the calendar version with the counting revision and the step limits’ digest', () => {
    expect(deadlineBasis(catalog)).toMatch(
      new RegExp(
        `^${catalog.calendar.version.replace(/[#^$.*+?()[\]{}|\\]/g, '\\$&')}\\+deadlines:2#[0-9a-f]{12}$`,
      ),
    );
    expect(deadlineBasis(catalog)).toBe(deadlineBasis({ ...catalog }));
  });

  it('changes with a step’s time limit or the calendar; the same limits give the same basis', () => {
    const before = deadlineBasis(catalog);
    expect(
      deadlineBasis(withFirstStepLimit('appointment.internal@1', { workingDays: 20 })),
    ).not.toBe(before);
    expect(deadlineBasis(withFirstStepLimit('appointment.internal@1', { workingDays: 15 }))).toBe(
      before,
    );
    const another = new WorkingDayCalendar([{ year: 2026, daysOff: [], workingDays: [] }]);
    expect(deadlineBasis({ definitions: catalog.definitions, calendar: another })).not.toBe(before);
  });
});
