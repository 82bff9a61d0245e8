import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@app/database';

export class CreateUserDto {
  @ApiProperty({ example: 'canbo.phubai' })
  @Matches(/^[a-z0-9_.-]{3,64}$/, {
    message: 'username: 3–64 ký tự thường không dấu, số, dấu chấm, gạch',
  })
  username: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan' })
  @IsString()
  @Length(1, 200, { message: 'displayName: cần họ tên' })
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'password: mật khẩu cần ít nhất 10 ký tự' })
  password: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: `role phải là một trong: ${ROLES.join(', ')}` })
  role: Role;

  @ApiPropertyOptional({
    description: 'Area code of the subtree; required except for a national admin',
  })
  @IsOptional()
  @IsString()
  scopeAreaCode?: string;
}
