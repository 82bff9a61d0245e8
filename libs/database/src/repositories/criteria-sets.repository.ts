import { Injectable } from '@nestjs/common';
import { Db } from '../db.js';
import type { CriteriaSetRules, ModelKind } from '@app/domain';
import { CriteriaSetEntity } from '../entities/index.js';

export interface CriteriaSetView {
  id: number;
  code: string;
  kind: ModelKind;
  name: string;
  sourceNote: string | null;
  localisable: boolean;
  scopeAreaCode: string | null;
  fromYear: number;
  toYear: number | null;
  rules: CriteriaSetRules;
}

export interface CriteriaSetFilter {
  kind?: ModelKind;
  year?: number;
}

export type NewCriteriaSet = Omit<CriteriaSetView, 'id' | 'scopeAreaCode'> & {
  scopeAreaId: number | null;
};

@Injectable()
export class CriteriaSetsRepository {
  constructor(private readonly db: Db) {}

  async list(filter: CriteriaSetFilter): Promise<CriteriaSetView[]> {
    const query = this.db.manager
      .getRepository(CriteriaSetEntity)
      .createQueryBuilder('s')
      .leftJoinAndSelect('s.criteria', 'c')
      .leftJoinAndSelect('s.rules', 'r')
      .orderBy('s.kind')
      .addOrderBy('s.fromYear')
      .addOrderBy('s.id')
      .addOrderBy('c.position');
    if (filter.kind) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.year !== undefined) {
      query.andWhere('s.fromYear <= :year AND (s.toYear IS NULL OR s.toYear >= :year)', {
        year: filter.year,
      });
    }
    const sets = await query.getMany();
    const scopeCodes = await this.scopeCodes(sets);
    return sets.map((set) => toView(set, scopeCodes));
  }

  async findByCode(code: string): Promise<CriteriaSetView | null> {
    const set = await this.db.manager.getRepository(CriteriaSetEntity).findOne({
      where: { code },
      relations: { criteria: true, rules: true },
      order: { criteria: { position: 'ASC' } },
    });
    if (!set) return null;
    return toView(set, await this.scopeCodes([set]));
  }

  async insert(set: NewCriteriaSet): Promise<number> {
    const entity = this.db.manager.create(CriteriaSetEntity, {
      code: set.code,
      kind: set.kind,
      name: set.name,
      sourceNote: set.sourceNote,
      localisable: set.localisable,
      scopeAreaId: set.scopeAreaId,
      fromYear: set.fromYear,
      toYear: set.toYear,
      passThreshold: set.rules.passThreshold,
      criteria: set.rules.criteria.map((criterion, position) => ({
        position,
        code: criterion.code,
        title: criterion.title,
        maxPoints: criterion.maxPoints,
        minPoints: criterion.minPoints,
        indicators: criterion.indicators ?? [],
      })),
      rules: set.rules.dependencyRules.map((rule) => ({
        type: rule.type,
        minShare: rule.minShare,
      })),
    });
    const saved = await this.db.manager.getRepository(CriteriaSetEntity).save(entity);
    return saved.id;
  }

  private async scopeCodes(sets: CriteriaSetEntity[]): Promise<Map<number, string>> {
    const ids = [
      ...new Set(sets.map((set) => set.scopeAreaId).filter((id): id is number => id !== null)),
    ];
    if (ids.length === 0) return new Map();
    const rows: { id: number; code: string }[] = await this.db.rows(
      `SELECT id, code FROM areas WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.code]));
  }
}

function toView(set: CriteriaSetEntity, scopeCodes: Map<number, string>): CriteriaSetView {
  return {
    id: set.id,
    code: set.code,
    kind: set.kind,
    name: set.name,
    sourceNote: set.sourceNote,
    localisable: set.localisable,
    scopeAreaCode: set.scopeAreaId === null ? null : (scopeCodes.get(set.scopeAreaId) ?? null),
    fromYear: set.fromYear,
    toYear: set.toYear,
    rules: {
      kind: set.kind,
      passThreshold: set.passThreshold,
      criteria: [...set.criteria]
        .sort((a, b) => a.position - b.position)
        .map((criterion) => ({
          code: criterion.code,
          title: criterion.title,
          maxPoints: criterion.maxPoints,
          minPoints: criterion.minPoints,
          indicators: criterion.indicators,
        })),
      dependencyRules: set.rules.map((rule) => ({ type: rule.type, minShare: rule.minShare })),
    },
  };
}
