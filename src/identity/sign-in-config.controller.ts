import { Controller, Get, Inject } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { Public } from './public.decorator';

export class OidcSignInDto {
  @ApiProperty({
    example: 'https://id.example.gov.vn/realms/cadre',
    description: 'the provider (OIDC_ISSUER)',
  })
  issuer!: string;
  @ApiProperty({
    example: 'cadreflow-web',
    description: "the web app's public client id (OIDC_CLIENT_ID)",
  })
  clientId!: string;
  @ApiProperty({ example: 'openid profile', description: 'scopes to ask for (OIDC_SCOPES)' })
  scopes!: string;
}

export class SignInConfigDto {
  @ApiPropertyOptional({
    type: OidcSignInDto,
    nullable: true,
    description:
      'the identity provider to sign in with (authorization code + PKCE); null when none is configured',
  })
  oidc!: OidcSignInDto | null;
  @ApiProperty({
    description: 'is the development sign-in on (DEV_SIGN_IN=true, never in production)',
  })
  devSignIn!: boolean;
}

/** How the web app signs in: the public part of the configuration, read before anyone is signed in. */
@ApiTags('auth')
@Controller('auth')
export class SignInConfigController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get('config')
  @ApiOperation({
    summary:
      'How to sign in: the OIDC provider and client, and whether the development sign-in is on',
  })
  @ApiOkResponse({ type: SignInConfigDto })
  // Public, but a token in the URL (401), an unknown-unit rule (403) and the rate limit still apply.
  @ApiProblems(401, 403, 429)
  signInConfig(): SignInConfigDto {
    const { OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_SCOPES } = this.config;
    return {
      oidc:
        OIDC_ISSUER && OIDC_CLIENT_ID
          ? { issuer: OIDC_ISSUER, clientId: OIDC_CLIENT_ID, scopes: OIDC_SCOPES }
          : null,
      devSignIn: this.config.DEV_SIGN_IN === 'true' && this.config.NODE_ENV !== 'production',
    };
  }
}
