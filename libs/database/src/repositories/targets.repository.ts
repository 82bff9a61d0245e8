import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import {
  MODEL_KINDS,
  TRAINEE_GROUPS,
  type TargetPlan,
  type TargetPlanValue,
  type TrainingTargetValue,
} from '@app/domain';
import { TargetPlanEntity, TargetValueEntity } from '../entities/index.js';

export interface TargetPlanView extends TargetPlan {
  sourceNote: string | null;
}

export interface TargetPlanInput {
  code: string;
  name: string;
  sourceNote: string | null;
  scopeAreaId: number | null;
  milestoneYear: number;
  values: TargetPlanValue[];
  training: TrainingTargetValue[];
}

/** An SQL array of the names, in their order. */
const sqlList = (names: readonly string[]) =>
  `ARRAY[${names.map((name) => `'${name}'`).join(',')}]`;

/**
 * The plans over alias `p` meeting `where`, with their values and training targets, in the order
 * `resolveTargets` breaks ties by.
 */
export function planRows(where: string): string {
  return `SELECT p.code, p.name, p.source_note AS "sourceNote", a.code AS "scopeAreaCode",
              p.milestone_year AS "milestoneYear",
              coalesce(json_agg(json_build_object(
                'variant', v.variant, 'kind', v.kind,
                'floor', v.floor::float8, 'stretch', v.stretch::float8)
                ORDER BY v.variant DESC, array_position(${sqlList(MODEL_KINDS)}, v.kind))
                FILTER (WHERE v.plan_id IS NOT NULL), '[]') AS values,
              (SELECT coalesce(json_agg(json_build_object('group', t.trainee_group, 'floor', t.floor::float8)
                        ORDER BY array_position(${sqlList(TRAINEE_GROUPS)}, t.trainee_group)), '[]')
                 FROM training_targets t WHERE t.plan_id = p.id) AS training
         FROM target_plans p
         LEFT JOIN areas a ON a.id = p.scope_area_id
         LEFT JOIN target_values v ON v.plan_id = p.id
        WHERE ${where}
        GROUP BY p.id, a.code
        ORDER BY p.milestone_year, p.code`;
}

@Injectable()
export class TargetsRepository {
  constructor(private readonly db: Db) {}

  async list(): Promise<TargetPlanView[]> {
    return this.db.rows(planRows('TRUE'));
  }

  /** Inserts or replaces the plan with this code, values included. */
  async upsert(plan: TargetPlanInput): Promise<'created' | 'updated'> {
    const plans = this.db.manager.getRepository(TargetPlanEntity);
    const existing = await plans.findOne({
      where: { code: plan.code },
      lock: { mode: 'pessimistic_write' },
    });
    let planId: number;
    if (existing) {
      await plans.update(existing.id, {
        name: plan.name,
        sourceNote: plan.sourceNote,
        scopeAreaId: plan.scopeAreaId,
        milestoneYear: plan.milestoneYear,
      });
      await this.db.manager.getRepository(TargetValueEntity).delete({ planId: existing.id });
      planId = existing.id;
    } else {
      const saved = await plans.save(
        plans.create({
          code: plan.code,
          name: plan.name,
          sourceNote: plan.sourceNote,
          scopeAreaId: plan.scopeAreaId,
          milestoneYear: plan.milestoneYear,
        }),
      );
      planId = saved.id;
    }
    if (plan.values.length > 0) {
      await this.db.manager
        .getRepository(TargetValueEntity)
        .insert(plan.values.map((value) => ({ planId, ...value })));
    }
    await this.db.rows(`DELETE FROM training_targets WHERE plan_id = $1`, [planId]);
    await this.db.rows(
      `INSERT INTO training_targets (plan_id, trainee_group, floor)
       SELECT $1::int, * FROM unnest($2::text[], $3::numeric[])`,
      [planId, plan.training.map((t) => t.group), plan.training.map((t) => t.floor)],
    );
    return existing ? 'updated' : 'created';
  }

  /** The scope of the plan with this code: undefined when there is none, null when national. */
  async scopeOf(code: string): Promise<number | null | undefined> {
    const rows: { scopeAreaId: number | null }[] = await this.db.rows(
      `SELECT scope_area_id AS "scopeAreaId" FROM target_plans WHERE code = $1`,
      [code],
    );
    return rows[0]?.scopeAreaId;
  }

  async findConflicting(
    scopeAreaId: number | null,
    milestoneYear: number,
    code: string,
  ): Promise<string | null> {
    const rows: { code: string }[] = await this.db.rows(
      `SELECT code FROM target_plans
        WHERE coalesce(scope_area_id, 0) = coalesce($1::integer, 0) AND milestone_year = $2 AND code <> $3`,
      [scopeAreaId, milestoneYear, code],
    );
    return rows[0]?.code ?? null;
  }
}
