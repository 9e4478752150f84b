import { FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { setSession } from '../session';
import { ErrorBox, Loading } from '../components/common';
import { completeOidcSignIn, OidcSettings, startOidcSignIn } from '../oidc';
import { navigate, useLocation } from '../router';

interface DemoUser {
  userId: string;
  name: string;
  roles: string[];
  orgUnit: string;
}
const ROLES = [
  'organization_staff',
  'ballot_secretary',
  'leadership',
  'inspector',
  'auditor',
  'records_clerk',
  'admin',
];

interface SignInConfig {
  oidc: OidcSettings | null;
  devSignIn: boolean;
}

function useSignInConfig() {
  return useQuery({
    queryKey: ['sign-in-config'],
    queryFn: () => unwrap<SignInConfig>(api.GET('/auth/config')),
    staleTime: Infinity,
  });
}

/**
 * Sign-in: through the identity provider when the service names one (authorization code with
 * PKCE), and the development sign-in only when the service has it on (DEV_SIGN_IN=true).
 */
export function SignIn() {
  const { t } = useTranslation();
  const config = useSignInConfig();
  const { path, query } = useLocation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  if (config.isPending) return <Loading />;
  if (config.error) return <ErrorBox error={config.error} />;
  const { oidc, devSignIn } = config.data;
  if (!oidc && !devSignIn)
    return (
      <section className="card narrow">
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.off')}</p>
      </section>
    );
  const signInWithProvider = async () => {
    setBusy(true);
    setError(null);
    try {
      await startOidcSignIn(oidc!, path + (query.size ? `?${query}` : ''));
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return (
    <>
      {oidc && (
        <section className="card narrow" aria-labelledby="oidc-title">
          <h1 id="oidc-title">{t('signIn.title')}</h1>
          <p className="muted">{t('signIn.oidcNote', { issuer: new URL(oidc.issuer).host })}</p>
          <ErrorBox error={error} outcomeOfSubmit />
          <button type="button" disabled={busy} onClick={() => void signInWithProvider()}>
            {t('signIn.oidcSubmit')}
          </button>
        </section>
      )}
      {devSignIn && <DevSignIn />}
    </>
  );
}

/** Back from the identity provider: the code is exchanged, then on to the page the user was on. */
export function OidcCallback() {
  const { t } = useTranslation();
  const config = useSignInConfig();
  const [error, setError] = useState<unknown>(null);
  const oidc = config.data?.oidc;
  useEffect(() => {
    if (!oidc) return;
    completeOidcSignIn(oidc).then(
      ({ session, returnTo }) => {
        setSession(session);
        navigate(returnTo, true);
      },
      (e: unknown) => setError(e),
    );
  }, [oidc]);
  if (config.error) return <ErrorBox error={config.error} />;
  if (config.data && !oidc) return <ErrorBox error={new Error(t('signIn.noProvider'))} />;
  if (error)
    return (
      <section className="card narrow">
        <h1>{t('signIn.title')}</h1>
        <ErrorBox error={error} />
        <button type="button" onClick={() => navigate('/', true)}>
          {t('signIn.again')}
        </button>
      </section>
    );
  return <Loading />;
}

/** Development sign-in (DEV_SIGN_IN=true): pick a demo user and roles; the server mints the token. */
function DevSignIn() {
  const { t } = useTranslation();
  const info = useQuery({
    queryKey: ['dev-sign-in'],
    queryFn: () => unwrap<{ enabled: boolean; users: DemoUser[] }>(api.GET('/auth/dev-sign-in')),
  });
  const [userId, setUserId] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [orgUnit, setOrgUnit] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const users = info.data?.users ?? [];
  const pick = (id: string) => {
    const user = users.find((u) => u.userId === id);
    setUserId(id);
    if (user) {
      setRoles(user.roles);
      setOrgUnit(user.orgUnit);
    }
  };
  useEffect(() => {
    if (users.length && !userId) pick(users[0].userId);
  }, [users.length]);

  if (info.isPending) return <Loading />;
  if (info.error) return <ErrorBox error={info.error} />;
  if (!info.data.enabled)
    return (
      <section className="card narrow">
        <h1>{t('signIn.title')}</h1>
        <p>{t('signIn.off')}</p>
      </section>
    );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = users.find((u) => u.userId === userId);
      const name = user?.name ?? userId;
      const answer = await unwrap<{ token: string; expiresAt: string }>(
        api.POST('/auth/dev-sign-in', {
          body: { userId, roles: roles as never, orgUnit, name },
        }),
      );
      setSession({
        token: answer.token,
        expiresAt: answer.expiresAt,
        userId,
        name,
        roles,
        orgUnit,
        via: 'dev',
      });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card narrow">
      <h1>{t('signIn.devTitle')}</h1>
      <p className="muted">{t('signIn.devNote')}</p>
      <form onSubmit={submit}>
        <div className="field">
          <label htmlFor="dev-user">{t('signIn.user')}</label>
          <select id="dev-user" value={userId} onChange={(e) => pick(e.target.value)}>
            {users.map((user) => (
              <option key={user.userId} value={user.userId}>
                {user.name} ({user.userId}, {user.orgUnit})
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('signIn.roles')}</legend>
          {ROLES.map((role) => (
            <label key={role} className="check">
              <input
                type="checkbox"
                name="role"
                value={role}
                checked={roles.includes(role)}
                onChange={(e) =>
                  setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))
                }
              />{' '}
              {t(`roles.${role}`)}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="dev-unit">{t('signIn.orgUnit')}</label>
          <input id="dev-unit" value={orgUnit} onChange={(e) => setOrgUnit(e.target.value)} />
        </div>
        <ErrorBox error={error} outcomeOfSubmit />
        <button type="submit" disabled={busy || roles.length === 0 || !orgUnit}>
          {t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}
