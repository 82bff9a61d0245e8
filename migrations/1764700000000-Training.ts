import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People to train, where they serve (effective-dated, so a move keeps the past), training courses
 * with attendance, and the training targets of a plan.
 */
export class Training1764700000000 implements MigrationInterface {
  name = 'Training1764700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE trainees (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        full_name text NOT NULL CHECK (full_name <> ''),
        full_name_folded text NOT NULL,
        -- null: membership of the Study Promotion Association not known
        association_member boolean,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX trainees_full_name_trgm_idx ON trainees USING gin (full_name_folded gin_trgm_ops)`,
    );
    await queryRunner.query(`
      CREATE TABLE trainee_postings (
        id serial PRIMARY KEY,
        trainee_id integer NOT NULL REFERENCES trainees (id),
        area_id integer NOT NULL REFERENCES areas (id),
        role text NOT NULL CHECK (role IN (
          'party_cell_secretary', 'hamlet_head', 'front_committee_head', 'commune_vice_chair',
          'culture_official', 'association_officer', 'association_member')),
        valid_from date NOT NULL,
        valid_to date,
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    // A person serves in one place at a time: a move closes the open posting first.
    await queryRunner.query(
      `CREATE UNIQUE INDEX trainee_postings_open_key ON trainee_postings (trainee_id) WHERE valid_to IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX trainee_postings_area_idx ON trainee_postings (area_id, valid_from)`,
    );
    await queryRunner.query(`
      CREATE TABLE training_courses (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        title text NOT NULL CHECK (title <> ''),
        topics text[] NOT NULL DEFAULT '{}',
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        venue text,
        organiser text NOT NULL CHECK (organiser <> ''),
        trainers text[] NOT NULL DEFAULT '{}',
        -- the area that runs the course: whoever is in scope of it may record it
        area_id integer NOT NULL REFERENCES areas (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on AND ends_on - starts_on < 30)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_courses_starts_idx ON training_courses (starts_on)`,
    );
    await queryRunner.query(`
      CREATE TABLE training_attendance (
        course_id integer NOT NULL REFERENCES training_courses (id) ON DELETE CASCADE,
        trainee_id integer NOT NULL REFERENCES trainees (id),
        days_attended smallint NOT NULL CHECK (days_attended BETWEEN 0 AND 30),
        PRIMARY KEY (course_id, trainee_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX training_attendance_trainee_idx ON training_attendance (trainee_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE training_targets (
        plan_id integer NOT NULL REFERENCES target_plans (id) ON DELETE CASCADE,
        trainee_group text NOT NULL CHECK (trainee_group IN ('association', 'hamlet_leaders', 'commune_officials')),
        floor numeric(5, 2) NOT NULL CHECK (floor > 0 AND floor <= 100),
        PRIMARY KEY (plan_id, trainee_group)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'training_targets',
      'training_attendance',
      'training_courses',
      'trainee_postings',
      'trainees',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
