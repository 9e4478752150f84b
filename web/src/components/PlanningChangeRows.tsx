import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlanningPoolOf, usePositions } from '../api/hooks';
import { foldDiacritics } from '../fold-diacritics';
import { postsWithin, unitsWithinGrant } from '../org-unit-tree';
import { useOrgUnits } from '../pages/Inbox';
import { ChoiceSelect } from './ChoiceSelect';
import { PersonPicker } from './PersonPicker';
import { PURPOSE } from '../purposes';

/** One change of a planning review: a person for a post, and for a removal why. */
export interface PlanningChange {
  /** Tells the rows apart while they are added and taken away (never sent). */
  key: number;
  personId: string;
  /** The person's name as picked (never sent): a refusal names them by it, not by their id. */
  personName: string;
  positionId: string;
  reason: string;
}

let nextKey = 0;
export const emptyChange = (): PlanningChange => ({
  key: nextKey++,
  personId: '',
  personName: '',
  positionId: '',
  reason: '',
});

/**
 * The people a planning review adds (`list="added"`) or takes off (`list="removed"`), a row each:
 * the person found by name, the post by its title, and for a removal the reason. A removal offers
 * only the posts the person is planned for: another would be refused (planning_pool.no_entry).
 */
export function PlanningChangeRows({
  list,
  changes,
  onChange,
  refused,
}: {
  list: 'added' | 'removed';
  changes: PlanningChange[];
  onChange: (changes: PlanningChange[]) => void;
  /** The server's refusal of one row (its key), shown on that row. */
  refused?: { key: number; text: string } | null;
}) {
  const { t } = useTranslation();
  const replace = (next: PlanningChange) =>
    onChange(changes.map((change) => (change.key === next.key ? next : change)));
  return (
    <fieldset className="card">
      <legend>{t(`reviews.${list}`)}</legend>
      {changes.map((change, index) => (
        <PlanningChangeRow
          key={change.key}
          list={list}
          index={index}
          change={change}
          refusal={refused?.key === change.key ? refused.text : null}
          onChange={replace}
          onRemove={() => onChange(changes.filter((other) => other.key !== change.key))}
        />
      ))}
      <button type="button" onClick={() => onChange([...changes, emptyChange()])}>
        {t('reviews.addRow')}
      </button>
    </fieldset>
  );
}

function PlanningChangeRow({
  list,
  index,
  change,
  refusal,
  onChange,
  onRemove,
}: {
  list: 'added' | 'removed';
  index: number;
  change: PlanningChange;
  refusal: string | null;
  onChange: (change: PlanningChange) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const positions = usePositions();
  const units = useOrgUnits();
  const pool = usePlanningPoolOf(list === 'removed' ? change.personId : '', PURPOSE.planningReview);
  const [positionQuery, setPositionQuery] = useState('');
  const planned = new Set((pool.data ?? []).map((entry) => entry.positionId));
  const offered = postsWithin(positions.data ?? [], unitsWithinGrant(units.data ?? []))
    .filter((p) => list === 'added' || planned.has(p.id))
    .filter((p) => foldDiacritics(p.title).includes(foldDiacritics(positionQuery)));
  const id = `rv-${list}-${change.key}`;
  const row = t('reviews.row', { list: t(`reviews.${list}`), number: index + 1 });
  return (
    <fieldset
      className={refusal ? 'has-error' : undefined}
      aria-describedby={refusal ? `${id}-error` : undefined}
    >
      <legend>{row}</legend>
      <PersonPicker
        id={`${id}-person`}
        searchLabel={t('open.person')}
        pickLabel={t('open.pickPerson')}
        value={change.personId}
        onPick={(person) =>
          onChange({
            ...change,
            personId: person?.id ?? '',
            personName: person?.fullName ?? '',
            positionId: '',
          })
        }
      />
      <div className="row wrap">
        <div className="field">
          <label htmlFor={`${id}-position-q`}>{t('open.position')}</label>
          <input
            id={`${id}-position-q`}
            value={positionQuery}
            onChange={(e) => setPositionQuery(e.target.value)}
            autoComplete="off"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-position`}>{t('open.pickPosition')}</label>
          <ChoiceSelect
            id={`${id}-position`}
            value={change.positionId}
            onChoose={(positionId) => onChange({ ...change, positionId })}
            empty="—"
            choices={offered.map((p) => ({ value: p.id, label: p.title }))}
          />
        </div>
        {list === 'removed' && (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('reviews.reason')}</label>
            <input
              id={`${id}-reason`}
              value={change.reason}
              onChange={(e) => onChange({ ...change, reason: e.target.value })}
            />
          </div>
        )}
      </div>
      {refusal && (
        <div className="field-error" id={`${id}-error`} role="alert">
          {refusal}
        </div>
      )}
      <button type="button" onClick={onRemove}>
        {t('reviews.removeRow')}
      </button>
    </fieldset>
  );
}
