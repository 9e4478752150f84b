import { useState } from 'react';
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

/** The grounds the removal procedure checks when the case opens, as the API takes them. */
function groundsOf(definition: string, f: Fields): Record<string, unknown> | undefined {
  if (definition === 'removal.suspension') return undefined;
  if (definition === 'removal.resignation')
    return { letterReceivedOn: parseDay(f.letterReceivedOn ?? '') ?? '', reason: f.reason ?? '' };
  if (definition === 'removal.relief')
    return { kind: f.kind || RELIEF_GROUNDS[0], reference: f.reference ?? '' };
  const kind = f.kind || DISMISSAL_GROUNDS[0];
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
}) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Fields>({});
  const set = (name: string) => (e: { target: { value: string } }) => {
    const next = { ...fields, [name]: e.target.value };
    setFields(next);
    props.onChange(groundsOf(props.definition, next));
  };
  const input = (name: string, type = 'text') => (
    <div className="field" key={name}>
      <label htmlFor={`grounds-${name}`}>{t(`removal.${name}`)}</label>
      {type === 'day' ? (
        <DayInput id={`grounds-${name}`} value={fields[name] ?? ''} onChange={set(name)} />
      ) : (
        <input id={`grounds-${name}`} type={type} value={fields[name] ?? ''} onChange={set(name)} />
      )}
    </div>
  );
  if (props.definition === 'removal.suspension')
    return <p className="muted">{t('removal.suspensionNote')}</p>;
  const dismissalKind = fields.kind || DISMISSAL_GROUNDS[0];
  return (
    <fieldset className="card" data-testid="removal-grounds">
      <legend>{t('removal.grounds')}</legend>
      {props.definition === 'removal.resignation' && (
        <div className="row wrap">{[input('letterReceivedOn', 'day'), input('reason')]}</div>
      )}
      {props.definition === 'removal.relief' && (
        <div className="row wrap">
          <div className="field">
            <label htmlFor="grounds-kind">{t('removal.kind')}</label>
            <select
              id="grounds-kind"
              value={fields.kind || RELIEF_GROUNDS[0]}
              onChange={set('kind')}
            >
              {RELIEF_GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {t(`removal.reliefGround.${g}`)}
                </option>
              ))}
            </select>
          </div>
          {input('reference')}
        </div>
      )}
      {props.definition === 'removal.dismissal' && (
        <div className="row wrap">
          <div className="field">
            <label htmlFor="grounds-kind">{t('removal.kind')}</label>
            <select id="grounds-kind" value={dismissalKind} onChange={set('kind')}>
              {DISMISSAL_GROUNDS.map((g) => (
                <option key={g} value={g}>
                  {t(`removal.ground.${g}`)}
                </option>
              ))}
            </select>
          </div>
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
