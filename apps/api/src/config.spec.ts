import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('gives the defaults for an empty environment', () => {
    expect(loadConfig({})).toMatchObject({
      DATA_DIR: './data',
      PORT: 3000,
      DEMO_DATA: 'auto',
      DATABASE_URL: undefined,
    });
  });

  it('reads the values given, treating empty ones as unset', () => {
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://u@h:5432/db',
        PORT: '8080',
        DEMO_DATA: 'off',
        DATA_DIR: '',
      }),
    ).toMatchObject({
      DATABASE_URL: 'postgres://u@h:5432/db',
      PORT: 8080,
      DEMO_DATA: 'off',
      DATA_DIR: './data',
    });
  });

  it('refuses a wrong value with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres/,
    );
    expect(() => loadConfig({ DEMO_DATA: 'yes' })).toThrow(/DEMO_DATA must be auto or off/);
    expect(() => loadConfig({ DATABASE_OWNER_URL: 'postgres://owner@h/db' })).toThrow(
      /DATABASE_OWNER_URL needs DATABASE_URL/,
    );
  });
});
