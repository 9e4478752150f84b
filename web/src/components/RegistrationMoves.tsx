import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDay, formatDecisionRef } from '../dates';
import { Link } from '../router';

type RegistrationMove = components['schemas']['RegistrationMoveDto'];

/**
 * Chuyển đơn vị quản lý: the decisions that moved the person's record to the unit of the post
 * they were moved into, oldest first, each unit by its name.
 */
export function RegistrationMoves({
  moves,
  unitName,
}: {
  moves: RegistrationMove[];
  unitName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h2>{t('person.registrationMoves')}</h2>
      {moves.length === 0 && <p>{t('app.none')}</p>}
      <table className="grid" hidden={moves.length === 0} data-testid="registration-moves">
        <thead>
          <tr>
            <th scope="col">{t('person.movedFrom')}</th>
            <th scope="col">{t('person.movedTo')}</th>
            <th scope="col">{t('person.from')}</th>
            <th scope="col">{t('person.movedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {moves.map((move) => (
            <tr key={move.caseId}>
              <td>{unitName(move.previousOrgUnitId)}</td>
              <td>{unitName(move.orgUnitId)}</td>
              <td>{formatDay(move.from)}</td>
              <td>
                {formatDecisionRef(move.decisionRef)} (
                <Link to={`/cases/${move.caseId}`}>{t('person.case', { id: move.caseId })}</Link>)
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
