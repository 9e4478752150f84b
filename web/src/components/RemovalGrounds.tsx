import { ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDay } from '../dates';
import { DayInput } from './DayInput';

const DISMISSAL_GROUNDS = [
  'low_confidence',
  'not_completed_duties',
  'discipline',
  'repeated_discipline',
  'conclusion',
];

/** The cases of relief the relief definitions list (`groundKinds`, Quy định 377-QĐ/TW). */
const RELIEF_GROUNDS = ['head_targets_not_met', 'assigned_targets_not_met', 'own_request', 'other'];

type Fields = Record<string, string>;

/** The grounds' inputs besides «Căn cứ» (`grounds.kind`), as the API names them under `grounds.`. */
export const GROUNDS_FIELDS = [
  'letterReceivedOn',
  'reason',
  'reference',
  'lowConfidenceVotes',
  'totalVotes',
] as const;
export type GroundsField = (typeof GROUNDS_FIELDS)[number];

/** How a field shows its problem: «Căn cứ» left unchosen, or a refusal naming the field. */
interface FieldProblem {
  className: string;
  invalid?: boolean;
  describedBy?: string;
  message: ReactNode;
}

/** The grounds the removal procedure checks when the case opens, as the API takes them. */
function groundsOf(definition: string, f: Fields): Record<string, unknown> | undefined {
  if (definition === 'removal.suspension') return undefined;
  if (definition === 'removal.resignation')
    return { letterReceivedOn: parseDay(f.letterReceivedOn ?? '') ?? '', reason: f.reason ?? '' };
  if (definition === 'removal.relief') return { kind: f.kind ?? '', reference: f.reference ?? '' };
  const kind = f.kind ?? '';
  if (kind === 'low_confidence')
    return {
      kind,
      lowConfidenceVotes: Number(f.lowConfidenceVotes),
      totalVotes: Number(f.totalVotes),
    };
  return kind === 'conclusion' ? { kind, reference: f.reference ?? '' } : { kind };
}

/**
 * Căn cứ xem xét (grounds) of a dismissal, resignation or relief: what the case rests on; the
 * service checks them against the rule set and the person's record and names the rule it refuses.
 */
export function RemovalGrounds(props: {
  definition: string;
  onChange: (grounds: Record<string, unknown> | undefined) => void;
  /** «Căn cứ» left unchosen, or refused by the server: shown under it. */
  kindProblem: FieldProblem;
  /** A refusal naming one of the other inputs (`grounds.letterReceivedOn`): shown under it. */
  fieldProblem?: (name: GroundsField) => FieldProblem;
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>({});
  const set = (name: string) => (e: { target: { value: string } }) => {
    const next = { ...fields, [name]: e.target.value };
    setFields(next);
    props.onChange(groundsOf(props.definition, next));
  };
  const input = (name: GroundsField, type = 'text') => {
    const problem = props.fieldProblem?.(name);
    const control = {
      id: `grounds-${name}`,
      value: fields[name] ?? '',
      onChange: set(name),
      'aria-invalid': problem?.invalid,
      'aria-describedby': problem?.describedBy,
    };
    return (
      <div className={problem?.className ?? 'field'} key={name}>
        <label htmlFor={`grounds-${name}`}>{t(`removal.${name}`)}</label>
        {type === 'day' ? <DayInput {...control} /> : <input type={type} {...control} />}
        {problem?.message}
      </div>
    );
  };
  if (props.definition === 'removal.suspension')
    return <p className="muted">{t('removal.suspensionNote')}</p>;
  // The ground starts unchosen: a relief or dismissal rests on the one the officer names (before:
  // the first of the list was preset and sent).
  const dismissalKind = fields.kind ?? '';
  const { kindProblem } = props;
  const kindSelect = (kinds: string[], label: (kind: string) => string) => (
    <div className={kindProblem.className}>
      <label htmlFor="grounds-kind">{t('removal.kind')}</label>
      <select
        id="grounds-kind"
        value={fields.kind ?? ''}
        onChange={set('kind')}
        aria-required
        aria-invalid={kindProblem.invalid}
        aria-describedby={kindProblem.describedBy}
      >
        <option value="">{t('removal.chooseKind')}</option>
        {kinds.map((g) => (
          <option key={g} value={g}>
            {label(g)}
          </option>
        ))}
      </select>
      {kindProblem.message}
    </div>
  );
  return (
    <fieldset className="card" data-testid="removal-grounds">
      <legend>{t('removal.grounds')}</legend>
      {props.definition === 'removal.resignation' && (
        <div className="row wrap">{[input('letterReceivedOn', 'day'), input('reason')]}</div>
      )}
      {props.definition === 'removal.relief' && (
        <div className="row wrap">
          {kindSelect(RELIEF_GROUNDS, (g) => t(`removal.reliefGround.${g}`))}
          {input('reference')}
        </div>
      )}
      {props.definition === 'removal.dismissal' && (
        <div className="row wrap">
          {kindSelect(DISMISSAL_GROUNDS, (g) => t(`removal.ground.${g}`))}
          {dismissalKind === 'low_confidence' && [
            input('lowConfidenceVotes', 'number'),
            input('totalVotes', 'number'),
          ]}
          {dismissalKind === 'conclusion' && input('reference')}
        </div>
      )}
    </fieldset>
  );
}
