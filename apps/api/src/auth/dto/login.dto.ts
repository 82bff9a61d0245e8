import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

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

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(1, 200, { message: 'newPassword: cần mật khẩu mới (tối đa 200 ký tự)' })
  newPassword: string;
}
