import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  MODEL_KIND_LABELS,
  maxTotal,
  normalizeText,
  scoreEvaluation,
  validateScores,
  type ScoreResult,
} from '@app/domain';
import {
  EvaluationsRepository,
  yearEnd,
  yearStart,
  type CriteriaSetView,
  type EvaluationEntity,
  type SubjectRef,
} from '@app/database';
import { AreasService } from '../areas/areas.service.js';
import { InvalidInputException } from '../common/app.exception.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import { SubjectNotFoundException } from '../registries/registries.exception.js';
import type {
  EvaluationParams,
  EvaluationView,
  RecognitionDto,
  SaveEvaluationDto,
} from './dto/evaluation.dto.js';
import {
  EvaluationNotFoundException,
  EvaluationRecognisedException,
  InvalidDecisionDateException,
  NotPassedException,
  StaleVersionException,
  SubjectInactiveException,
} from './evaluations.exception.js';

interface Context {
  subject: SubjectRef;
  set: CriteriaSetView;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly evaluations: EvaluationsRepository,
    private readonly areas: AreasService,
    private readonly criteriaSets: CriteriaSetsService,
  ) {}

  async get(params: EvaluationParams): Promise<EvaluationView> {
    const subject = await this.requireSubject(params);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year);
    if (!evaluation)
      throw new EvaluationNotFoundException(
        MODEL_KIND_LABELS[params.kind],
        params.subjectCode,
        params.year,
      );
    const set = await this.setById(params, subject, evaluation.criteriaSetId);
    return this.view(this.dataSource.manager, { subject, set }, evaluation);
  }

  async save(params: EvaluationParams, dto: SaveEvaluationDto): Promise<EvaluationView> {
    return this.dataSource.transaction(async (manager) => {
      const subject = await this.requireSubject(params, manager);
      this.requireActive(subject, params);
      const chain = (await this.areas.chainCodes(subject.areaId, params.year, manager)).map(
        (area) => area.code,
      );
      const set = await this.criteriaSets.inForceFor(params.kind, params.year, chain);
      const problems = validateScores(set.rules, dto.scores);
      if (problems.length > 0) {
        throw new InvalidInputException(
          problems.map((p) => ({ ...p, message: `${p.field}: ${p.message}` })),
          'INVALID_SCORES',
        );
      }
      const existing = await this.evaluations.find(
        params.kind,
        subject.id,
        params.year,
        manager,
        true,
      );
      if (existing?.status === 'recognised') throw new EvaluationRecognisedException();
      if (existing && dto.version !== undefined && dto.version !== existing.version) {
        throw new StaleVersionException(await this.view(manager, { subject, set }, existing));
      }
      const criteriaOnly = scoreEvaluation(
        set.rules,
        { registered: dto.registered, scores: dto.scores },
        [],
      );
      const criteriaReasons = criteriaOnly.reasons.filter(
        (reason) => reason.code !== 'DEPENDENCY_UNMET',
      );
      const saved = await this.evaluations.save(manager, {
        ...(existing ? { id: existing.id, createdAt: existing.createdAt } : {}),
        ...this.evaluations.subjectColumns(params.kind, subject.id),
        kind: params.kind,
        year: params.year,
        criteriaSetId: set.id,
        registered: dto.registered,
        scores: dto.scores,
        total: criteriaOnly.total,
        criteriaPassed: criteriaReasons.length === 0,
        criteriaReasons,
        status: 'draft',
        decisionNumber: null,
        decisionDate: null,
        version: (existing?.version ?? 0) + 1,
      });
      return this.view(manager, { subject, set }, saved);
    });
  }

  async recognise(params: EvaluationParams, dto: RecognitionDto): Promise<EvaluationView> {
    if (dto.decisionDate < yearStart(params.year)) {
      throw new InvalidDecisionDateException(
        `quyết định công nhận năm ${params.year} không thể ký trước ngày 01/01/${params.year}`,
      );
    }
    if (dto.decisionDate > new Date().toISOString().slice(0, 10)) {
      throw new InvalidDecisionDateException('ngày quyết định không thể ở tương lai');
    }
    return this.dataSource.transaction(async (manager) => {
      const { context, evaluation } = await this.requireEvaluation(params, manager);
      const result = await this.score(manager, context, evaluation);
      if (!result.passed) throw new NotPassedException(result.reasons);
      const saved = await this.evaluations.save(manager, {
        ...evaluation,
        status: 'recognised',
        decisionNumber: normalizeText(dto.decisionNumber),
        decisionDate: dto.decisionDate,
        version: evaluation.version + 1,
      });
      return this.view(manager, context, saved);
    });
  }

  async revokeRecognition(params: EvaluationParams): Promise<EvaluationView> {
    return this.dataSource.transaction(async (manager) => {
      const { context, evaluation } = await this.requireEvaluation(params, manager);
      const saved = await this.evaluations.save(manager, {
        ...evaluation,
        status: 'draft',
        decisionNumber: null,
        decisionDate: null,
        version: evaluation.version + 1,
      });
      return this.view(manager, context, saved);
    });
  }

  private async requireEvaluation(
    params: EvaluationParams,
    manager: EntityManager,
  ): Promise<{ context: Context; evaluation: EvaluationEntity }> {
    const subject = await this.requireSubject(params, manager);
    const evaluation = await this.evaluations.find(
      params.kind,
      subject.id,
      params.year,
      manager,
      true,
    );
    if (!evaluation)
      throw new EvaluationNotFoundException(
        MODEL_KIND_LABELS[params.kind],
        params.subjectCode,
        params.year,
      );
    const set = await this.setById(params, subject, evaluation.criteriaSetId, manager);
    return { context: { subject, set }, evaluation };
  }

  /** The set the evaluation was scored with (it stays attached even when a newer set appears). */
  private async setById(
    params: EvaluationParams,
    subject: SubjectRef,
    setId: number,
    manager?: EntityManager,
  ): Promise<CriteriaSetView> {
    const chain = (await this.areas.chainCodes(subject.areaId, params.year, manager)).map(
      (area) => area.code,
    );
    const sets = await this.criteriaSets.allFor(params.kind, manager);
    return (
      sets.find((set) => set.id === setId) ??
      this.criteriaSets.inForceFor(params.kind, params.year, chain)
    );
  }

  private async score(
    manager: EntityManager,
    context: Context,
    evaluation: EvaluationEntity,
  ): Promise<ScoreResult> {
    const dependencies = await this.evaluations.dependencyFigures(
      evaluation.kind,
      context.subject.id,
      evaluation.year,
      manager,
    );
    return scoreEvaluation(
      context.set.rules,
      { registered: evaluation.registered, scores: evaluation.scores },
      dependencies,
    );
  }

  private async view(
    manager: EntityManager,
    context: Context,
    evaluation: EvaluationEntity,
  ): Promise<EvaluationView> {
    const result = await this.score(manager, context, evaluation);
    return {
      kind: evaluation.kind,
      year: evaluation.year,
      subject: { code: context.subject.code, name: context.subject.name },
      criteriaSet: {
        code: context.set.code,
        name: context.set.name,
        passThreshold: context.set.rules.passThreshold,
        maxTotal: maxTotal(context.set.rules),
      },
      registered: evaluation.registered,
      scores: evaluation.scores,
      total: result.total,
      passed: result.passed,
      reasons: result.reasons,
      status: evaluation.status,
      decision:
        evaluation.decisionNumber && evaluation.decisionDate
          ? { number: evaluation.decisionNumber, date: evaluation.decisionDate }
          : null,
      version: evaluation.version,
      updatedAt: new Date(evaluation.updatedAt).toISOString(),
    };
  }

  private async requireSubject(
    params: EvaluationParams,
    manager?: EntityManager,
  ): Promise<SubjectRef> {
    const subject = await this.evaluations.findSubject(params.kind, params.subjectCode, manager);
    if (!subject) {
      throw new SubjectNotFoundException(
        MODEL_KIND_LABELS[params.kind].toLowerCase(),
        params.subjectCode,
        'subjectCode',
      );
    }
    return subject;
  }

  private requireActive(subject: SubjectRef, params: EvaluationParams): void {
    const startsLate = subject.activeFrom > yearEnd(params.year);
    const endedBefore =
      subject.deactivatedOn !== null && subject.deactivatedOn <= yearStart(params.year);
    if (startsLate || endedBefore)
      throw new SubjectInactiveException(params.subjectCode, params.year);
  }
}
