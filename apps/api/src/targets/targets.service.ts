import { Injectable } from '@nestjs/common';
import { Db, TargetsRepository, yearEnd, type TargetPlanView } from '@app/database';
import { normalizeText, resolveTargets, scopeRank, validateTargetPlan } from '@app/domain';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException, UnprocessableException } from '../common/app.exception.js';
import type { PutTargetPlanDto, ResolvedTargetsView, TargetQuery } from './dto/target.dto.js';

export class TargetPlanConflictException extends UnprocessableException {
  constructor(existing: string) {
    super(
      'TARGET_PLAN_CONFLICT',
      `milestoneYear: địa bàn này đã có kế hoạch "${existing}" cho cùng mốc năm; hãy sửa kế hoạch đó`,
      [
        {
          field: 'milestoneYear',
          code: 'TARGET_PLAN_CONFLICT',
          message: `Đã có kế hoạch "${existing}"`,
        },
      ],
    );
  }
}

@Injectable()
export class TargetsService {
  constructor(
    private readonly db: Db,
    private readonly targets: TargetsRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async query(query: TargetQuery): Promise<TargetPlanView[] | ResolvedTargetsView> {
    if (!query.area) return this.targets.list();
    const year = query.year ?? new Date().getFullYear();
    const area = await this.areas.context(query.area, 'area', yearEnd(year));
    const codes = area.ancestry.map((a) => a.code);
    const plans = await this.targets.list();
    return {
      area: { code: area.code, name: area.name, difficult: area.difficult },
      year,
      targets: resolveTargets(plans, year, { chain: codes, difficult: area.difficult }),
      plans: plans.filter((plan) => scopeRank(plan.scopeAreaCode, codes) !== null),
    };
  }

  async put(
    dto: PutTargetPlanDto,
    user: Principal,
  ): Promise<{ result: 'created' | 'updated'; plan: TargetPlanView }> {
    const values = dto.values.map((value) => ({
      variant: value.variant,
      kind: value.kind,
      floor: value.floor,
      stretch: value.stretch ?? null,
    }));
    const training = (dto.training ?? []).map(({ group, floor }) => ({ group, floor }));
    const problems = validateTargetPlan({
      code: dto.code,
      name: dto.name,
      scopeAreaCode: dto.scopeAreaCode ?? null,
      milestoneYear: dto.milestoneYear,
      values,
      training,
    });
    if (problems.length > 0) {
      throw InvalidInputException.fromProblems(problems, 'INVALID_TARGET_PLAN');
    }
    const result = await this.db.transactional(async () => {
      const scope = await this.areas.optional(dto.scopeAreaCode, 'scopeAreaCode');
      await this.scope.assertAssignable(user, scope?.id ?? null);
      // Replacing a plan is changing it where it applies today, too.
      const replaced = await this.targets.scopeOf(dto.code);
      if (replaced !== undefined) await this.scope.assertAssignable(user, replaced);
      const conflicting = await this.targets.findConflicting(
        scope?.id ?? null,
        dto.milestoneYear,
        dto.code,
      );
      if (conflicting) throw new TargetPlanConflictException(conflicting);
      await this.audit.record(user, {
        action: 'put',
        entity: 'target-plan',
        entityCode: dto.code,
        areaId: scope?.id ?? null,
        after: dto,
      });
      return this.targets.upsert({
        code: dto.code,
        name: normalizeText(dto.name),
        sourceNote: dto.sourceNote ? normalizeText(dto.sourceNote) : null,
        scopeAreaId: scope?.id ?? null,
        milestoneYear: dto.milestoneYear,
        values,
        training,
      });
    });
    const plan = (await this.targets.list()).find(
      (candidate) => candidate.code === dto.code,
    ) as TargetPlanView;
    return { result, plan };
  }
}
