import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SessionUser, SessionView } from '@app/contracts';
import { AuthService } from './auth.service.js';
import { BeforePasswordChange, CurrentUser, Public } from './decorators.js';
import { ChangePasswordDto, LoginDto } from './dto/login.dto.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto): Promise<SessionView> {
    return this.auth.login(dto);
  }

  /** The signed-in account as it stands now. */
  @Get('me')
  @ApiBearerAuth()
  @BeforePasswordChange()
  me(@CurrentUser() user: Principal): Promise<SessionUser> {
    return this.auth.me(user);
  }

  /** Changes one's own password; other sessions end, this one goes on with the token returned. */
  @Post('password')
  @HttpCode(200)
  @ApiBearerAuth()
  @BeforePasswordChange()
  changePassword(
    @Body() dto: ChangePasswordDto,
    @CurrentUser() user: Principal,
  ): Promise<SessionView> {
    return this.auth.changePassword(user, dto);
  }
}
