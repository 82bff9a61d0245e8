import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PasswordResetView, UserView } from '@app/contracts';
import { CurrentUser, Roles } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import type { Page } from '../common/paging.js';
import {
  CreateUserDto,
  DeactivateUserDto,
  UpdateUserDto,
  UsernameParams,
  UserQuery,
} from './dto/user.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  /** The accounts inside the administrator's scope, a page at a time. */
  @Get()
  list(@Query() query: UserQuery, @CurrentUser() user: Principal): Promise<Page<UserView>> {
    return this.users.list(query, user);
  }

  @Get(':username')
  get(@Param() params: UsernameParams, @CurrentUser() user: Principal): Promise<UserView> {
    return this.users.get(params.username, user);
  }

  @Post()
  create(@Body() dto: CreateUserDto, @CurrentUser() user: Principal): Promise<UserView> {
    return this.users.create(dto, user);
  }

  @Patch(':username')
  update(
    @Param() params: UsernameParams,
    @Body() dto: UpdateUserDto,
    @CurrentUser() user: Principal,
  ): Promise<UserView> {
    return this.users.update(params.username, dto, user);
  }

  /** Locks the account; its sessions end at once. */
  @Post(':username/deactivation')
  @HttpCode(200)
  deactivate(
    @Param() params: UsernameParams,
    @Body() dto: DeactivateUserDto,
    @CurrentUser() user: Principal,
  ): Promise<UserView> {
    return this.users.deactivate(params.username, dto, user);
  }

  @Post(':username/reactivation')
  @HttpCode(200)
  reactivate(@Param() params: UsernameParams, @CurrentUser() user: Principal): Promise<UserView> {
    return this.users.reactivate(params.username, user);
  }

  /** A generated password, shown once in the answer; its holder must change it at sign-in. */
  @Post(':username/password-reset')
  @HttpCode(200)
  resetPassword(
    @Param() params: UsernameParams,
    @CurrentUser() user: Principal,
  ): Promise<PasswordResetView> {
    return this.users.resetPassword(params.username, user);
  }
}
