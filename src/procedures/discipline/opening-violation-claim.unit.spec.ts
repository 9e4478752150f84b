import { RecordedEvent } from '../../event-store/event-envelope';
import { EventStore } from '../../event-store/event-store.port';
import { ProcedureDefinition } from '../../workflow/definitions/procedure-definition';
import { DisciplineCommand } from './discipline.commands';
import { DisciplineService } from './discipline.service';
import { OpeningViolationClaim } from './opening-violation-claim';
import { violationClaimStream } from './violation-claim';
import { OtherDisciplineCase } from './violation-handled-once';

const violation = { category: 'land', committedOn: '2026-03-03' };
const stream = violationClaimStream({ personId: 'p-an', track: 'civil_service', ...violation });
const claimed = (caseId: string, revision = 0): RecordedEvent =>
  ({
    type: 'ViolationClaimed',
    data: { caseId },
    revision,
    recordedAt: new Date().toISOString(),
  }) as unknown as RecordedEvent;
const opening = (extra: Record<string, string> = {}): DisciplineCommand =>
  ({
    type: 'OpenDisciplineCase',
    data: { caseId: 'd-new', personId: 'p-an', violation: { ...violation, ...extra } },
  }) as unknown as DisciplineCommand;
const holderCase = (status: string, committedOn = violation.committedOn): OtherDisciplineCase => ({
  caseId: 'd-old',
  track: 'civil_service',
  violation: { category: 'land_management', committedOn },
  status,
  withinGrant: true,
});

/** The opening's claim as it is read and planned, on a store holding `events` on the claim stream. */
async function openWith(events: RecordedEvent[], holder: OtherDisciplineCase | null, extra = {}) {
  const store = { readStream: async (id: string) => (id === stream ? events : []) };
  const cases = { otherCasesOf: async () => [], asOtherCase: async () => holder };
  const claim = new OpeningViolationClaim(
    store as unknown as EventStore,
    cases as unknown as DisciplineService,
    { metadata: {} as never, actor: {} as never },
  );
  const context = await claim.otherCases(
    { status: 'none' },
    opening(extra),
    { status: 'unknown' },
    { discipline: { track: 'civil_service' } } as unknown as ProcedureDefinition,
  );
  const plan = claim.plan().map((append) => ({
    streamId: append.streamId,
    expectedRevision: append.expectedRevision,
    events: append.events.map((e) => [e.type, (e.data as { caseId: string }).caseId]),
  }));
  return { others: context.otherDisciplineCases, plan };
}

describe('an opening claims its violation on the track', () => {
  it('a violation nobody claimed: the claim is planned on a new stream, under the current code', async () => {
    expect(stream).toBe(
      violationClaimStream({
        personId: 'p-an',
        track: 'civil_service',
        ...violation,
        category: 'land_management',
      }),
    );
    expect(await openWith([], null)).toEqual({
      others: [],
      plan: [
        {
          streamId: stream,
          expectedRevision: 'no_stream',
          events: [['ViolationClaimed', 'd-new']],
        },
      ],
    });
  });

  it('a case holding it and still handling it is told to the rule, and nothing is planned', async () => {
    const held = holderCase('open');
    expect(await openWith([claimed('d-old')], held)).toEqual({ others: [held], plan: [] });
  });

  it('a holder annulled, closed or corrected onto another day is released in the same append', async () => {
    for (const holder of [
      holderCase('annulled'),
      holderCase('closed'),
      holderCase('open', '2026-03-04'),
    ])
      expect(await openWith([claimed('d-old')], holder)).toEqual({
        others: [],
        plan: [
          {
            streamId: stream,
            expectedRevision: 0,
            events: [
              ['ViolationClaimReleased', 'd-old'],
              ['ViolationClaimed', 'd-new'],
            ],
          },
        ],
      });
  });

  it('its own claim (a retried opening) and another act that day plan nothing', async () => {
    const own = await openWith([{ ...claimed('d-new') } as RecordedEvent], null);
    expect(own).toEqual({ others: [], plan: [] });
    expect(await openWith([], null, { distinctViolation: 'Lần thứ hai' })).toEqual({
      others: [],
      plan: [],
    });
  });
});
