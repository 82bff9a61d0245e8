import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@app/database';
import { IsCode, IsVisibleText, Optional } from '../../common/rules.js';

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.phubai' })
  @Matches(/^[a-z0-9_.-]{3,64}$/, {
    message: 'username: 3–64 ký tự thường không dấu, số, dấu chấm, gạch',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsVisibleText({ max: 200, what: 'họ tên' })
  displayName: string;

  // Spaces may be part of a passphrase, but a password of spaces or control characters is no secret.
  @ApiProperty({ minLength: 10 })
  @IsVisibleText({ max: 200, what: 'mật khẩu' })
  @Length(10, 200, { message: 'password: mật khẩu cần ít nhất 10 ký tự' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description: 'Area code of the subtree; required except for a national admin',
  })
  @Optional()
  @IsCode()
  scopeAreaCode?: string;
}
