import { evolveAll } from '../../../common/decided-append';
import { NewEvent, RecordedEvent } from '../../../event-store/event-envelope';
import { caseDecider } from '../decider/case.decider';
import { CaseState, initialCaseState } from '../decider/case.state';
import { markedFlagEndsSettled } from './flag-ends-settled';
import { vettingFlagEndSagaOn } from './vetting-flag-end';

const STREAM = 'appointment-c-1';
const metadata = {
  actorId: 'u-staff',
  correlationId: 'corr-1',
  causationId: null,
  occurredAt: '2026-03-02T01:00:00.000Z',
};
const event = (type: string, data: Record<string, unknown>, id = `evt-${type}`): NewEvent => ({
  id,
  type,
  data,
  metadata,
});
const opened = event('CaseOpened', {
  caseId: 'c-1',
  procedure: 'appointment',
  personId: 'p-1',
  positionId: 'pos-1',
  orgUnitId: 'u-1',
  openedOn: '2026-03-02',
  summary: 'Bổ nhiệm',
  firstStepDueOn: null,
});
const vetting = (flagsEndOn?: Record<string, string>) =>
  event('VettingItemsRecorded', {
    stepId: 'vetting',
    nextStepId: 'decision',
    items: [{ item: 'discipline', result: 'flagged', note: 'bar', source: 'record' }],
    complete: true,
    ...(flagsEndOn ? { flagsEndOn } : {}),
  });
const decision = event('DecisionIssued', { stepId: 'decision', nextStepId: null });
const caseAfter = (...events: NewEvent[]): CaseState =>
  evolveAll(caseDecider, initialCaseState(), events);

describe('a closing with no vetting flag ending by time, marked so the saga need not read', () => {
  it("marks the decision of a case that never recorded a flag end as the flag-end saga's own", () => {
    const [marked] = markedFlagEndsSettled(caseAfter(opened, vetting()), [decision]);
    expect(marked.metadata.writtenWith).toEqual(['vetting-flag-end']);
  });

  it('leaves a step that does not close the case unmarked', () => {
    const [step] = markedFlagEndsSettled(caseAfter(opened), [vetting()]);
    expect(step.metadata.writtenWith).toBeUndefined();
  });

  it("leaves the closing of a case whose vetting set a flag end to the saga's sweep", () => {
    const state = caseAfter(opened, vetting({ discipline: '2027-01-01' }));
    const [closing] = markedFlagEndsSettled(state, [decision]);
    expect(closing.metadata.writtenWith).toBeUndefined();
  });

  it('leaves it to the sweep when the flag end came from the record while the case ran', () => {
    const flagged = event('VettingItemFlaggedFromRecord', {
      item: 'discipline',
      note: 'bar',
      flaggedOn: '2026-03-03',
      causeRef: 'discipline-d-1',
      endsOn: '2027-01-01',
    });
    const [closing] = markedFlagEndsSettled(caseAfter(opened, vetting(), flagged), [decision]);
    expect(closing.metadata.writtenWith).toBeUndefined();
  });

  it('keeps the mark of a flag end through a correction of the vetting that dropped it', () => {
    const corrected = event('StepCorrected', {
      stepId: 'vetting',
      reason: 'nhầm',
      correctedBy: 'u-staff',
      correctedOn: '2026-03-04',
      corrected: { type: 'VettingItemsRecorded', data: vetting().data },
    });
    const state = caseAfter(opened, vetting({ discipline: '2027-01-01' }), corrected);
    expect(state.status === 'open' && state.corrections).toHaveLength(1);
    const [closing] = markedFlagEndsSettled(state, [decision]);
    expect(closing.metadata.writtenWith).toBeUndefined();
  });

  it('the saga answers a marked closing without reading the case', async () => {
    const store = {
      readStream: () => Promise.reject(new Error('the case stream was read')),
    };
    const [marked] = markedFlagEndsSettled(caseAfter(opened, vetting()), [decision]);
    const recorded = { ...marked, streamId: STREAM, revision: 2 } as unknown as RecordedEvent;
    const outputs = await vettingFlagEndSagaOn(store).handle(recorded, { now: new Date() });
    expect(outputs).toEqual([
      { kind: 'Ignore', reason: expect.stringContaining('no vetting flag') },
    ]);
  });
});
