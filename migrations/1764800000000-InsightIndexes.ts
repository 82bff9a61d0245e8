import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insight queries at province scale: the year's failures of a kind from a small partial
 * index, and the counts per status and result from the kind-and-year index alone.
 */
export class InsightIndexes1764800000000 implements MigrationInterface {
  name = 'InsightIndexes1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX evaluations_failed_idx ON evaluations (kind, year, subject_id)
        WHERE registered AND NOT criteria_passed`,
    );
    await queryRunner.query(`DROP INDEX evaluations_kind_year_idx`);
    await queryRunner.query(
      `CREATE INDEX evaluations_kind_year_idx ON evaluations (kind, year)
        INCLUDE (subject_id, registered, status, criteria_passed)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX evaluations_failed_idx`);
    await queryRunner.query(`DROP INDEX evaluations_kind_year_idx`);
    await queryRunner.query(
      `CREATE INDEX evaluations_kind_year_idx ON evaluations (kind, year) INCLUDE (subject_id, registered, status)`,
    );
  }
}
