import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../dates';
import { KnownNames, useReasonText } from '../server-text/use-reason-text';

interface Decision {
  number?: string;
  signer?: string;
  heldOn?: string;
  effectiveFrom?: string;
  termYears?: number;
  termEnd?: string | null;
  termRule?: string;
  appointee?: string;
  keepsPreviousPost?: boolean;
  reappointmentNoticeOn?: string;
  /** Elected posts the decision leaves to the council that elected the person. */
  electedPostsKept?: { positionId: string; title: string }[];
  /** A rotation or transfer into a leadership post: the term the post is held on. */
  postTerm?: { termYears: number; termEnd: string; termRule: string };
  /** `applied: council_term`: an elected post's term, which ends with the council's. */
  details?: { applied?: unknown };
}

/** A case's decision as its reader expects it: number, signer, dates, the term and its ground. */
export function DecisionCard({
  decision,
  procedure,
  names,
}: {
  decision: Record<string, unknown>;
  /** A rotation's (or transfer's) years are how long it is planned to last, not a term of office. */
  procedure: string;
  names?: KnownNames;
}) {
  const { t } = useTranslation();
  const reasonText = useReasonText(names);
  const d = decision as Decision;
  const rows: [string, string][] = [];
  const add = (label: string, value: string | undefined | null) => {
    if (value) rows.push([label, value]);
  };
  add(t('decision.number'), d.number);
  add(t('decision.signer'), d.signer);
  add(t('decision.signedOn'), d.heldOn && formatDay(d.heldOn));
  add(t('decision.appointee'), d.appointee && (names?.people?.[d.appointee] ?? d.appointee));
  add(t('decision.effectiveFrom'), d.effectiveFrom && formatDay(d.effectiveFrom));
  // A removal ends or suspends a post: it has no term (its "term" is the day it ends, shown
  // above). An approval in principle or an agreement holds until a day: that day, not years.
  const holdsUntil = procedure === 'approval_in_principle' || procedure === 'consultation';
  const hasTerm = procedure !== 'removal' && !holdsUntil;
  if (holdsUntil) add(t('decision.holdsUntil'), d.termEnd && formatDay(d.termEnd));
  const move = procedure === 'rotation' || procedure === 'transfer';
  // An elected post's term ends with the council's: its `termYears` are the council's (5), not
  // what the person serves when elected late in the council's term.
  const withCouncil = d.details?.applied === 'council_term';
  if (hasTerm)
    add(
      t(move ? 'decision.plannedDuration' : 'decision.term'),
      d.termEnd
        ? withCouncil
          ? t('decision.untilCouncilTermEnd', { end: formatDay(d.termEnd) })
          : t('decision.termValue', { years: d.termYears, end: formatDay(d.termEnd) })
        : d.termYears
          ? t('decision.termYears', { years: d.termYears })
          : move
            ? t('decision.noPlannedPeriod')
            : null,
    );
  // The post's own term beside a move's period: they end on different days.
  if (d.postTerm)
    add(
      t('decision.postTerm'),
      t('decision.termValue', { years: d.postTerm.termYears, end: formatDay(d.postTerm.termEnd) }),
    );
  add(t('decision.keepsPreviousPost'), d.keepsPreviousPost ? t('decision.yes') : null);
  add(
    t('decision.electedPostsKept'),
    d.electedPostsKept?.length
      ? t('decision.electedPostsKeptValue', {
          posts: d.electedPostsKept.map((post) => post.title).join(', '),
        })
      : null,
  );
  add(
    t('decision.reappointmentNoticeOn'),
    d.reappointmentNoticeOn && formatDay(d.reappointmentNoticeOn),
  );
  if (hasTerm) add(t('decision.termRule'), d.termRule && reasonText(d.termRule));
  if (d.postTerm) add(t('decision.postTermRule'), reasonText(d.postTerm.termRule));
  return (
    <dl className="facts" data-testid="decision">
      {rows.map(([label, value]) => (
        <Fragment key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
