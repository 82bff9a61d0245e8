import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsVisibleText } from '../../common/rules.js';

export class LoginDto {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64, { message: 'username: cần tên đăng nhập' })
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200, { message: 'password: cần mật khẩu' })
  password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ description: 'The password in use, to confirm who asks' })
  @IsString()
  @Length(1, 200, { message: 'currentPassword: cần mật khẩu đang dùng' })
  currentPassword: string;

  // Its length and content are the domain's rule, checked by the service.
  @ApiProperty({ minLength: 10 })
  @IsVisibleText({ max: 200, what: 'mật khẩu mới' })
  newPassword: string;
}
