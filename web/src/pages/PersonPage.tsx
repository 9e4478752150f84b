import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, unwrapWithEtag } from '../api/client';
import { usePeopleSearch, usePositions } from '../api/hooks';
import { useOrgUnits } from './Inbox';
import { postsWithin, unitsWithinGrant } from '../org-unit-tree';
import { formatDay, formatDecisionRef, vietnamToday } from '../dates';
import { Link } from '../router';
import { can, getSession } from '../session';
import { ErrorBox, Loading } from '../components/common';
import { CaseNamed, caseNamesFrom, withCaseLinks } from '../components/CaseLinks';
import { usePositionNames, useReasonText } from '../server-text/use-reason-text';
import type { components } from '../api/schema';
import { RegistrationMoves } from '../components/RegistrationMoves';
import { PastPlanningPool } from '../components/PastPlanningPool';
import { PlanningRestorations } from '../components/PlanningRestorations';
import { PostRestorations } from '../components/PostRestorations';
import { StatusPeriodEnd } from '../components/StatusPeriodEnd';
import { StatusPeriodRecord } from '../components/StatusPeriodRecord';
import { PartyMembership } from '../components/PartyMembership';
import { ReappointmentNotices } from '../components/ReappointmentNotices';
import { OpenCasesList } from '../components/OpenCasesList';
import { AnnualRatingRecord } from '../components/AnnualRatingRecord';
import { PURPOSE } from '../purposes';

type Schemas = components['schemas'];

interface PersonView {
  id: string;
  fullName: string;
  dateOfBirth: string;
  gender: 'male' | 'female';
  /** The record's revision, from its ETag: what a write sends back in If-Match. */
  revision: number | null;
  orgUnitId: string;
  partyMember: boolean;
  partyJoinedOn?: string;
  partyMembershipEnded: Schemas['PartyMembershipEndedDto'] | null;
  partyMembershipRestored: Schemas['PartyMembershipRestoredDto'] | null;
  registrationMoves: Schemas['RegistrationMoveDto'][];
  /** Held today; `endsOn`: a decision effective later ends it on that day. */
  posts: Schemas['PostHeldOnDayDto'][];
  /** Decided to start on a later day (`from`). */
  upcomingPosts: Schemas['UpcomingPostDto'][];
  /** `endedBy`: the decision that ended it (`decisionRef` gave it), with a recall's resolution. */
  pastPosts: Schemas['PastPostDto'][];
  planningPool: { positionId: string; term: string; decisionRef: string }[];
  pastPlanningPool: Schemas['PastPlanningPoolEntryDto'][];
  planningRestorations: Schemas['PlanningPoolRestorationDto'][];
  postRestorations: Schemas['PostRestorationDto'][];
  statuses: {
    status: string;
    from: string;
    until: string | null;
    note: string;
    /** A father's ground for raising a child under 12 months (Nghị định 172/2025). */
    fatherCareGround?: string;
  }[];
  discipline: {
    caseId: string;
    form: string;
    decidedOn: string;
    /** The discipline's own validity (hiệu lực) and the bar on a higher post: two dates. */
    inEffectUntil: string | null;
    barEndsOn: string | null;
    /** The decision's own number; the complaint decision that changed or annulled it is apart. */
    decisionRef: string;
    revisedByRef: string | null;
    revisions: { decisionRef: string }[];
    annulled: { on: string; decisionRef: string } | null;
    status: string;
    sameViolationCaseId?: string;
  }[];
  openCases: { caseId: string; procedure: string; stage: string | null; since: string }[];
  /** The open cases for a post naming the person a standing nominee. */
  nominatedIn: { caseId: string; procedure: string; stage: string | null; since: string }[];
  placeOfOrigin: { province: string; locality: string } | null;
  managementTier: { tier: string; from: string; decisionRef: string } | null;
  civilServiceRank: { code: string; title: string; from: string } | null;
  ratings: { year: number; rating: string; evaluatedOn: string; decisionRef: string }[];
  reappointmentsDue: {
    positionId?: string;
    termEnd?: string;
    noticeOn?: string;
    [key: string]: unknown;
  }[];
  /** The notices the terms' decisions set, not yet given (absent from an older server). */
  reappointmentNoticesAhead?: Schemas['ReappointmentNoticeAheadDto'][];
  /** The reader is this person: they record nothing on their own record (separation.subject). */
  readerMayNotWrite?: { rule: 'separation.subject'; message: string };
  /** What the cases the record names are (past posts, pool, discipline, open), within the grant. */
  caseTitles?: Schemas['CaseTitleDto'][];
}

export function PeopleSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const people = usePeopleSearch(q);
  return (
    <section>
      <h1>{t('person.searchTitle')}</h1>
      <div className="field">
        <label htmlFor="people-q">{t('person.search')}</label>
        <input id="people-q" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      </div>
      <ErrorBox error={people.error} />
      {people.data?.length === 0 && <p role="status">{t('person.noMatch')}</p>}
      <ul>
        {(people.data ?? []).map((p) => (
          <li key={p.id}>
            <Link to={`/cadres/${p.id}`}>{p.fullName}</Link> — {formatDay(p.dateOfBirth)}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** A person's record: posts with terms, planning pool, discipline with its bar, open cases, notices, eligibility. */
export function PersonPage({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const session = getSession()!;
  const positions = usePositions();
  const reasonText = useReasonText(usePositionNames(positions.data));
  const units = useOrgUnits();
  const [target, setTarget] = useState('');
  const person = useQuery({
    queryKey: ['person', personId],
    queryFn: async () => {
      const { data, etag } = await unwrapWithEtag<PersonView>(
        api.GET('/cadres/{id}', {
          params: { path: { id: personId } },
          headers: { 'X-Purpose': PURPOSE.personPage },
        }),
      );
      return { ...data, revision: etag ?? data.revision };
    },
  });
  const eligibility = useQuery({
    queryKey: ['eligibility', personId, target],
    enabled: Boolean(target),
    queryFn: () =>
      unwrap<{
        eligible: boolean;
        asOf: string;
        ruleSet: string;
        reasons: { rule: string; reason: string }[];
      }>(
        api.GET('/cadres/{id}/eligibility', {
          params: { path: { id: personId }, query: { for: target } },
          headers: { 'X-Purpose': PURPOSE.personPage },
        }),
      ),
  });
  const title = (id: string) => positions.data?.find((p) => p.id === id)?.title ?? id;
  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.name ?? id;
  if (person.isPending) return <Loading />;
  if (person.error) return <ErrorBox error={person.error} />;
  const p = person.data;
  // The server says what is held on its today (a post a decision ends later, with the day it
  // leaves it) apart from what a decision gives from a later day: a post not yet taken up is not
  // held, so it has its own section (before, it sat among the posts held).
  const posts = { held: p.posts, upcoming: p.upcomingPosts, past: p.pastPosts };
  const today = vietnamToday();
  // The server refuses a write on one's own record (403 separation.subject): no form is offered.
  const mayWrite = can.registryWrite(session) && !p.readerMayNotWrite;
  const disciplineCases = new Set([
    ...p.discipline.map((d) => d.caseId),
    ...p.openCases.filter((c) => c.procedure === 'discipline').map((c) => c.caseId),
  ]);
  // A case read by its title, its id a hint (before: the bare id); one outside the grant, unnamed.
  const caseName = caseNamesFrom(p.caseTitles ?? [], t);
  const linkCases = (text: string) =>
    withCaseLinks(text, (id) => disciplineCases.has(id), caseName);
  const reasonWithLinks = (reason: string) => linkCases(reasonText(reason));
  return (
    <section>
      <h1>
        {t('person.title')}: {p.fullName}
      </h1>
      {p.readerMayNotWrite && (
        <p className="notice" data-testid="own-record">
          {t('person.ownRecord')}
        </p>
      )}
      <dl className="facts">
        <dt>{t('person.born')}</dt>
        <dd>{formatDay(p.dateOfBirth)}</dd>
        <dt>{t('person.unit')}</dt>
        <dd>{unitName(p.orgUnitId)}</dd>
        <dt>{t('person.origin')}</dt>
        <dd data-testid="origin">
          {p.placeOfOrigin
            ? [p.placeOfOrigin.locality, p.placeOfOrigin.province].filter(Boolean).join(', ')
            : '—'}
        </dd>
        <dt>{t('person.tier')}</dt>
        <dd>
          {p.managementTier
            ? `${t(`person.tiers.${p.managementTier.tier}`)} (${formatDay(p.managementTier.from)})`
            : '—'}
        </dd>
        <dt>{t('person.rank')}</dt>
        <dd>
          {p.civilServiceRank ? `${p.civilServiceRank.title} (${p.civilServiceRank.code})` : '—'}
        </dd>
        <PartyMembership person={p} />
      </dl>
      {can.history(session) && (
        <p>
          <Link to={`/cadres/${encodeURIComponent(personId)}/history`}>{t('person.history')}</Link>
        </p>
      )}
      <RegistrationMoves moves={p.registrationMoves} unitName={unitName} />
      <h2>{t('person.ratings')}</h2>
      <ul data-testid="ratings">
        {p.ratings.map((r) => (
          <li key={r.year}>
            {t('person.year')} {r.year}: {t(`person.ratingNames.${r.rating}`)} (
            {formatDecisionRef(r.decisionRef)})
          </li>
        ))}
        {p.ratings.length === 0 && <li>{t('app.none')}</li>}
      </ul>
      {/* A re-appointment's vetting reads the term's years from here (before: listed, not recorded). */}
      {mayWrite && <AnnualRatingRecord personId={personId} revision={p.revision} />}
      <h2>{t('person.posts')}</h2>
      {/* Before: a bare table header when no post was held (after a dismissal, say). */}
      {posts.held.length === 0 && <p data-testid="no-posts-held">{t('person.noPostsHeld')}</p>}
      <table className="grid" hidden={posts.held.length === 0} data-testid="posts-held">
        <thead>
          <tr>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('person.from')}</th>
            <th scope="col">{t('person.termEnd')}</th>
            <th scope="col">{t('person.decisionRef')}</th>
            <th scope="col">{t('person.change')}</th>
          </tr>
        </thead>
        <tbody>
          {posts.held.map((post) => (
            <tr key={`${post.positionId}:${post.from}`}>
              <td>{title(post.positionId)}</td>
              <td>{formatDay(post.from)}</td>
              <td>
                {/* A re-appointment decided ahead: the post runs on into the new term. */}
                {formatDay(post.renewedBy ? post.renewedBy.termEnd : post.termEnd)}
              </td>
              <td>
                {formatDecisionRef(post.decisionRef)}
                {post.renewedBy && (
                  <div data-testid="post-renewed-by">
                    {t('person.renewedFrom', {
                      day: formatDay(post.renewedBy.from),
                      decision: formatDecisionRef(post.renewedBy.decisionRef),
                    })}
                  </div>
                )}
                {post.extendedBy && (
                  <div data-testid="post-extended-by">
                    {t('person.extendedBy', {
                      decision: formatDecisionRef(post.extendedBy.decisionRef),
                      day: formatDay(post.extendedBy.on),
                    })}
                  </div>
                )}
              </td>
              <td>{post.endsOn && t('person.leavesOn', { day: formatDay(post.endsOn) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {posts.upcoming.length > 0 && (
        <>
          <h2>{t('person.upcomingPosts')}</h2>
          <table className="grid" data-testid="upcoming-posts">
            <thead>
              <tr>
                <th scope="col">{t('case.position')}</th>
                <th scope="col">{t('person.from')}</th>
                <th scope="col">{t('person.termEnd')}</th>
                <th scope="col">{t('person.decisionRef')}</th>
              </tr>
            </thead>
            <tbody>
              {posts.upcoming.map((post) => (
                <tr key={`${post.positionId}:${post.from}`}>
                  <td>{title(post.positionId)}</td>
                  <td>{t('person.startsOn', { day: formatDay(post.from) })}</td>
                  <td>{formatDay(post.termEnd)}</td>
                  <td>{formatDecisionRef(post.decisionRef)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>{t('person.pastPosts')}</h2>
      {posts.past.length === 0 && <p>{t('app.none')}</p>}
      <table className="grid" hidden={posts.past.length === 0} data-testid="past-posts">
        <thead>
          <tr>
            <th scope="col">{t('case.position')}</th>
            <th scope="col">{t('person.from')}</th>
            <th scope="col">{t('person.endedOn')}</th>
            <th scope="col">{t('person.endReason')}</th>
            <th scope="col">{t('person.endedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {posts.past.map((post) => (
            <tr key={`${post.positionId}:${post.from}`}>
              <td>{title(post.positionId)}</td>
              <td>{formatDay(post.from)}</td>
              <td>{formatDay(post.endedOn)}</td>
              <td>{reasonWithLinks(post.reason)}</td>
              {/* The decision that ended the post (before: the one that gave it). */}
              <td data-testid="past-post-ended-by">
                {formatDecisionRef(post.endedBy)}
                {post.councilResolution && (
                  <div className="muted">
                    {t('person.recallResolution', {
                      number: post.councilResolution.number,
                      day: formatDay(post.councilResolution.adoptedOn),
                    })}
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <PostRestorations
        restorations={p.postRestorations}
        title={title}
        reasonText={reasonText}
        linkCases={linkCases}
      />
      <h2>{t('person.pool')}</h2>
      <ul>
        {p.planningPool.map((entry) => (
          <li key={entry.positionId + entry.term}>
            {title(entry.positionId)} — {t('person.term')} {entry.term} (
            {formatDecisionRef(entry.decisionRef)})
          </li>
        ))}
        {p.planningPool.length === 0 && <li>{t('app.none')}</li>}
      </ul>
      <PastPlanningPool entries={p.pastPlanningPool} title={title} reasonText={reasonWithLinks} />
      <PlanningRestorations
        restorations={p.planningRestorations}
        title={title}
        reasonText={reasonText}
        linkCases={linkCases}
      />
      <h2>{t('person.statuses')}</h2>
      {/* A suspension, an investigation: what holds a step back while it lasts, and since when. */}
      <ul data-testid="person-statuses">
        {p.statuses.map((period) => (
          <li key={`${period.status}:${period.from}`}>
            {t(`personStatus.${period.status}`, { defaultValue: period.status })} —{' '}
            {period.until
              ? t('person.period', { from: formatDay(period.from), until: formatDay(period.until) })
              : t('person.since', { from: formatDay(period.from) })}
            {period.fatherCareGround
              ? ` (${t(`fatherCareGround.${period.fatherCareGround}`, { defaultValue: period.fatherCareGround })})`
              : ''}
            {period.note ? ` (${period.note})` : ''}
            {/* Open-ended, or a planned end still to come that the real one may bring forward. */}
            {(period.until === null || period.until > today) && mayWrite && (
              <StatusPeriodEnd personId={personId} period={period} />
            )}
          </li>
        ))}
        {p.statuses.length === 0 && <li>{t('app.none')}</li>}
      </ul>
      {mayWrite && (
        <StatusPeriodRecord personId={personId} gender={p.gender} revision={p.revision} />
      )}
      <h2>{t('person.discipline')}</h2>
      {p.discipline.length === 0 && <p>{t('app.none')}</p>}
      <table className="grid" hidden={p.discipline.length === 0}>
        <thead>
          <tr>
            <th scope="col">{t('person.form')}</th>
            <th scope="col">{t('person.decided')}</th>
            <th scope="col">{t('register.inEffectUntil')}</th>
            <th scope="col">{t('person.barEnds')}</th>
            <th scope="col">{t('register.status')}</th>
            <th scope="col">{t('person.decisionRef')}</th>
          </tr>
        </thead>
        <tbody>
          {p.discipline.map((d) => (
            <tr key={d.caseId}>
              <td>{t(`forms.${d.form}`, { defaultValue: d.form })}</td>
              <td>{formatDay(d.decidedOn)}</td>
              <td>{formatDay(d.inEffectUntil)}</td>
              <td>{formatDay(d.barEndsOn)}</td>
              <td>{t(`status.${d.status}`, { defaultValue: d.status })}</td>
              <td data-testid="discipline-decision-ref">
                {/* The decision's own number; a review that changed the form is named apart. */}
                {formatDecisionRef(d.decisionRef)}
                {d.revisedByRef && (
                  <div className="muted">
                    {t('register.revisedBy', { ref: formatDecisionRef(d.revisedByRef) })}
                  </div>
                )}
                {d.sameViolationCaseId && (
                  <>
                    {` · ${t('register.sameViolation')}: `}
                    <CaseNamed id={d.sameViolationCaseId} name={caseName(d.sameViolationCaseId)} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('person.openCases')}</h2>
      <OpenCasesList openCases={p.openCases} nominatedIn={p.nominatedIn} nameOf={caseName} />
      <h2>{t('person.reappointments')}</h2>
      <ReappointmentNotices
        given={p.reappointmentsDue}
        ahead={p.reappointmentNoticesAhead ?? []}
        title={title}
      />
      {can.readPerson(session) && (
        <section className="card">
          <div className="field">
            <label htmlFor="person-eligibility">{t('person.eligibilityFor')}</label>
            <select
              id="person-eligibility"
              value={target}
              onChange={(e) => setTarget(e.target.value)}
            >
              <option value="">—</option>
              {/* Only the posts the reader's grant reaches: the check of another answers 403. */}
              {postsWithin(positions.data ?? [], unitsWithinGrant(units.data ?? [])).map((pos) => (
                <option key={pos.id} value={pos.id}>
                  {pos.title}
                </option>
              ))}
            </select>
          </div>
          <ErrorBox error={eligibility.error} />
          {eligibility.data && (
            <div className={eligibility.data.eligible ? 'notice' : 'warning'} role="status">
              <strong>
                {t(eligibility.data.eligible ? 'open.eligible' : 'open.notEligible', {
                  ruleSet: eligibility.data.ruleSet,
                  date: formatDay(eligibility.data.asOf),
                })}
              </strong>
              <ul>
                {eligibility.data.reasons.map((r) => (
                  <li key={r.rule}>{reasonText(r.reason)}</li>
                ))}
              </ul>
            </div>
          )}
        </section>
      )}
    </section>
  );
}
