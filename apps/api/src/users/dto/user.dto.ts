import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, Matches } from 'class-validator';
import { ROLES, type Role } from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { toBoolean } from '../../common/query.js';
import { IsCode, IsVisibleText, Optional, OptionalNullable } from '../../common/rules.js';

export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;

export class UsernameParams {
  @ApiProperty({ example: 'canbo.phubai', pattern: USERNAME_PATTERN.source })
  @Matches(USERNAME_PATTERN, { message: 'username: không có tài khoản này' })
  username: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in the username or the name; accents optional' })
  @Optional()
  @IsVisibleText({ max: 100, what: 'chữ cần tìm' })
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) accounts' })
  @Optional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'active phải là true hoặc false' })
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.phubai', pattern: USERNAME_PATTERN.source })
  @Matches(USERNAME_PATTERN, {
    message: 'username: 3–64 ký tự thường không dấu, số, dấu chấm, gạch',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsVisibleText({ max: 200, what: 'họ tên' })
  displayName: string;

  // Spaces may be part of a passphrase, but a password of spaces or control characters is no
  // secret; its length and content are the domain's rule, checked by the service.
  @ApiProperty({ minLength: 10, description: 'The first password; its holder must change it' })
  @IsVisibleText({ max: 200, what: 'mật khẩu ban đầu' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description:
      "Area code of the subtree, inside the creator's own; omitted only for a national administrator",
  })
  @Optional()
  @IsCode()
  scopeAreaCode?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Lan' })
  @Optional()
  @IsVisibleText({ max: 200, what: 'họ tên' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @Optional()
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    type: 'string',
    nullable: true,
    description: 'Area code of the new subtree; null makes a national administrator',
  })
  @OptionalNullable()
  @IsCode()
  scopeAreaCode?: string | null;
}

export class DeactivateUserDto {
  @ApiProperty({ example: 'Chuyển công tác' })
  @IsVisibleText({ max: 500, min: 3, multiline: true, what: 'lý do' })
  reason: string;
}
