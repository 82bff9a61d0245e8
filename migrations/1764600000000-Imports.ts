import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A record of every applied import: who, when, which file, and what it changed. */
export class Imports1764600000000 implements MigrationInterface {
  name = 'Imports1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE imports (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        what text NOT NULL,
        area_id integer NOT NULL REFERENCES areas (id),
        year smallint,
        file_name text NOT NULL,
        checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),
        rows integer NOT NULL,
        created integer NOT NULL,
        updated integer NOT NULL,
        unchanged integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX imports_area_idx ON imports (area_id, at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE imports`);
  }
}
