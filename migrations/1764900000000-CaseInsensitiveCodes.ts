import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every table whose code a person chooses, and the scope a code is unique in. */
const TABLES: { table: string; scope?: string }[] = [
  { table: 'areas' },
  { table: 'households' },
  { table: 'clans' },
  { table: 'units' },
  { table: 'criteria_sets' },
  { table: 'criteria', scope: 'criteria_set_id' },
  { table: 'target_plans' },
  { table: 'trainees' },
  { table: 'training_courses' },
];

const keyOf = (scope?: string) => (scope ? `${scope}, lower(code)` : 'lower(code)');

/**
 * Codes are unique regardless of case: "HT-PB-1" and "ht-pb-1" would be one household on paper
 * and in every workbook, but two rows here. A database that already holds such pairs stops the
 * migration with the list, to be merged or renamed by hand, rather than losing either row.
 */
export class CaseInsensitiveCodes1764900000000 implements MigrationInterface {
  name = 'CaseInsensitiveCodes1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const clashes: string[] = [];
    for (const { table, scope } of TABLES) {
      const rows = (await queryRunner.query(
        `SELECT string_agg(code, ', ' ORDER BY code) AS codes FROM ${table}
          GROUP BY ${keyOf(scope)} HAVING count(*) > 1`,
      )) as { codes: string }[];
      clashes.push(...rows.map((row) => `${table}: ${row.codes}`));
    }
    if (clashes.length > 0) {
      throw new Error(
        `Codes that differ only in case must be resolved first:\n${clashes.join('\n')}`,
      );
    }
    for (const { table, scope } of TABLES) {
      await queryRunner.query(
        `CREATE UNIQUE INDEX ${table}_code_ci_key ON ${table} (${keyOf(scope)})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of TABLES) {
      await queryRunner.query(`DROP INDEX ${table}_code_ci_key`);
    }
  }
}
