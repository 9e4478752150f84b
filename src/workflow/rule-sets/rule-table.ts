import { LegalInstrument, parameterTracks, provisionPeriod } from './legal-instrument';

/** A period per round of complaint (first, second), each with its longer figure for a complex case. */
function showRoundPeriods(value: {
  unit: string;
  acceptWithin: number;
  first: { amount: number; complex: number };
  second: { amount: number; complex: number };
}): string {
  const unit = value.unit.replace('_', ' ');
  const round = (name: string, period: { amount: number; complex: number }) =>
    `${name}: ${period.amount} ${unit} (complex: ${period.complex})`;
  return `${round('first', value.first)}; ${round('second', value.second)}; from acceptance, itself within ${value.acceptWithin} days of receipt`;
}

function showValue(value: unknown): string {
  if (value && typeof value === 'object' && 'first' in value && 'second' in value)
    return showRoundPeriods(value as Parameters<typeof showRoundPeriods>[0]);
  if (value && typeof value === 'object' && 'numerator' in value && 'denominator' in value)
    return `${(value as { numerator: number }).numerator}/${(value as { denominator: number }).denominator}`;
  if (value && typeof value === 'object' && 'amount' in value && 'unit' in value) {
    const period = value as {
      amount: number;
      unit: string;
      byForm?: Record<string, number>;
      acceptWithin?: number;
    };
    const unit = period.unit.replace('_', ' ');
    const byForm = Object.entries(period.byForm ?? {}).map(
      ([form, n]) => `; ${form}: ${n} ${unit}`,
    );
    const accepted =
      period.acceptWithin === undefined
        ? ''
        : ` from acceptance, itself within ${period.acceptWithin} days of receipt`;
    return `${period.amount} ${unit}${byForm.join('')}${accepted}`;
  }
  if (Array.isArray(value)) return value.length ? value.join(', ') : 'none';
  if (value && typeof value === 'object')
    return Object.entries(value)
      .map(
        ([key, inner]) =>
          `${key}: ${Array.isArray(inner) ? inner.join(', ') : inner === null ? 'none' : typeof inner === 'object' ? JSON.stringify(inner) : String(inner)}`,
      )
      .join('; ');
  return String(value);
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

const inForceCell = ({ from, to }: { from: string; to?: string }) => `${from} – ${to ?? ''}`.trim();

/**
 * The README's table of every rule parameter: its value per instrument and track, the article,
 * the dates in force and how far the figure was checked. Generated so the table cannot drift.
 */
export function ruleParameterTable(instruments: LegalInstrument[]): string {
  const rows = instruments.flatMap((instrument) =>
    Object.entries(instrument.params).map(([name, param]) => ({ instrument, name, param })),
  );
  rows.sort(
    (a, b) =>
      a.name.localeCompare(b.name) ||
      a.instrument.effectiveFrom.localeCompare(b.instrument.effectiveFrom) ||
      a.instrument.id.localeCompare(b.instrument.id),
  );
  const lines = [
    '| parameter | track | value | instrument | article | in force | checked |',
    '|---|---|---|---|---|---|---|',
    ...rows
      .map(({ instrument, name, param }) =>
        [
          `\`${name}\``,
          parameterTracks(instrument, param).join(', '),
          showValue(param.value),
          instrument.short,
          param.article ?? 'not identified',
          inForceCell(provisionPeriod(instrument, param)),
          param.checked === 'restatement' ? `restatement (${param.source})` : param.checked,
        ]
          .map(cell)
          .join(' | '),
      )
      .map((line) => `| ${line} |`),
  ];
  return lines.join('\n');
}
