import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { ApiProblems } from '../common/openapi/api-problems.decorator';
import { ArrayMaxSize, ArrayMinSize, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../infrastructure/app-config.token';
import { ROLES } from './actor';
import { JWT_VERIFIER, JwtVerifier } from './jwt-verifier';
import { Public } from './public.decorator';
import { HasText } from '../common/input/has-text.decorator';

/** Lifetime of a development sign-in token: 8 hours (tokens may live at most 12). */
export const DEV_SIGN_IN_SECONDS = 8 * 3600;

export class DevSignInDto {
  @ApiProperty({ example: 'staff-1' })
  @IsString()
  @Length(1, 100)
  @HasText()
  userId!: string;

  @ApiProperty({ example: ['organization_staff'], enum: ROLES, isArray: true })
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  roles!: string[];

  @ApiProperty({ example: 'ou-ha-noi' })
  @IsString()
  @Length(1, 100)
  @HasText()
  orgUnit!: string;

  @ApiPropertyOptional({ example: 'Cán bộ Ban Tổ chức' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @HasText()
  name?: string;
}

export class DevSignInAnswerDto {
  @ApiProperty() token!: string;
  @ApiProperty({ description: 'expiry, ISO time' }) expiresAt!: string;
}

export class DemoUserDto {
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ isArray: true, enum: ROLES }) roles!: string[];
  @ApiProperty() orgUnit!: string;
}

export class DevSignInInfoDto {
  @ApiProperty({ description: 'is the development sign-in switched on (DEV_SIGN_IN=true)' })
  enabled!: boolean;
  @ApiProperty({ type: [DemoUserDto] }) users!: DemoUserDto[];
}

/**
 * Demo users of the Hà Nội demo registry (`npm run seed`): one per role at the city (its Party
 * committee's organization and inspection staff, the People's Committee, auditors), and one of a
 * commune, who sees none of the city's cases.
 */
export const DEMO_USERS: DemoUserDto[] = [
  {
    userId: 'staff-1',
    name: 'Cán bộ Ban Tổ chức Thành ủy',
    roles: ['organization_staff'],
    orgUnit: 'ou-ha-noi',
  },
  {
    userId: 'secretary-1',
    name: 'Thư ký hội nghị',
    roles: ['ballot_secretary'],
    orgUnit: 'ou-ha-noi',
  },
  { userId: 'leader-1', name: 'Lãnh đạo Thành ủy', roles: ['leadership'], orgUnit: 'ou-ha-noi' },
  { userId: 'auditor-1', name: 'Thanh tra viên', roles: ['auditor'], orgUnit: 'ou-ha-noi' },
  {
    userId: 'inspector-1',
    name: 'Ủy ban Kiểm tra Thành ủy',
    roles: ['inspector'],
    orgUnit: 'ou-ha-noi',
  },
  { userId: 'admin-1', name: 'Quản trị hệ thống', roles: ['admin'], orgUnit: 'ou-ha-noi' },
  {
    userId: 'clerk-1',
    name: 'Văn thư lưu trữ',
    roles: ['organization_staff', 'records_clerk'],
    orgUnit: 'ou-ha-noi',
  },
  {
    userId: 'staff-doai-phuong',
    name: 'Cán bộ xã Đoài Phương',
    roles: ['organization_staff', 'auditor', 'inspector'],
    orgUnit: 'ou-xa-doai-phuong',
  },
];

/**
 * Development sign-in: without an identity provider, pick a demo user and roles and get a
 * short-lived token. Answers 404 unless DEV_SIGN_IN=true (refused at start when NODE_ENV=production).
 */
@ApiTags('auth')
@Controller('auth')
export class DevSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  private enabled(): boolean {
    return this.config.DEV_SIGN_IN === 'true' && this.config.NODE_ENV !== 'production';
  }

  @Public()
  @Get('dev-sign-in')
  @ApiOperation({ summary: 'Whether the development sign-in is on, and its demo users' })
  @ApiOkResponse({ type: DevSignInInfoDto })
  // Public, but a token in the URL (401), an unknown-unit rule (403) and the rate limit still apply.
  @ApiProblems(401, 403, 429)
  info(): DevSignInInfoDto {
    return { enabled: this.enabled(), users: this.enabled() ? DEMO_USERS : [] };
  }

  @Public()
  @Post('dev-sign-in')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Development only (DEV_SIGN_IN=true, never in production): a token for any user id, roles and unit the body names, valid 8 hours',
    description:
      'Nothing is checked against a directory: the token carries the userId, roles, orgUnit and name sent (the demo users of GET /auth/dev-sign-in are only suggestions). Off, it answers 404.',
  })
  @ApiOkResponse({ type: DevSignInAnswerDto })
  @ApiProblems(400, 401, 403, 413, 429)
  signIn(@Body() dto: DevSignInDto): DevSignInAnswerDto {
    if (!this.enabled())
      throw new NotFoundException('the development sign-in is off (set DEV_SIGN_IN=true)');
    const token = this.verifier.sign(
      {
        userId: dto.userId,
        roles: dto.roles,
        orgUnit: dto.orgUnit,
        ...(dto.name ? { name: dto.name } : {}),
      },
      DEV_SIGN_IN_SECONDS,
    );
    return {
      token,
      expiresAt: new Date(Date.now() + DEV_SIGN_IN_SECONDS * 1000).toISOString(),
    };
  }
}
