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
