import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessWorkflowAudit1764500000000 implements MigrationInterface {
  name = 'AccessWorkflowAudit1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,64}$'),
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'officer', 'reviewer', 'viewer')),
        -- NULL: the whole country; otherwise the subtree of this area.
        scope_area_id integer REFERENCES areas (id),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (role = 'admin' OR scope_area_id IS NOT NULL)
      )`);

    await queryRunner.query(`ALTER TABLE evaluations DROP CONSTRAINT evaluations_status_check`);
    await queryRunner.query(`
      ALTER TABLE evaluations ADD CONSTRAINT evaluations_status_check
        CHECK (status IN ('draft', 'submitted', 'approved', 'recognised'))`);
    await queryRunner.query(`ALTER TABLE evaluations ADD COLUMN review_comment text`);
    await queryRunner.query(`CREATE INDEX evaluations_status_idx ON evaluations (year, status)`);

    await queryRunner.query(`
      CREATE TABLE year_locks (
        area_id integer NOT NULL REFERENCES areas (id),
        year smallint NOT NULL,
        locked_at timestamptz NOT NULL DEFAULT now(),
        locked_by text NOT NULL,
        PRIMARY KEY (area_id, year)
      )`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor text NOT NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_code text,
        year smallint,
        reason text,
        before jsonb,
        after jsonb
      )`);
    await queryRunner.query(
      `CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_code, at)`,
    );
    // The trail is evidence: the database itself refuses to change or remove what it recorded.
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
    await queryRunner.query(`DROP TABLE year_locks`);
    await queryRunner.query(`DROP INDEX evaluations_status_idx`);
    await queryRunner.query(`ALTER TABLE evaluations DROP COLUMN review_comment`);
    await queryRunner.query(
      `UPDATE evaluations SET status = 'draft' WHERE status IN ('submitted', 'approved')`,
    );
    await queryRunner.query(`ALTER TABLE evaluations DROP CONSTRAINT evaluations_status_check`);
    await queryRunner.query(`
      ALTER TABLE evaluations ADD CONSTRAINT evaluations_status_check CHECK (status IN ('draft', 'recognised'))`);
    await queryRunner.query(`DROP TABLE users`);
  }
}
