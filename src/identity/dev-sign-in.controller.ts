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

/** Lifetime of a development sign-in token: 8 hours (tokens may live at most 12). */
export const DEV_SIGN_IN_SECONDS = 8 * 3600;

export class DevSignInDto {
  @ApiProperty({ example: 'staff-1' })
  @IsString()
  @Length(1, 100)
  userId!: string;

  @ApiProperty({ example: ['organization_staff'], enum: ROLES, isArray: true })
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  roles!: string[];

  @ApiProperty({ example: 'ou-son-tay' })
  @IsString()
  @Length(1, 100)
  orgUnit!: string;

  @ApiPropertyOptional({ example: 'Cán bộ Ban Tổ chức' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
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

/** Demo users of the Sơn Tây demo registry (`npm run seed`), one per role, and one of another unit. */
export const DEMO_USERS: DemoUserDto[] = [
  {
    userId: 'staff-1',
    name: 'Cán bộ Ban Tổ chức',
    roles: ['organization_staff'],
    orgUnit: 'ou-son-tay',
  },
  {
    userId: 'secretary-1',
    name: 'Thư ký hội nghị',
    roles: ['ballot_secretary'],
    orgUnit: 'ou-son-tay',
  },
  { userId: 'leader-1', name: 'Lãnh đạo Thị ủy', roles: ['leadership'], orgUnit: 'ou-son-tay' },
  { userId: 'auditor-1', name: 'Thanh tra viên', roles: ['auditor'], orgUnit: 'ou-son-tay' },
  { userId: 'inspector-1', name: 'Ủy ban Kiểm tra', roles: ['inspector'], orgUnit: 'ou-son-tay' },
  { userId: 'admin-1', name: 'Quản trị hệ thống', roles: ['admin'], orgUnit: 'ou-ha-noi' },
  {
    userId: 'clerk-1',
    name: 'Văn thư lưu trữ',
    roles: ['organization_staff', 'records_clerk'],
    orgUnit: 'ou-son-tay',
  },
  {
    userId: 'staff-duong-lam',
    name: 'Cán bộ xã Đường Lâm',
    roles: ['organization_staff', 'auditor', 'inspector'],
    orgUnit: 'ou-duong-lam',
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
    summary: 'Development only (DEV_SIGN_IN=true): a token for a demo user, valid 8 hours',
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
