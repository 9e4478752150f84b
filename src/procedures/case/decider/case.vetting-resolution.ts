import { DomainEvent } from '../../../common/stream-decider';
import { refuse, requireActor } from '../../../workflow/step-engine';
import { CaseContext } from './case.context';
import { VettingEntry } from './case.events';
import { Command, Open } from './case.types';
import { isEntryUnwaivable, isUnwaivable, unwaivableCitation } from './unwaivable-items';
import { RETIREMENT_REACHED } from '../../../workflow/rules/retirement-reached';
import { ITEMS_FROM_RECORD, vettingFromRecord } from './vetting-from-record';

/*
 * Resolving a flagged vetting item: staff set aside one the rule set lets them; one it does not
 * but that the person's record raised is read again from the record (read by the handler just
 * now) and cleared where the record no longer bears it out — a discipline annulled on complaint,
 * a bar ended — or refused naming the bar as it runs, with its own track's rule. A workflow asks
 * the same second reading when a discipline decision is annulled or changed, and the case's
 * `vetting-flag-end` timer on the day a bar ends.
 */

export function resolveVettingItem(
  state: Open,
  command: Command<'ResolveVettingItem'>,
  context: CaseContext,
): DomainEvent[] {
  const entry = state.vetting[command.data.item];
  if (!entry || entry.result !== 'flagged' || entry.resolved) {
    refuse(
      'vetting.nothing_to_resolve',
      `vetting item ${command.data.item} is not flagged`,
      'unprocessable',
      'item',
    );
  }
  const { ruleSet } = context;
  const vettingStep = context.definition.steps.find((s) => s.kind === 'vetting')!;
  if (isEntryUnwaivable(ruleSet, entry)) {
    const reread = rereadFromRecord(state, entry, context);
    if (reread?.result === 'cleared') {
      requireActor(vettingStep, context);
      return [clearedFromRecord(entry, reread, context, { requestNote: command.data.note })];
    }
    // The retirement age reached: the record's sentence cites its rule (no rule set lists it).
    if (entry.rule === RETIREMENT_REACHED && !isUnwaivable(ruleSet, entry.item))
      refuse(
        `vetting.${entry.item}_unresolvable`,
        `${entry.item.replace(/_/g, ' ')} cannot be set aside: ${(reread ?? entry).note}`,
        'unprocessable',
        'item',
      );
    // Still running: the refusal names it as the record now gives it, each bar with the rule of
    // its own decision's track (before: the flag's note and the case's rule set's Party months,
    // whatever the track, and a bar annulled since was still called running).
    const why = reread
      ? `${reread.note}; vetting staff may not set it aside (${ruleSet.id}: vetting.unwaivableItems)`
      : `${entry.note} (${unwaivableCitation(ruleSet)})`;
    refuse(
      `vetting.${command.data.item}_unresolvable`,
      `a running ${command.data.item.replace(/_/g, ' ')} cannot be waived: ${why}`,
      'unprocessable',
      'item',
    );
  }
  requireActor(vettingStep, context);
  return [
    {
      type: 'VettingItemResolved',
      data: {
        item: command.data.item,
        note: command.data.note,
        resolvedBy: context.actor.userId,
        ...(context.actor.name ? { resolvedByName: context.actor.name } : {}),
        resolvedOn: context.today,
      },
    },
  ];
}

type FlaggedEntry = Open['vetting'][string];

/**
 * A flag read from the person's record, judged again on the record the handler read just now
 * (`personFacts`); null where the item is not the record's or the record could not be read.
 */
function rereadFromRecord(
  state: Open,
  entry: FlaggedEntry,
  context: CaseContext,
): VettingEntry | null {
  if (entry.source !== 'record' || !ITEMS_FROM_RECORD.includes(entry.item)) return null;
  if (!context.personFacts) return null;
  const [reread] = vettingFromRecord(
    context.personFacts,
    context.ruleSet,
    context.today,
    [entry.item],
    state.procedure === 'appointment',
  );
  return reread ?? null;
}

/** The record no longer bears the flag out: the item is cleared with the record's note of today. */
function clearedFromRecord(
  entry: FlaggedEntry,
  reread: VettingEntry,
  context: CaseContext,
  why: { requestNote?: string; causeRef?: string },
): DomainEvent {
  return {
    type: 'VettingItemClearedFromRecord',
    data: {
      item: entry.item,
      note: `read again from the record on ${context.today}: ${reread.note}`,
      flaggedNote: entry.note,
      clearedBy: context.actor.userId,
      ...(context.actor.name ? { clearedByName: context.actor.name } : {}),
      clearedOn: context.today,
      ...(why.requestNote ? { requestNote: why.requestNote } : {}),
      ...(why.causeRef ? { causeRef: why.causeRef } : {}),
    },
  };
}

/**
 * A workflow's second reading of a flag from the record: a flag still open that the record no
 * longer bears out is cleared; anything else (no flag, resolved, staff's own, still running, a
 * redelivery after the clearing) appends nothing.
 */
export function recheckFromRecord(
  state: Open,
  command: Command<'RecheckVettingItemFromRecord'>,
  context: CaseContext,
): DomainEvent[] {
  const entry = state.vetting[command.data.item];
  if (!entry || entry.result !== 'flagged' || entry.resolved) return [];
  const reread = rereadFromRecord(state, entry, context);
  if (reread?.result !== 'cleared') return [];
  return [clearedFromRecord(entry, reread, context, { causeRef: command.data.causeRef })];
}
