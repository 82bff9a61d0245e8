import { Injectable } from '@nestjs/common';
import { Db } from '@app/database';
import {
  MODEL_KIND_LABELS,
  maxTotal,
  nextStatus,
  normalizeText,
  scoreEvaluation,
  STATUS_LABELS,
  validateScores,
  type EvaluationStatus,
  type ScoreResult,
  type WorkflowAction,
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
import { ScopeService } from '../scope/scope.service.js';
import { YearLockChecks } from '../year-locks/year-lock-checks.service.js';
import { AuditService } from '../audit/audit.service.js';
import type { Principal } from '../auth/principal.js';
import { InvalidInputException } from '../common/app.exception.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import { SubjectNotFoundException } from '../registries/registries.exception.js';
import type {
  EvaluationFormView,
  EvaluationParams,
  EvaluationView,
  RecognitionDto,
  SaveEvaluationDto,
} from './dto/evaluation.dto.js';
import {
  EvaluationNotFoundException,
  IllegalTransitionException,
  InvalidDecisionDateException,
  NotPassedException,
  StaleVersionException,
  SubjectInactiveException,
  VersionRequiredException,
} from './evaluations.exception.js';

interface Context {
  subject: SubjectRef;
  set: CriteriaSetView;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly db: Db,
    private readonly evaluations: EvaluationsRepository,
    private readonly areas: AreasService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async get(params: EvaluationParams, user: Principal): Promise<EvaluationView> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year);
    if (!evaluation) {
      throw new EvaluationNotFoundException(
        MODEL_KIND_LABELS[params.kind],
        params.subjectCode,
        params.year,
      );
    }
    const set = await this.setById(params, subject, evaluation.criteriaSetId);
    return this.view({ subject, set }, evaluation);
  }

  async form(params: EvaluationParams, user: Principal): Promise<EvaluationFormView> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year);
    const set = evaluation
      ? await this.setById(params, subject, evaluation.criteriaSetId)
      : await this.setInForce(params, subject);
    const [dependencies, lock, view] = await Promise.all([
      this.evaluations.dependencyFigures(params.kind, subject.id, params.year),
      this.locks.yearLock(subject.areaId, params.year),
      evaluation ? this.view({ subject, set }, evaluation) : null,
    ]);
    return {
      kind: params.kind,
      year: params.year,
      subject: {
        code: subject.code,
        name: subject.name,
        activeInYear: this.activeIn(subject, params.year),
      },
      criteriaSet: { code: set.code, name: set.name, rules: set.rules },
      dependencies,
      yearLocked: lock !== null,
      evaluation: view,
    };
  }

  async save(
    params: EvaluationParams,
    dto: SaveEvaluationDto,
    user: Principal,
  ): Promise<EvaluationView> {
    return this.db.transactional(async () => {
      const subject = await this.requireSubject(params, user);
      await this.locks.assertYearOpen(subject.areaId, params.year);
      this.requireActive(subject, params);
      const set = await this.setInForce(params, subject);
      const problems = validateScores(set.rules, dto.scores);
      if (problems.length > 0) {
        throw InvalidInputException.fromProblems(problems, 'INVALID_SCORES');
      }
      const existing = await this.evaluations.find(params.kind, subject.id, params.year, true);
      // Without the version it was read at, a save could silently overwrite someone else's.
      if (existing && dto.version !== existing.version) {
        const current = await this.view({ subject, set }, existing);
        throw dto.version === undefined
          ? new VersionRequiredException(current)
          : new StaleVersionException(current);
      }
      const status = existing ? this.transition(existing.status, 'edit') : 'draft';
      const criteriaOnly = scoreEvaluation(
        set.rules,
        { registered: dto.registered, scores: dto.scores },
        [],
      );
      const criteriaReasons = criteriaOnly.reasons.filter(
        (reason) => reason.code !== 'DEPENDENCY_UNMET',
      );
      const saved = await this.evaluations.save({
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
        status,
        reviewComment: existing?.reviewComment ?? null,
        decisionNumber: null,
        decisionDate: null,
        version: (existing?.version ?? 0) + 1,
      });
      await this.audited(
        user,
        params,
        subject.areaId,
        existing ? 'update' : 'create',
        existing,
        saved,
      );
      return this.view({ subject, set }, saved);
    });
  }

  submit(params: EvaluationParams, user: Principal): Promise<EvaluationView> {
    return this.move(params, user, 'submit', (evaluation) => ({
      ...evaluation,
      reviewComment: null,
    }));
  }

  approve(params: EvaluationParams, user: Principal): Promise<EvaluationView> {
    return this.move(params, user, 'approve', (evaluation) => evaluation);
  }

  returnToDraft(
    params: EvaluationParams,
    comment: string,
    user: Principal,
  ): Promise<EvaluationView> {
    return this.move(params, user, 'return', (evaluation) => ({
      ...evaluation,
      reviewComment: normalizeText(comment),
    }));
  }

  reopen(params: EvaluationParams, reason: string, user: Principal): Promise<EvaluationView> {
    return this.move(
      params,
      user,
      'reopen',
      (evaluation) => ({ ...evaluation, decisionNumber: null, decisionDate: null }),
      normalizeText(reason),
    );
  }

  async recognise(
    params: EvaluationParams,
    dto: RecognitionDto,
    user: Principal,
  ): Promise<EvaluationView> {
    if (dto.decisionDate < yearStart(params.year)) {
      throw new InvalidDecisionDateException(
        `quyết định công nhận năm ${params.year} không thể ký trước ngày 01/01/${params.year}`,
      );
    }
    if (dto.decisionDate > new Date().toISOString().slice(0, 10)) {
      throw new InvalidDecisionDateException('ngày quyết định không thể ở tương lai');
    }
    return this.move(params, user, 'recognise', async (evaluation, context) => {
      const result = await this.score(context, evaluation);
      if (!result.passed) throw new NotPassedException(result.reasons);
      return {
        ...evaluation,
        decisionNumber: normalizeText(dto.decisionNumber),
        decisionDate: dto.decisionDate,
      };
    });
  }

  /** One workflow step, in a transaction: scope, year lock, the transition, the change, the audit row. */
  private async move(
    params: EvaluationParams,
    user: Principal,
    action: WorkflowAction,
    change: (
      evaluation: EvaluationEntity,
      context: Context,
    ) => EvaluationEntity | Promise<EvaluationEntity>,
    reason?: string,
  ): Promise<EvaluationView> {
    return this.db.transactional(async () => {
      const { context, evaluation } = await this.requireEvaluation(params, user);
      await this.locks.assertYearOpen(context.subject.areaId, params.year);
      const status = this.transition(evaluation.status, action);
      const changed = await change({ ...evaluation }, context);
      const saved = await this.evaluations.save({
        ...changed,
        status,
        version: evaluation.version + 1,
      });
      await this.audited(user, params, context.subject.areaId, action, evaluation, saved, reason);
      return this.view(context, saved);
    });
  }

  private transition(status: EvaluationStatus, action: WorkflowAction): EvaluationStatus {
    const next = nextStatus(status, action);
    if (!next) throw new IllegalTransitionException(action, STATUS_LABELS[status]);
    return next;
  }

  private async audited(
    user: Principal,
    params: EvaluationParams,
    areaId: number,
    action: string,
    before: EvaluationEntity | null,
    after: EvaluationEntity,
    reason?: string,
  ): Promise<void> {
    const snapshot = (evaluation: EvaluationEntity | null) =>
      evaluation && {
        status: evaluation.status,
        registered: evaluation.registered,
        scores: evaluation.scores,
        total: evaluation.total,
        reviewComment: evaluation.reviewComment,
        decisionNumber: evaluation.decisionNumber,
        decisionDate: evaluation.decisionDate,
        version: evaluation.version,
      };
    await this.audit.record(user, {
      action,
      entity: `evaluation.${params.kind}`,
      entityCode: params.subjectCode,
      areaId,
      year: params.year,
      reason: reason ?? (action === 'return' ? after.reviewComment : null),
      before: snapshot(before),
      after: snapshot(after),
    });
  }

  private async requireEvaluation(
    params: EvaluationParams,
    user: Principal,
  ): Promise<{ context: Context; evaluation: EvaluationEntity }> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year, true);
    if (!evaluation) {
      throw new EvaluationNotFoundException(
        MODEL_KIND_LABELS[params.kind],
        params.subjectCode,
        params.year,
      );
    }
    const set = await this.setById(params, subject, evaluation.criteriaSetId);
    return { context: { subject, set }, evaluation };
  }

  /** The set the evaluation was scored with (it stays attached even when a newer set appears). */
  private async setById(
    params: EvaluationParams,
    subject: SubjectRef,
    setId: number,
  ): Promise<CriteriaSetView> {
    const sets = await this.criteriaSets.allFor(params.kind);
    const set = sets.find((candidate) => candidate.id === setId);
    return set ?? this.setInForce(params, subject);
  }

  private async setInForce(
    params: EvaluationParams,
    subject: SubjectRef,
  ): Promise<CriteriaSetView> {
    const chain = (await this.areas.chainCodes(subject.areaId, params.year)).map(
      (area) => area.code,
    );
    return this.criteriaSets.inForceFor(params.kind, params.year, chain);
  }

  private async score(context: Context, evaluation: EvaluationEntity): Promise<ScoreResult> {
    const dependencies = await this.evaluations.dependencyFigures(
      evaluation.kind,
      context.subject.id,
      evaluation.year,
    );
    return scoreEvaluation(
      context.set.rules,
      { registered: evaluation.registered, scores: evaluation.scores },
      dependencies,
    );
  }

  private async view(context: Context, evaluation: EvaluationEntity): Promise<EvaluationView> {
    const result = await this.score(context, evaluation);
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
      reviewComment: evaluation.reviewComment,
      decision:
        evaluation.decisionNumber && evaluation.decisionDate
          ? { number: evaluation.decisionNumber, date: evaluation.decisionDate }
          : null,
      version: evaluation.version,
      updatedAt: new Date(evaluation.updatedAt).toISOString(),
    };
  }

  /** The subject, if the caller's scope holds it that year; otherwise as if it did not exist. */
  private async requireSubject(params: EvaluationParams, user: Principal): Promise<SubjectRef> {
    const subject = await this.evaluations.findSubject(params.kind, params.subjectCode);
    if (!subject || !(await this.scope.covers(user, subject.areaId, params.year))) {
      throw new SubjectNotFoundException(
        MODEL_KIND_LABELS[params.kind].toLowerCase(),
        params.subjectCode,
        'subjectCode',
      );
    }
    return subject;
  }

  private requireActive(subject: SubjectRef, params: EvaluationParams): void {
    if (!this.activeIn(subject, params.year))
      throw new SubjectInactiveException(params.subjectCode, params.year);
  }

  private activeIn(subject: SubjectRef, year: number): boolean {
    const startsLate = subject.activeFrom > yearEnd(year);
    const endedBefore = subject.deactivatedOn !== null && subject.deactivatedOn <= yearStart(year);
    return !startsLate && !endedBefore;
  }
}
