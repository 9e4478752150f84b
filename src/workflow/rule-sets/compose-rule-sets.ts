import {
  instrumentCitation,
  InstrumentParameter,
  LegalInstrument,
  parameterTracks,
  provisionPeriod,
} from './legal-instrument';
import { RULE_TRACKS, RuleParameter, RuleSet, RuleTrack } from './rule-set';

export class RuleCompositionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleCompositionError';
  }
}

interface Provision {
  instrument: LegalInstrument;
  name: string;
  param: InstrumentParameter;
  /** The days it applies: its instrument's, or its own where a transitional article says so. */
  from: string;
  to?: string;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

function previousDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function inForce(provision: Provision, day: string): boolean {
  return provision.from <= day && (!provision.to || day <= provision.to);
}

/** Per parameter, the latest provision in force on the day; two from one day is a defect. */
function provisionsOn(
  provisions: Provision[],
  day: string,
  track: RuleTrack,
): Map<string, Provision> {
  const chosen = new Map<string, Provision>();
  for (const provision of provisions) {
    if (!inForce(provision, day)) continue;
    const current = chosen.get(provision.name);
    if (!current || current.from < provision.from) {
      chosen.set(provision.name, provision);
    } else if (current.from === provision.from) {
      throw new RuleCompositionError(
        `${current.instrument.id} and ${provision.instrument.id} both set "${provision.name}" on the ${track} track from ${day}`,
      );
    }
  }
  return chosen;
}

function provisionsOf(instruments: LegalInstrument[], track: RuleTrack): Provision[] {
  return instruments.flatMap((instrument) =>
    Object.entries(instrument.params)
      .filter(([, param]) => parameterTracks(instrument, param).includes(track))
      .map(([name, param]) => ({ instrument, name, param, ...provisionPeriod(instrument, param) })),
  );
}

/** The days on which some provision comes into force or stops being in force, in order. */
function breakpointsOf(provisions: Provision[]): string[] {
  return [
    ...new Set(provisions.flatMap(({ from, to }) => [from, ...(to ? [nextDay(to)] : [])])),
  ].sort();
}

/** The rule set of the provisions chosen on `day`, each parameter citing its instrument. */
function ruleSetOf(chosen: Map<string, Provision>, day: string, track: RuleTrack): RuleSet {
  const params: Record<string, RuleParameter> = {};
  for (const name of [...chosen.keys()].sort()) {
    const { instrument, param, from } = chosen.get(name)!;
    params[name] = {
      value: param.value,
      citation: instrumentCitation(instrument, param),
      instrumentId: instrument.id,
      inForceFrom: from,
    };
  }
  const regulations = [
    ...new Set(
      [...chosen.values()]
        .filter(({ instrument }) => !instrument.setting)
        .sort((a, b) => b.from.localeCompare(a.from))
        .map(({ instrument }) => instrument.short),
    ),
  ];
  return {
    id: `${track}-${day}`,
    title: `${track === 'party' ? 'Party' : 'State'} track from ${day}: ${regulations.join('; ')}`,
    effectiveFrom: day,
    track,
    params,
  };
}

const keyOf = (chosen: Map<string, Provision>): string =>
  [...chosen.values()]
    .map((provision) => `${provision.name}=${provision.instrument.id}`)
    .sort()
    .join('|');

function composeTrack(instruments: LegalInstrument[], track: RuleTrack): RuleSet[] {
  const provisions = provisionsOf(instruments, track);
  if (provisions.length === 0) return [];
  const required = new Set(provisions.map((provision) => provision.name));
  const sets: RuleSet[] = [];
  let previousKey = '';
  for (const day of breakpointsOf(provisions)) {
    const chosen = provisionsOn(provisions, day, track);
    const missing = [...required].filter((name) => !chosen.has(name));
    if (missing.length > 0) {
      if (sets.length === 0) continue; // not every parameter has an instrument yet
      throw new RuleCompositionError(
        `no instrument in force sets ${missing.map((name) => `"${name}"`).join(', ')} on the ${track} track from ${day}`,
      );
    }
    const key = keyOf(chosen);
    if (key === previousKey) continue;
    previousKey = key;
    if (sets.length > 0) sets[sets.length - 1].effectiveTo = previousDay(day);
    sets.push(ruleSetOf(chosen, day, track));
  }
  return sets;
}

/**
 * The rule sets a case can pin, one per track and per day on which some parameter changed: each
 * parameter takes effect on its own instrument's date, so a civil-service case opened on
 * 1 Aug 2025 pins Nghị định 172/2025 (no demotion) while the Party's appointment rules are still
 * those of Quy định 80-QĐ/TW until Quy định 377-QĐ/TW on 8 Oct 2025.
 */
export function composeRuleSets(instruments: LegalInstrument[]): RuleSet[] {
  return RULE_TRACKS.flatMap((track) => composeTrack(instruments, track));
}
