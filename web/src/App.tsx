import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useQueryClient } from '@tanstack/react-query';
import { can, getSession, ROUTE_ROLES, Session, setSession, subscribeSession } from './session';
import { Link, match, useLocation } from './router';
import { OidcCallback, SignIn } from './pages/SignIn';
import { CALLBACK_PATH } from './oidc';
import { Inbox, useOrgUnits } from './pages/Inbox';
import { CasePage } from './pages/CasePage';
import { DisciplineCasePage } from './discipline/DisciplineCasePage';
import { OpenCase } from './pages/OpenCase';
import { PersonPage, PeopleSearch } from './pages/PersonPage';
import { PersonHistory } from './pages/PersonHistory';
import { AuditHistory, AuditHome } from './pages/Audit';
import { Register } from './pages/Register';
import { Admin } from './pages/Admin';
import { ImportPage } from './pages/ImportPage';
import { TransferBatchPage } from './pages/TransferBatchPage';
import { Reports } from './pages/Reports';
import { PlanningReviews } from './pages/PlanningReviews';
import { ErrorBoundary } from './components/ErrorBoundary';
import { OpenDisciplineCase } from './discipline/OpenDisciplineCase';
import { NotFound } from './pages/NotFound';
import { ForRoles } from './components/RoleRefusal';

function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** Who is signed in, with their roles and their unit by its name. */
function SignedInAs({ session }: { session: Session }) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const unit = units.data?.find((u) => u.id === session.orgUnit)?.name ?? session.orgUnit;
  return (
    <>
      {t('app.signedInAs', {
        name: session.name,
        roles: session.roles.map((r) => t(`roles.${r}`)).join(', '),
        unit,
      })}
    </>
  );
}

/** An inspector's work starts from the discipline register; their steps are in the inbox too. */
const registerFirst = (session: Session) =>
  session.roles.includes('inspector') && !can.openCase(session) && can.register(session);

function Home({ session }: { session: Session }) {
  if (registerFirst(session)) return <Register />;
  if (can.inbox(session)) return <Inbox />;
  if (can.history(session)) return <AuditHome />;
  if (can.admin(session)) return <Admin />;
  return <PeopleSearch />;
}

/** Each screen's name for the browser's tab and history (the nav's words; a case by its id). */
const SCREEN_TITLES: [RegExp, string][] = [
  [/^\/cases\/new$/, 'nav.openCase'],
  [/^\/discipline-cases\/new$/, 'nav.openDiscipline'],
  [/^\/cases\/[^/]+\/history$/, 'nav.audit'],
  [/^\/cadres\/[^/]+\/history$/, 'person.history'],
  [/^\/cadres/, 'nav.people'],
  [/^\/discipline-records/, 'nav.register'],
  [/^\/reports/, 'nav.reports'],
  [/^\/planning-reviews/, 'nav.planningReviews'],
  [/^\/audit/, 'nav.audit'],
  [/^\/imports/, 'nav.imports'],
  [/^\/transfer-batches/, 'nav.transferBatch'],
  [/^\/admin/, 'nav.admin'],
  [/^\/inbox/, 'nav.inbox'],
];

function useScreenTitle(path: string, known: boolean): void {
  const { t } = useTranslation();
  useEffect(() => {
    if (!known) {
      document.title = `${t('app.notFound')} — ${t('app.title')}`;
      return;
    }
    // A case's own page names it by its procedure, person and post once read (case-title.ts,
    // discipline-title.ts).
    if (/^\/(?:discipline-)?cases\/[^/]+$/.test(path) && !path.endsWith('/new')) return;
    const key = SCREEN_TITLES.find(([pattern]) => pattern.test(path))?.[1];
    const screen = key !== undefined ? t(key) : null;
    document.title = screen ? `${screen} — ${t('app.title')}` : t('app.title');
  }, [path, known, t]);
}

/** The screen at an address, or null when the app has no page there. */
function screenAt(path: string, session: Session, t: TFunction) {
  let params: Record<string, string> | null;
  if (path === '/' || path === '' || path === '/index.html') return <Home session={session} />;
  if (path === '/inbox') return <Inbox />;
  if (path === '/cases/new') return <OpenCase />;
  if ((params = match('/cases/:id/history', path))) return <AuditHistory caseId={params.id} />;
  if ((params = match('/cases/:id', path))) return <CasePage caseId={params.id} />;
  if (path === '/discipline-cases/new') return <OpenDisciplineCase />;
  if ((params = match('/discipline-cases/:id', path)))
    return <DisciplineCasePage caseId={params.id} />;
  if (path === '/cadres') return <PeopleSearch />;
  if ((params = match('/cadres/:id/history', path))) return <PersonHistory personId={params.id} />;
  if ((params = match('/cadres/:id', path))) return <PersonPage personId={params.id} />;
  if (path === '/discipline-records') return <Register />;
  if (path === '/audit')
    return (
      <ForRoles session={session} allowed={ROUTE_ROLES.audit} title={t('nav.audit')}>
        <AuditHome />
      </ForRoles>
    );
  if (path === '/admin')
    return (
      <ForRoles session={session} allowed={ROUTE_ROLES.adminPage} title={t('nav.admin')}>
        <Admin />
      </ForRoles>
    );
  if (path === '/imports')
    return (
      <ForRoles session={session} allowed={ROUTE_ROLES.registryWrite} title={t('nav.imports')}>
        <ImportPage />
      </ForRoles>
    );
  if (path === '/transfer-batches')
    return (
      <ForRoles session={session} allowed={ROUTE_ROLES.caseOpen} title={t('nav.transferBatch')}>
        <TransferBatchPage />
      </ForRoles>
    );
  if (path === '/reports') return <Reports />;
  if (path === '/planning-reviews') return <PlanningReviews />;
  return null;
}

function Page({ session }: { session: Session }) {
  const { t } = useTranslation();
  const { path } = useLocation();
  const screen = screenAt(path, session, t);
  useScreenTitle(path, screen !== null);
  return screen ?? <NotFound session={session} path={path} />;
}

export function App() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const { path } = useLocation();
  const toggleLanguage = () => void i18n.changeLanguage(i18n.language === 'vi' ? 'en' : 'vi');
  const signOut = () => {
    setSession(null);
    queryClient.clear();
  };
  const navItem = (to: string, label: string) => (
    <li>
      <Link to={to} aria-current={path === to ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ★
          </span>{' '}
          cadreflow · {t('app.title')}
        </div>
        {session && (
          <nav aria-label={t('app.title')}>
            <ul>
              {can.inbox(session) &&
                navItem(registerFirst(session) ? '/inbox' : '/', t('nav.inbox'))}
              {can.openCase(session) && navItem('/cases/new', t('nav.openCase'))}
              {can.openDiscipline(session) &&
                navItem('/discipline-cases/new', t('nav.openDiscipline'))}
              {can.readPerson(session) && navItem('/cadres', t('nav.people'))}
              {can.register(session) && navItem('/discipline-records', t('nav.register'))}
              {can.readPerson(session) && navItem('/reports', t('nav.reports'))}
              {can.readPerson(session) && navItem('/planning-reviews', t('nav.planningReviews'))}
              {can.history(session) && navItem('/audit', t('nav.audit'))}
              {can.registryWrite(session) && navItem('/imports', t('nav.imports'))}
              {can.openCase(session) && navItem('/transfer-batches', t('nav.transferBatch'))}
              {can.adminPage(session) && navItem('/admin', t('nav.admin'))}
            </ul>
          </nav>
        )}
        <div className="who">
          {session && (
            <span>
              <SignedInAs session={session} />
            </span>
          )}
          <button type="button" className="link" onClick={toggleLanguage}>
            {t('app.language')}
          </button>
          {session && (
            <button type="button" className="link" onClick={signOut}>
              {t('app.signOut')}
            </button>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <ErrorBoundary resetKey={path}>
          {path === CALLBACK_PATH ? (
            <OidcCallback />
          ) : session ? (
            <Page session={session} />
          ) : (
            <SignIn />
          )}
        </ErrorBoundary>
      </main>
    </>
  );
}
