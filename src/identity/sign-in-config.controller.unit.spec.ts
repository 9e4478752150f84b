import { loadConfig } from '../config/app-config';
import { SignInConfigController } from './sign-in-config.controller';

describe('GET /auth/config: how the web app signs in', () => {
  const answer = (env: Record<string, string>) =>
    new SignInConfigController(loadConfig(env)).signInConfig();

  it('names the OIDC provider and client when one is configured', () => {
    expect(
      answer({
        OIDC_ISSUER: 'https://id.example.gov.vn',
        OIDC_CLIENT_ID: 'cadreflow-web',
        OIDC_SCOPES: 'openid profile cadreflow',
        JWT_JWKS_URL: 'https://id.example.gov.vn/jwks',
      }),
    ).toEqual({
      oidc: {
        issuer: 'https://id.example.gov.vn',
        clientId: 'cadreflow-web',
        scopes: 'openid profile cadreflow',
      },
      devSignIn: false,
    });
  });

  it('offers the development sign-in only when it is switched on, never in production', () => {
    expect(answer({})).toEqual({ oidc: null, devSignIn: false });
    expect(answer({ DEV_SIGN_IN: 'true' })).toEqual({ oidc: null, devSignIn: true });
    expect(answer({ DEV_SIGN_IN: 'false', NODE_ENV: 'production' })).toEqual({
      oidc: null,
      devSignIn: false,
    });
  });
});
