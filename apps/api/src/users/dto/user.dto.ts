import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';
import { ROLES, type Role } from '@app/domain';
import { PageQuery } from '../../common/paging.js';
import { toBoolean } from '../../common/query.js';

export const USERNAME_PATTERN = /^[a-z0-9_.-]{3,64}$/;

export class UsernameParams {
  @ApiProperty({ example: 'canbo.phubai' })
  @Matches(USERNAME_PATTERN, { message: 'username: không có tài khoản này' })
  username: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Text in the username or the name; accents optional' })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'q: tối đa 100 ký tự' })
  q?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ description: 'Only active (true) or deactivated (false) accounts' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'active phải là true hoặc false' })
  active?: boolean;
}

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.phubai' })
  @Matches(USERNAME_PATTERN, {
    message: 'username: 3–64 ký tự thường không dấu, số, dấu chấm, gạch',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(1, 200, { message: 'displayName: cần họ tên' })
  displayName: string;

  @ApiProperty({ minLength: 10, description: 'The first password; its holder must change it' })
  @IsString()
  @Length(1, 200, { message: 'password: cần mật khẩu ban đầu (tối đa 200 ký tự)' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description:
      "Area code of the subtree, inside the creator's own; omitted only for a national administrator",
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  scopeAreaCode?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Lan' })
  @IsOptional()
  @IsString()
  @Length(1, 200, { message: 'displayName: cần họ tên' })
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({
    nullable: true,
    description: 'Area code of the new subtree; null makes a national administrator',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @Length(1, 64)
  scopeAreaCode?: string | null;
}

export class DeactivateUserDto {
  @ApiProperty({ example: 'Chuyển công tác' })
  @IsString()
  @Length(3, 500, { message: 'reason: cần lý do (3–500 ký tự)' })
  reason: string;
}
