import { Injectable } from '@nestjs/common';
import {
  Db,
  EvaluationsRepository,
  yearEnd,
  yearStart,
  type CriteriaSetView,
  type EvaluationRow,
  type EvaluationValues,
  type SubjectRow,
} from '@app/database';
import {
  MODEL_KIND_LABELS,
  maxTotal,
  nextStatus,
  normalizeText,
  scoreEvaluation,
  STATUS_LABELS,
  validateScores,
  type EvaluationStatus,
  type DependencyFigures,
  type ScoreResult,
  type WorkflowAction,
} from '@app/domain';
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

/** The subject a request is about, resolved once, and the set its evaluation is judged by. */
interface Context {
  subject: SubjectRow;
  set: CriteriaSetView;
}

@Injectable()
export class EvaluationsService {
  constructor(
    private readonly db: Db,
    private readonly evaluations: EvaluationsRepository,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly scope: ScopeService,
    private readonly locks: YearLockChecks,
    private readonly audit: AuditService,
  ) {}

  async get(params: EvaluationParams, user: Principal): Promise<EvaluationView> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year);
    if (!evaluation) throw this.noEvaluation(params);
    const set = await this.setFor(params, subject, evaluation.criteriaSetId);
    return this.view({ subject, set }, evaluation);
  }

  async form(params: EvaluationParams, user: Principal): Promise<EvaluationFormView> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year);
    const set = await this.setFor(params, subject, evaluation?.criteriaSetId ?? null);
    return {
      kind: params.kind,
      year: params.year,
      subject: {
        code: subject.code,
        name: subject.name,
        activeInYear: this.activeIn(subject, params.year),
      },
      criteriaSet: { code: set.code, name: set.name, rules: set.rules },
      dependencies: dependencyFigures(subject),
      yearLocked: subject.lockedBy !== null,
      evaluation: evaluation ? this.view({ subject, set }, evaluation) : null,
    };
  }

  async save(
    params: EvaluationParams,
    dto: SaveEvaluationDto,
    user: Principal,
  ): Promise<EvaluationView> {
    return this.db.transactional(async () => {
      const subject = await this.requireSubject(params, user);
      this.locks.assertOpen(subject, params.year);
      this.requireActive(subject, params);
      const set = await this.setFor(params, subject, null);
      const problems = validateScores(set.rules, dto.scores);
      if (problems.length > 0) {
        throw InvalidInputException.fromProblems(problems, 'INVALID_SCORES');
      }
      const existing = await this.evaluations.find(params.kind, subject.id, params.year, true);
      // Without the version it was read at, a save could silently overwrite someone else's.
      if (existing && dto.version !== existing.version) {
        const current = this.view({ subject, set }, existing);
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
      const values: EvaluationValues = {
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
      };
      const saved = existing
        ? await this.evaluations.update(existing.id, values)
        : await this.evaluations.insert(params.kind, subject.id, params.year, values);
      await this.audited(
        user,
        params,
        subject.placeId,
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
    return this.move(params, user, 'recognise', (evaluation, context) => {
      const result = this.score(context, evaluation);
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
    change: (evaluation: EvaluationRow, context: Context) => EvaluationRow,
    reason?: string,
  ): Promise<EvaluationView> {
    return this.db.transactional(async () => {
      const { context, evaluation } = await this.requireEvaluation(params, user);
      this.locks.assertOpen(context.subject, params.year);
      const status = this.transition(evaluation.status, action);
      const changed = change({ ...evaluation }, context);
      const saved = await this.evaluations.update(evaluation.id, {
        criteriaSetId: changed.criteriaSetId,
        registered: changed.registered,
        scores: changed.scores,
        total: changed.total,
        criteriaPassed: changed.criteriaPassed,
        criteriaReasons: changed.criteriaReasons,
        status,
        reviewComment: changed.reviewComment,
        decisionNumber: changed.decisionNumber,
        decisionDate: changed.decisionDate,
        version: evaluation.version + 1,
      });
      await this.audited(user, params, context.subject.placeId, action, evaluation, saved, reason);
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
    before: EvaluationRow | null,
    after: EvaluationRow,
    reason?: string,
  ): Promise<void> {
    const snapshot = (evaluation: EvaluationRow | null) =>
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
  ): Promise<{ context: Context; evaluation: EvaluationRow }> {
    const subject = await this.requireSubject(params, user);
    const evaluation = await this.evaluations.find(params.kind, subject.id, params.year, true);
    if (!evaluation) throw this.noEvaluation(params);
    const set = await this.setFor(params, subject, evaluation.criteriaSetId);
    return { context: { subject, set }, evaluation };
  }

  private noEvaluation(params: EvaluationParams): EvaluationNotFoundException {
    return new EvaluationNotFoundException(
      MODEL_KIND_LABELS[params.kind],
      params.subjectCode,
      params.year,
    );
  }

  /**
   * The set the evaluation was scored with (it stays attached even when a newer set appears), or
   * for a new one the set in force where the subject is placed, chosen from its ancestry.
   */
  private setFor(
    params: EvaluationParams,
    subject: SubjectRow,
    scoredWith: number | null,
  ): Promise<CriteriaSetView> {
    return this.criteriaSets.forEvaluation(
      params.kind,
      params.year,
      subject.ancestry.map((area) => area.code),
      scoredWith,
    );
  }

  private score(context: Context, evaluation: EvaluationRow): ScoreResult {
    return scoreEvaluation(
      context.set.rules,
      { registered: evaluation.registered, scores: evaluation.scores },
      dependencyFigures(context.subject),
    );
  }

  private view(context: Context, evaluation: EvaluationRow): EvaluationView {
    const result = this.score(context, evaluation);
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

  /**
   * The subject with its ancestry, year lock and member figures, if the caller's scope holds it
   * that year; otherwise as if it did not exist.
   */
  private async requireSubject(params: EvaluationParams, user: Principal): Promise<SubjectRow> {
    const subject = await this.evaluations.subject(params.kind, params.subjectCode, params.year);
    if (!subject || !this.scope.holds(user, subject.ancestry)) {
      throw new SubjectNotFoundException(
        MODEL_KIND_LABELS[params.kind].toLowerCase(),
        params.subjectCode,
        'subjectCode',
      );
    }
    return subject;
  }

  private requireActive(subject: SubjectRow, params: EvaluationParams): void {
    if (!this.activeIn(subject, params.year))
      throw new SubjectInactiveException(params.subjectCode, params.year);
  }

  private activeIn(subject: SubjectRow, year: number): boolean {
    const startsLate = subject.activeFrom > yearEnd(year);
    const endedBefore = subject.deactivatedOn !== null && subject.deactivatedOn <= yearStart(year);
    return !startsLate && !endedBefore;
  }
}

/** The member figures a kind's dependency rules are judged on; none for kinds without members. */
function dependencyFigures(subject: SubjectRow): DependencyFigures[] {
  if (!subject.members) return [];
  const { members, recognised } = subject.members;
  return [{ type: 'member_families_recognised', members, recognised }];
}
