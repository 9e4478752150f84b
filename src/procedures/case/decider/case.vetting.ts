import { DomainEvent } from '../../../common/stream-decider';
import {
  VETTING_ITEM_TITLES_VI,
  VettingItem,
} from '../../../workflow/definitions/procedure-definition';
import { BegunStep, refuse } from '../../../workflow/step-engine';
import { CaseContext } from './case.context';
import { VettingEntry } from './case.events';
import { ITEMS_FROM_RECORD, vettingFromRecord } from './vetting-from-record';
import { flagsEndOn } from './flag-ends-on';
import { Body, Open } from './case.types';

/**
 * How a vetting body is taken: `perform`, a part of the vetting (an item an earlier part recorded
 * may come again only unchanged); `correct`, a correction of the vetting's last part, which may
 * change an item any part of the vetting recorded (it is the only way to change one).
 */
export type VettingMode = 'perform' | 'correct';

/**
 * A vetting step (thẩm định): the items staff enter, and the items read from the person's record
 * (planning pool, years in post, age, discipline); the case moves on once every item is in.
 * A part that records nothing new (every item sent again as recorded) is no event: the case
 * stays as it stands, so the part that recorded the items remains the one a correction replaces.
 */
export function vetting(
  state: Open,
  begun: BegunStep,
  body: Body<'vetting'>,
  context: CaseContext,
  mode: VettingMode = 'perform',
): DomainEvent[] {
  const items = begun.step.vettingItems ?? [];
  const entries = staffEntries(begun, body, items).filter(
    (entry) => !alreadyRecorded(state, entry, body, mode),
  );
  const recordItems = items.filter(
    (item) =>
      ITEMS_FROM_RECORD.includes(item) && (!state.vetting[item] || flaggedByWorkflow(state, item)),
  );
  const ends = recordItems.length ? fromRecord(state, recordItems, context) : null;
  if (ends) entries.push(...ends.entries);
  if (mode === 'perform' && !entries.length) return [];
  const done = new Set<string>([...Object.keys(state.vetting), ...entries.map((e) => e.item)]);
  const complete = items.every((item: VettingItem) => done.has(item));
  return [
    {
      type: 'VettingItemsRecorded',
      data: {
        ...begun.record(complete),
        items: entries,
        complete,
        ...(ends && Object.keys(ends.endOn).length ? { flagsEndOn: ends.endOn } : {}),
      },
    },
  ];
}

/**
 * The items read from the person's record, and the day each flag among them ends by time
 * (`flagsEndOn`): the case's timer reads the record again that day.
 */
function fromRecord(state: Open, recordItems: VettingItem[], context: CaseContext) {
  if (!context.personFacts)
    refuse(
      'vetting.record_unavailable',
      `the person's record ${state.personId} could not be read for vetting`,
      'unprocessable',
    );
  const { personFacts, ruleSet, today } = context;
  const appointment = state.procedure === 'appointment';
  const entries = vettingFromRecord(personFacts, ruleSet, today, recordItems, appointment);
  return { entries, endOn: flagsEndOn(personFacts, ruleSet, today, entries, appointment) };
}

/**
 * A flag a workflow raised from the record (a discipline decided while the case ran) that no part
 * of the vetting recorded: the vetting reads the record again for it, so a discipline annulled or
 * lightened since, or a bar ended, is judged as the record now stands. Before, the flag was kept as
 * raised: a vetting after the annulment still showed the annulled decision's bar, and nothing
 * could clear it.
 */
function flaggedByWorkflow(state: Open, item: VettingItem): boolean {
  const entry = state.vetting[item];
  if (entry.source !== 'record' || entry.result !== 'flagged' || entry.resolved) return false;
  return !state.steps.some(
    (step) =>
      step.type === 'VettingItemsRecorded' &&
      step.data.items.some((recorded) => recorded.item === item && recorded.note === entry.note),
  );
}

/**
 * An item entered by an earlier part of the vetting, sent again: the same result and note
 * (surrounding spaces aside) are already there, so nothing is recorded again (a resolution given
 * since stays). A different one is refused in a part, naming what differs: recording it would
 * replace the entry and drop a resolution given meanwhile (before: a form re-sending every item
 * undid the «Giải quyết» of a flagged one). A correction of the vetting changes it: the
 * correction is judged on the case before the vetting's last part, where an earlier part's item
 * is already recorded, and refusing it there left that item with no way to change it.
 */
function alreadyRecorded(
  state: Open,
  entry: VettingEntry,
  body: Body<'vetting'>,
  mode: VettingMode,
): boolean {
  const recorded = state.vetting[entry.item];
  if (!recorded) return false;
  if (recorded.result === entry.result && recorded.note.trim() === entry.note) return true;
  if (mode === 'correct') return false;
  const index = body.items.findIndex((sent) => sent.item === entry.item);
  const field = recorded.result !== entry.result ? 'result' : 'note';
  const at = `items[${index}].${field}`;
  refuse(
    'vetting.item_already_recorded',
    `${at}: ${entry.item} is already recorded as ${recorded.result}${
      recorded.resolved ? ' and resolved' : ''
    }; to change it, correct the vetting step (a correction may change any item the vetting recorded)`,
    'unprocessable',
    at,
  );
}

function staffEntries(
  begun: BegunStep,
  body: Body<'vetting'>,
  items: VettingItem[],
): VettingEntry[] {
  const entries: VettingEntry[] = [];
  const seen = new Set<string>();
  for (const [index, entry] of body.items.entries()) {
    const at = `items[${index}].item`;
    if (!items.includes(entry.item))
      refuse(
        'vetting.unknown_item',
        `${at}: ${entry.item} is not checked by step ${begun.step.id}`,
        'invalid',
        at,
      );
    if (ITEMS_FROM_RECORD.includes(entry.item))
      refuse(
        'vetting.item_from_record',
        `${at}: ${entry.item} is decided from the person's record, not entered`,
        'invalid',
        at,
      );
    if (seen.has(entry.item))
      refuse('vetting.duplicate_item', `${at}: ${entry.item} is listed twice`, 'invalid', at);
    seen.add(entry.item);
    // Stored trimmed, so a client trimming what it sends again finds it unchanged.
    const note = entry.note?.trim() ?? '';
    if (entry.result === 'flagged' && !note)
      refuse(
        'field.required',
        `items[${index}].note: ${entry.item} («${VETTING_ITEM_TITLES_VI[entry.item]}») is flagged and needs a note saying why`,
        'invalid',
        `items[${index}].note`,
        { item: entry.item },
      );
    entries.push({
      item: entry.item,
      result: entry.result,
      note,
      source: 'staff',
    });
  }
  return entries;
}
