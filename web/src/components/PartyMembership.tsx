import { useTranslation } from 'react-i18next';
import type { components } from '../api/schema';
import { formatDay, formatDecisionRef } from '../dates';
import { Link } from '../router';

type Schemas = components['schemas'];

/**
 * A record imported from paper keys its discipline by a stand-in id (`paper-…`, the import's
 * importedDisciplineId): it has no case page to link to.
 */
const hasCasePage = (caseId: string) => !caseId.startsWith('paper-');

function DisciplineCaseLink({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  if (!hasCasePage(caseId)) return <>{t('person.partyMembership.paperRecord')}</>;
  return (
    <>
      {t('person.partyMembership.case')}{' '}
      <Link to={`/discipline-cases/${encodeURIComponent(caseId)}`}>{caseId}</Link>
    </>
  );
}

/**
 * Party membership (Đảng tịch) among the person's facts: ended by an expulsion (khai trừ, Điều lệ
 * Đảng art. 35), with its day, decision and case; or given back by a complaint review that
 * annulled or lightened it. A later Party discipline case is refused while it stands ended.
 */
export function PartyMembership({
  person,
}: {
  person: {
    partyMember: boolean;
    partyJoinedOn?: string;
    partyMembershipEnded: Schemas['PartyMembershipEndedDto'] | null;
    partyMembershipRestored: Schemas['PartyMembershipRestoredDto'] | null;
  };
}) {
  const { t } = useTranslation();
  const ended = person.partyMembershipEnded;
  const restored = person.partyMembershipRestored;
  return (
    <>
      <dt>{t('person.partyMembership.label')}</dt>
      <dd data-testid="party-membership">
        {ended ? (
          <>
            {t('person.partyMembership.expelled', {
              day: formatDay(ended.on),
              ref: formatDecisionRef(ended.decisionRef),
            })}{' '}
            (<DisciplineCaseLink caseId={ended.caseId} />)
          </>
        ) : restored ? (
          <>
            {t('person.partyMembership.restored', {
              day: formatDay(restored.on),
              ref: formatDecisionRef(restored.decisionRef),
              endedBy: formatDecisionRef(restored.endedBy),
            })}{' '}
            (<DisciplineCaseLink caseId={restored.caseId} />)
          </>
        ) : person.partyMember ? (
          person.partyJoinedOn ? (
            t('person.partyMembership.memberSince', { day: formatDay(person.partyJoinedOn) })
          ) : (
            t('person.partyMembership.member')
          )
        ) : (
          t('person.partyMembership.notMember')
        )}
      </dd>
    </>
  );
}
