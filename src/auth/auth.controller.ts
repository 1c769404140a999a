import { Body, Controller, Get, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/http/api-problem-responses.decorator';
import { AuthThrottlerGuard } from './auth-throttler.guard';
import { Authenticated, CurrentPrincipal, Public } from './auth.decorators';
import { MeResponseDto, TokenResponseDto, UserResponseDto } from './dto/auth-responses.dto';
import { LoginDto, RegisterDto } from './dto/credentials.dto';
import type { Principal } from './principal';
import { toCredentials, toMeResponse, toTokenResponse, toUserResponse } from './user.mapper';
import { UsersService } from './users.service';
import { CommonErrorCode } from '../common/problem/common-errors';
import { AuthErrorCode } from './auth-errors';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly users: UsersService) {}

  @Post('register')
  @Public()
  @UseGuards(AuthThrottlerGuard)
  @ApiOperation({ operationId: 'register', summary: 'Create a user account (role user)' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AuthErrorCode.EMAIL_TAKEN, CommonErrorCode.TOO_MANY_REQUESTS)
  async register(@Body() dto: RegisterDto): Promise<UserResponseDto> {
    return toUserResponse(await this.users.register(toCredentials(dto)));
  }

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(AuthThrottlerGuard)
  @ApiOperation({
    operationId: 'login',
    summary: 'Exchange email and password for a bearer access token',
    description: 'An unknown email and a wrong password get the same answer.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED, AuthErrorCode.INVALID_CREDENTIALS, CommonErrorCode.TOO_MANY_REQUESTS)
  async login(@Body() dto: LoginDto): Promise<TokenResponseDto> {
    return toTokenResponse(await this.users.login(toCredentials(dto)));
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ operationId: 'getMe', summary: 'The caller: user, how they authenticated, and their scopes' })
  @ApiOkResponse({ type: MeResponseDto })
  @ApiProblems(CommonErrorCode.VALIDATION_FAILED)
  async me(@CurrentPrincipal() principal: Principal): Promise<MeResponseDto> {
    return toMeResponse(await this.users.me(principal));
  }
}
