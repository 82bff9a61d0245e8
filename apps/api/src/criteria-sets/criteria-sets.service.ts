import { Injectable } from '@nestjs/common';
import { Db, CriteriaSetsRepository, type CriteriaSetView } from '@app/database';
import {
  normalizeText,
  scopeRank,
  selectCriteriaSet,
  validateCriteriaSet,
  type CriteriaSetRules,
  type ModelKind,
} from '@app/domain';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import {
  CriteriaSetCodeTakenException,
  NoCriteriaSetException,
} from './criteria-sets.exception.js';
import type { CreateCriteriaSetDto, CriteriaSetQuery } from './dto/criteria-set.dto.js';

export type CriteriaSetBody = Omit<CriteriaSetView, 'id'> & { inForce?: boolean };

function toBody({ id: _id, ...set }: CriteriaSetView): CriteriaSetBody {
  return set;
}

@Injectable()
export class CriteriaSetsService {
  constructor(
    private readonly db: Db,
    private readonly sets: CriteriaSetsRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
    private readonly audit: AuditService,
  ) {}

  async list(query: CriteriaSetQuery): Promise<CriteriaSetBody[]> {
    const sets = await this.sets.list({ kind: query.kind, year: query.year });
    if (!query.area) return sets.map(toBody);
    const area = await this.areas.require(query.area, 'area', undefined, query.year);
    const chain = (
      await this.areas.chainCodes(area.id, query.year ?? new Date().getFullYear())
    ).map((a) => a.code);
    const applicable = sets.filter((set) => scopeRank(set.scopeAreaCode, chain) !== null);
    if (query.year === undefined) return applicable.map(toBody);
    const inForce = new Set(
      (query.kind ? [query.kind] : [...new Set(applicable.map((set) => set.kind))]).map(
        (kind) =>
          selectCriteriaSet(
            applicable.filter((set) => set.kind === kind),
            query.year as number,
            chain,
          )?.id,
      ),
    );
    return applicable
      .map((set) => ({ ...toBody(set), inForce: inForce.has(set.id) }))
      .sort((a, b) => Number(b.inForce) - Number(a.inForce));
  }

  /** The set in force for a subject of `kind` placed under `chain` (most specific first) in `year`. */
  inForceFor(kind: ModelKind, year: number, chain: string[]): Promise<CriteriaSetView> {
    return this.forEvaluation(kind, year, chain, null);
  }

  /**
   * The set an evaluation of `year` is judged by, in one read: the one it was scored with
   * (`scoredWith`) while that set exists, which stays attached even when a newer one comes into
   * force; otherwise, or for a new evaluation, the set in force under `chain`.
   */
  async forEvaluation(
    kind: ModelKind,
    year: number,
    chain: string[],
    scoredWith: number | null,
  ): Promise<CriteriaSetView> {
    const candidates = await this.sets.list({ kind, year, orId: scoredWith ?? undefined });
    const scored = candidates.find((candidate) => candidate.id === scoredWith);
    if (scored) return scored;
    const set = selectCriteriaSet(candidates, year, chain);
    if (!set) throw new NoCriteriaSetException(kind, year, chain[0] ?? '');
    return set;
  }

  async allFor(kind: ModelKind): Promise<CriteriaSetView[]> {
    return this.sets.list({ kind });
  }

  async create(dto: CreateCriteriaSetDto, user: Principal): Promise<CriteriaSetBody> {
    const rules: CriteriaSetRules = {
      kind: dto.kind,
      passThreshold: dto.passThreshold,
      criteria: dto.criteria.map((criterion) => ({
        code: criterion.code.trim(),
        title: normalizeText(criterion.title),
        maxPoints: criterion.maxPoints,
        minPoints: criterion.minPoints ?? null,
        indicators: (criterion.indicators ?? []).map((indicator) => ({
          code: indicator.code.trim(),
          title: normalizeText(indicator.title),
          maxPoints: indicator.maxPoints ?? null,
        })),
      })),
      dependencyRules: dto.dependencyRules ?? [],
    };
    const problems = validateCriteriaSet(rules);
    if (dto.toYear !== undefined && dto.toYear !== null && dto.toYear < dto.fromYear) {
      problems.push({
        field: 'toYear',
        code: 'INVALID_YEARS',
        message: `toYear ${dto.toYear} trước fromYear ${dto.fromYear}`,
      });
    }
    if (problems.length > 0) {
      throw InvalidInputException.fromProblems(problems, 'INVALID_CRITERIA_SET');
    }
    await this.db.transactional(async () => {
      if (await this.sets.findByCode(dto.code)) throw new CriteriaSetCodeTakenException(dto.code);
      const scope = await this.areas.optional(dto.scopeAreaCode, 'scopeAreaCode');
      await this.scope.assertAssignable(user, scope?.id ?? null);
      await this.sets.insert({
        code: dto.code,
        kind: dto.kind,
        name: normalizeText(dto.name),
        sourceNote: dto.sourceNote ? normalizeText(dto.sourceNote) : null,
        localisable: dto.localisable ?? true,
        scopeAreaId: scope?.id ?? null,
        fromYear: dto.fromYear,
        toYear: dto.toYear ?? null,
        rules,
      });
      await this.audit.record(user, {
        action: 'create',
        entity: 'criteria-set',
        entityCode: dto.code,
        areaId: scope?.id ?? null,
        after: dto,
      });
    });
    const created = await this.sets.findByCode(dto.code);
    return toBody(created as CriteriaSetView);
  }
}
