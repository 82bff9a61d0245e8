import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

export class AppConfig {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /**
   * The owner of the tables, who runs the migrations; requests are then served by DATABASE_URL's
   * role, which may only append to the audit trail. Unset: DATABASE_URL does both.
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_OWNER_URL must be a postgres:// URL' })
  DATABASE_OWNER_URL?: string;

  @IsString()
  DATA_DIR: string = './data';

  @Transform(({ value }) => (value === undefined ? 3000 : Number(value)))
  @IsInt({ message: 'PORT must be a whole number' })
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  /** `auto` seeds the demo of thị xã Hương Thủy when the database holds no area yet. */
  @IsIn(['auto', 'off'], { message: 'DEMO_DATA must be auto or off' })
  DEMO_DATA: 'auto' | 'off' = 'auto';

  /** Signs access tokens; when unset a random one is made at start, so tokens end with the process. */
  @IsOptional()
  @IsString()
  @Length(32, 512, { message: 'JWT_SECRET must be 32 characters or more' })
  JWT_SECRET?: string;

  /** The password of the first administrator, created when there is no user yet. */
  @IsOptional()
  @IsString()
  @Length(10, 200, { message: 'ADMIN_PASSWORD must be 10 characters or more' })
  ADMIN_PASSWORD?: string;

  /** Origins allowed to call the API from a browser, comma-separated; none by default. */
  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once at start; the process refuses to start when it is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const problems = validateSync(config, { whitelist: true }).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );
  if (config.DATABASE_OWNER_URL && !config.DATABASE_URL)
    problems.push('DATABASE_OWNER_URL needs DATABASE_URL, the role that serves requests');
  if (problems.length > 0)
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  return config;
}
