import { RuleTrack } from './rule-set';

/**
 * How far a figure was checked here: against the instrument's text, against a press or
 * legal-portal restatement (named in `source`), not at all, or not a regulation but a setting.
 */
export type CheckedAgainst = 'text' | 'restatement' | 'not checked' | 'setting';

export interface InstrumentParameter<T = unknown> {
  value: T;
  /** "art. 82(2)-(3)"; null where the article could not be identified here. */
  article: string | null;
  /** What the rule says, in a sentence. */
  text: string;
  checked: CheckedAgainst;
  source?: string;
  /** Overrides the instrument's tracks for this parameter. */
  tracks?: RuleTrack[];
  /**
   * The provision's own dates where a transitional article sets them apart from its instrument's:
   * Luật 72/2025/QH15 is in force from 16 Jun 2025, but its district-free confirmation of an
   * election applies from 1 Jul 2025, when the district level ended; until then the earlier
   * Law's provision still applies. Without them, the instrument's dates.
   */
  effectiveFrom?: string;
  effectiveTo?: string;
}

/**
 * One legal instrument (a Party regulation, a law, a decree) or one dated cadreflow setting: the
 * parameters it sets, the tracks it governs and when it is in force. A case pins, per parameter,
 * the value of the latest instrument in force on its opening day for its track.
 */
export interface LegalInstrument {
  id: string;
  /** Short name for citations: "Quy định 377-QĐ/TW". */
  short: string;
  title: string;
  issuer: string;
  effectiveFrom: string;
  /** Last day in force, when the instrument was replaced or repealed. */
  effectiveTo?: string;
  tracks: RuleTrack[];
  replacedBy?: string;
  note?: string;
  /** A cadreflow setting rather than a regulation. */
  setting?: boolean;
  params: Record<string, InstrumentParameter>;
}

/** The first and last day a provision applies: its own dates, else its instrument's. */
export function provisionPeriod(
  instrument: LegalInstrument,
  param: InstrumentParameter,
): { from: string; to?: string } {
  const to = param.effectiveTo ?? instrument.effectiveTo;
  return { from: param.effectiveFrom ?? instrument.effectiveFrom, ...(to ? { to } : {}) };
}

export function parameterTracks(
  instrument: LegalInstrument,
  param: InstrumentParameter,
): RuleTrack[] {
  return param.tracks ?? instrument.tracks;
}

/** The citation a refusal or a record carries: instrument, article, date, what it says, how checked. */
export function instrumentCitation(
  instrument: LegalInstrument,
  param: InstrumentParameter,
): string {
  const article = param.article ?? 'article not identified here';
  const checked =
    param.checked === 'text'
      ? ''
      : param.checked === 'restatement'
        ? ` [checked against a restatement${param.source ? `: ${param.source}` : ''}, not the text]`
        : param.checked === 'setting'
          ? ''
          : ' [text not checked here]';
  const { from } = provisionPeriod(instrument, param);
  return `${instrument.short}, ${article} (in force from ${from}): ${param.text}${checked}`;
}
