import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreSchema1764400000000 implements MigrationInterface {
  name = 'CoreSchema1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await queryRunner.query(`
      CREATE TABLE areas (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        name text NOT NULL CHECK (name <> ''),
        name_folded text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'district', 'commune', 'hamlet')),
        type_label text NOT NULL CHECK (type_label <> ''),
        difficult boolean NOT NULL DEFAULT false,
        valid_from date NOT NULL,
        valid_to date,
        note text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (valid_to IS NULL OR valid_to >= valid_from)
      )`);
    // The parent of an area changes over time (a commune transferred to another district, every
    // commune re-parented to its province when districts were abolished) while the area keeps its
    // identity, so the link is effective-dated and never overlaps itself.
    await queryRunner.query(`
      CREATE TABLE area_parents (
        id serial PRIMARY KEY,
        area_id integer NOT NULL REFERENCES areas (id),
        parent_id integer NOT NULL REFERENCES areas (id),
        valid_from date NOT NULL,
        valid_to date,
        note text,
        CHECK (area_id <> parent_id),
        CHECK (valid_to IS NULL OR valid_to >= valid_from),
        EXCLUDE USING gist (area_id WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
      )`);
    await queryRunner.query(`CREATE INDEX area_parents_parent_idx ON area_parents (parent_id)`);
    await queryRunner.query(`
      CREATE TABLE area_successions (
        id serial PRIMARY KEY,
        predecessor_id integer NOT NULL REFERENCES areas (id),
        successor_id integer NOT NULL REFERENCES areas (id),
        effective_on date NOT NULL,
        change text NOT NULL CHECK (change IN ('merger', 'split', 'rename', 'upgrade')),
        note text,
        UNIQUE (predecessor_id, successor_id),
        CHECK (predecessor_id <> successor_id)
      )`);

    await queryRunner.query(`
      CREATE TABLE clans (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        name text NOT NULL CHECK (name <> ''),
        name_folded text NOT NULL,
        commune_id integer NOT NULL REFERENCES areas (id),
        head_name text,
        active_from date NOT NULL,
        deactivated_on date,
        deactivation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (deactivated_on IS NULL OR deactivated_on >= active_from)
      )`);
    await queryRunner.query(`CREATE INDEX clans_commune_idx ON clans (commune_id)`);

    await queryRunner.query(`
      CREATE TABLE households (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        head_name text NOT NULL CHECK (head_name <> ''),
        head_name_folded text NOT NULL,
        hamlet_id integer NOT NULL REFERENCES areas (id),
        clan_id integer REFERENCES clans (id),
        members smallint NOT NULL CHECK (members BETWEEN 1 AND 99),
        address text,
        active_from date NOT NULL,
        deactivated_on date,
        deactivation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (deactivated_on IS NULL OR deactivated_on >= active_from)
      )`);
    await queryRunner.query(`CREATE INDEX households_hamlet_idx ON households (hamlet_id)`);
    await queryRunner.query(`CREATE INDEX households_clan_idx ON households (clan_id)`);
    await queryRunner.query(
      `CREATE INDEX households_head_name_trgm_idx ON households USING gin (head_name_folded gin_trgm_ops)`,
    );

    await queryRunner.query(`
      CREATE TABLE units (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        name text NOT NULL CHECK (name <> ''),
        name_folded text NOT NULL,
        commune_id integer NOT NULL REFERENCES areas (id),
        category text NOT NULL
          CHECK (category IN ('school', 'agency', 'enterprise', 'health', 'cooperative', 'other')),
        head_name text,
        active_from date NOT NULL,
        deactivated_on date,
        deactivation_reason text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (deactivated_on IS NULL OR deactivated_on >= active_from)
      )`);
    await queryRunner.query(`CREATE INDEX units_commune_idx ON units (commune_id)`);

    await queryRunner.query(`
      CREATE TABLE criteria_sets (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        kind text NOT NULL CHECK (kind IN ('family', 'clan', 'community', 'unit')),
        name text NOT NULL,
        source_note text,
        localisable boolean NOT NULL DEFAULT true,
        scope_area_id integer REFERENCES areas (id),
        from_year smallint NOT NULL,
        to_year smallint,
        pass_threshold numeric(6, 1) NOT NULL CHECK (pass_threshold > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (to_year IS NULL OR to_year >= from_year)
      )`);
    await queryRunner.query(`
      CREATE TABLE criteria (
        id serial PRIMARY KEY,
        criteria_set_id integer NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        code text NOT NULL,
        title text NOT NULL,
        max_points numeric(6, 1) NOT NULL CHECK (max_points > 0),
        min_points numeric(6, 1) CHECK (min_points >= 0 AND min_points <= max_points),
        indicators jsonb NOT NULL DEFAULT '[]',
        UNIQUE (criteria_set_id, code),
        UNIQUE (criteria_set_id, position)
      )`);
    await queryRunner.query(`
      CREATE TABLE criteria_set_rules (
        id serial PRIMARY KEY,
        criteria_set_id integer NOT NULL REFERENCES criteria_sets (id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('member_families_recognised')),
        min_share numeric(5, 2) NOT NULL CHECK (min_share > 0 AND min_share <= 100),
        UNIQUE (criteria_set_id, type)
      )`);

    // One row per subject and year. The subject is one of four tables, so each gets its own
    // foreign key and a check ties the filled one to the kind.
    await queryRunner.query(`
      CREATE TABLE evaluations (
        id bigserial PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('family', 'clan', 'community', 'unit')),
        year smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        household_id integer REFERENCES households (id),
        clan_id integer REFERENCES clans (id),
        unit_id integer REFERENCES units (id),
        community_id integer REFERENCES areas (id),
        subject_id integer GENERATED ALWAYS AS (
          coalesce(household_id, clan_id, unit_id, community_id)
        ) STORED,
        criteria_set_id integer NOT NULL REFERENCES criteria_sets (id),
        registered boolean NOT NULL,
        scores jsonb NOT NULL DEFAULT '{}',
        total numeric(6, 1) NOT NULL DEFAULT 0,
        criteria_passed boolean NOT NULL,
        criteria_reasons jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'recognised')),
        decision_number text,
        decision_date date,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (num_nonnulls(household_id, clan_id, unit_id, community_id) = 1),
        CHECK (
          (kind = 'family' AND household_id IS NOT NULL)
          OR (kind = 'clan' AND clan_id IS NOT NULL)
          OR (kind = 'unit' AND unit_id IS NOT NULL)
          OR (kind = 'community' AND community_id IS NOT NULL)
        ),
        CHECK ((status = 'recognised') = (decision_number IS NOT NULL AND decision_date IS NOT NULL)),
        UNIQUE (kind, subject_id, year)
      )`);
    await queryRunner.query(
      `CREATE INDEX evaluations_household_idx ON evaluations (household_id, year) WHERE household_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX evaluations_kind_year_idx ON evaluations (kind, year) INCLUDE (subject_id, registered, status)`,
    );

    await queryRunner.query(`
      CREATE TABLE target_plans (
        id serial PRIMARY KEY,
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
        name text NOT NULL,
        source_note text,
        scope_area_id integer REFERENCES areas (id),
        milestone_year smallint NOT NULL CHECK (milestone_year BETWEEN 2000 AND 2100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // At most one plan per scope and milestone, so "the most specific plan" is never a tie.
    await queryRunner.query(
      `CREATE UNIQUE INDEX target_plans_scope_milestone_key ON target_plans (coalesce(scope_area_id, 0), milestone_year)`,
    );
    await queryRunner.query(`
      CREATE TABLE target_values (
        plan_id integer NOT NULL REFERENCES target_plans (id) ON DELETE CASCADE,
        variant text NOT NULL CHECK (variant IN ('standard', 'difficult')),
        kind text NOT NULL CHECK (kind IN ('family', 'clan', 'community', 'unit')),
        floor numeric(5, 2) NOT NULL CHECK (floor BETWEEN 0 AND 100),
        stretch numeric(5, 2) CHECK (stretch BETWEEN floor AND 100),
        PRIMARY KEY (plan_id, variant, kind)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'target_values',
      'target_plans',
      'evaluations',
      'criteria_set_rules',
      'criteria',
      'criteria_sets',
      'units',
      'households',
      'clans',
      'area_successions',
      'area_parents',
      'areas',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
