import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts whose tokens end when they change, and an audit trail read within the reader's scope:
 * each row names the area whose scope governs it. Rows written before are placed from what they
 * name, with the append-only trigger set aside for that one statement by the owner.
 */
export class AccountsAuditScope1765000000000 implements MigrationInterface {
  name = 'AccountsAuditScope1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users
        -- Tokens carry the version they were issued at; a change of role, scope, password or
        -- state bumps it, and every earlier token is refused from the next request.
        ADD COLUMN token_version integer NOT NULL DEFAULT 1,
        -- A generated password (the first administrator's, a reset) must be changed at sign-in.
        ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
        -- Accounts are found by name typed without accents; names are stored NFC, so folding the
        -- Vietnamese letters one by one is exact, and lower() then meets ASCII only.
        ADD COLUMN display_name_folded text GENERATED ALWAYS AS (lower(translate(display_name,
          'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ',
          'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyydAAAAAAAAAAAAAAAAAEEEEEEEEEEEIIIIIOOOOOOOOOOOOOOOOOUUUUUUUUUUUYYYYYD'))) STORED`);

    await queryRunner.query(
      `ALTER TABLE audit_log ADD COLUMN area_id integer REFERENCES areas (id)`,
    );
    await queryRunner.query(`CREATE INDEX audit_log_area_idx ON audit_log (area_id, at)`);
    await queryRunner.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
    await queryRunner.query(`
      UPDATE audit_log l SET area_id = CASE
          WHEN l.entity IN ('household', 'evaluation.family')
            THEN (SELECT h.hamlet_id FROM households h WHERE h.code = l.entity_code)
          WHEN l.entity IN ('clan', 'evaluation.clan')
            THEN (SELECT c.commune_id FROM clans c WHERE c.code = l.entity_code)
          WHEN l.entity IN ('unit', 'evaluation.unit')
            THEN (SELECT u.commune_id FROM units u WHERE u.code = l.entity_code)
          WHEN l.entity IN ('area', 'year', 'evaluation.community')
            THEN (SELECT a.id FROM areas a WHERE a.code = l.entity_code)
          WHEN l.entity = 'user'
            THEN (SELECT u.scope_area_id FROM users u WHERE u.username = l.entity_code)
          WHEN l.entity = 'trainee'
            THEN (SELECT p.area_id FROM trainees t JOIN trainee_postings p ON p.trainee_id = t.id
                   WHERE t.code = l.entity_code ORDER BY p.valid_from DESC LIMIT 1)
          WHEN l.entity = 'course'
            THEN (SELECT c.area_id FROM training_courses c WHERE c.code = l.entity_code)
          WHEN l.entity = 'criteria-set'
            THEN (SELECT s.scope_area_id FROM criteria_sets s WHERE s.code = l.entity_code)
          WHEN l.entity = 'target-plan'
            THEN (SELECT p.scope_area_id FROM target_plans p WHERE p.code = l.entity_code)
        END`);
    await queryRunner.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX audit_log_area_idx`);
    await queryRunner.query(`ALTER TABLE audit_log DROP COLUMN area_id`);
    await queryRunner.query(
      `ALTER TABLE users DROP COLUMN token_version, DROP COLUMN must_change_password,
         DROP COLUMN display_name_folded`,
    );
  }
}
