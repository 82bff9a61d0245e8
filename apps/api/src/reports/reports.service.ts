import { PassThrough, type Readable } from 'node:stream';
import { Injectable, Logger } from '@nestjs/common';
import { create as contentDisposition } from 'content-disposition';
import {
  foldForSearch,
  MODEL_KINDS,
  scoreEvaluation,
  selectCriteriaSet,
  type ModelKind,
} from '@app/domain';
import {
  ReportsRepository,
  type AreaRow,
  type CriteriaSetView,
  type SubjectListRecord,
} from '@app/database';
import {
  figuresChecksum,
  writeAreaWorkbook,
  writeCommuneWorkbook,
  type FocusSheetData,
  type Provenance,
  type SubjectList,
  type SubjectListRow,
  type SummaryData,
} from '@app/reporting';
import { AreasService } from '../areas/areas.service.js';
import { ScopeService } from '../scope/scope.service.js';
import type { Principal } from '../auth/principal.js';
import { CriteriaSetsService } from '../criteria-sets/criteria-sets.service.js';
import type { ProgressView } from '../progress/dto/progress.dto.js';
import { ProgressService } from '../progress/progress.service.js';
import { DEFAULT_MARGIN } from '../insights/dto/insights.dto.js';
import { InsightsService } from '../insights/insights.service.js';
import { TrainingProgressService } from '../training/progress/training-progress.service.js';
import { ReportLevelException, ReportNoDataException } from './reports.exception.js';

export interface ReportFile {
  /** The Content-Disposition header: an ASCII name and the Vietnamese one as UTF-8 `filename*`. */
  disposition: string;
  fileName: string;
  stream: Readable;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLSX_TYPE = XLSX;

function label(area: { typeLabel: string; name: string }): string {
  return `${area.typeLabel} ${area.name}`;
}

function hasData(progress: ProgressView): boolean {
  return MODEL_KINDS.some(
    (kind) => progress.total[kind].registered > 0 || progress.total[kind].recognised > 0,
  );
}

function plansOf(progress: ProgressView): string[] {
  const names = new Set<string>();
  for (const kind of MODEL_KINDS) {
    const plan = progress.total[kind].target?.plan;
    if (plan) names.add(plan.name);
  }
  return [...names];
}

@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly areas: AreasService,
    private readonly progress: ProgressService,
    private readonly criteriaSets: CriteriaSetsService,
    private readonly training: TrainingProgressService,
    private readonly insights: InsightsService,
    private readonly scope: ScopeService,
  ) {}

  async areaWorkbook(code: string, year: number, user?: Principal): Promise<ReportFile> {
    const area = await this.areas.requireInForce(code, 'code', year);
    if (user) await this.scope.assertArea(user, area.id, year);
    if (area.level === 'commune' || area.level === 'hamlet') {
      throw new ReportLevelException(
        code,
        'không phải huyện hoặc tỉnh: dùng báo cáo xã (/api/reports/communes/...)',
      );
    }
    const [current, dataAsOf, training] = await Promise.all([
      this.progress.forArea({ area: code, year }),
      this.reports.latestChange(area.id, year),
      this.training.progress({ area: code, year }),
    ]);
    if (!hasData(current)) throw new ReportNoDataException(label(area), year);
    const { views } = await this.progress.history({ area: code, year }, undefined, current);
    const trend = views.map((view) => ({ year: view.year, total: view.total }));
    const summary = this.summary(area, current, 'Xã, phường, thị trấn');
    const focus = await this.focus(area, 'commune', summary, views, current);
    const provenance = this.provenance(area, year, summary, dataAsOf);
    return this.file(label(area), year, (output) =>
      writeAreaWorkbook(
        {
          summary,
          plans: plansOf(current),
          trend,
          focus,
          training: {
            areaLabel: summary.areaLabel,
            totalLabel: summary.totalLabel,
            year,
            periodFrom: training.periodFrom,
            rows: training.rows.map((row) => ({
              name: row.area.name,
              typeLabel: row.area.typeLabel,
              groups: row.groups,
            })),
            total: training.total,
          },
          provenance,
        },
        output,
      ),
    );
  }

  async communeWorkbook(code: string, year: number, user?: Principal): Promise<ReportFile> {
    const area = await this.areas.requireInForce(code, 'code', year);
    if (user) await this.scope.assertArea(user, area.id, year);
    if (area.level !== 'commune') {
      throw new ReportLevelException(
        code,
        'không phải xã, phường, thị trấn: dùng báo cáo tổng hợp (/api/reports/areas/...)',
      );
    }
    // Independent reads, run side by side: the pool has a connection for each.
    const [{ views }, ancestry, setsByKind, dataAsOf, nearMisses] = await Promise.all([
      this.progress.history({ area: code, year }),
      this.areas.chainCodes(area.id, year),
      Promise.all(MODEL_KINDS.map((kind) => this.criteriaSets.allFor(kind))),
      this.reports.latestChange(area.id, year),
      Promise.all(
        MODEL_KINDS.map(async (kind) => ({
          kind,
          items: await this.insights.nearMissItems(area.id, year, kind, DEFAULT_MARGIN),
        })),
      ),
    ]);
    const current =
      views.find((view) => view.year === year) ??
      (await this.progress.forArea({ area: code, year }));
    if (!hasData(current)) throw new ReportNoDataException(label(area), year);
    const previous = views.find((view) => view.year === year - 1);
    const summary: SummaryData = {
      ...this.summary(area, current, 'Thôn, tổ dân phố'),
      previousTotal: previous?.total ?? null,
    };
    const focus = await this.focus(area, 'hamlet', summary, views, current);
    const chain = ancestry.map((a) => a.code);
    const lists: SubjectList[] = MODEL_KINDS.map((kind, index) => {
      const sets = setsByKind[index];
      const inForce = selectCriteriaSet(sets, year, chain);
      return {
        kind,
        criteria: (inForce?.rules.criteria ?? []).map(({ code: criterion, title, maxPoints }) => ({
          code: criterion,
          title,
          maxPoints,
        })),
        rows: () => this.listRows(kind, area.id, year, new Map(sets.map((set) => [set.id, set]))),
      };
    });
    const provenance = this.provenance(area, year, summary, dataAsOf);
    return this.file(label(area), year, (output) =>
      writeCommuneWorkbook(
        {
          summary,
          plans: plansOf(current),
          provenance,
          focus,
          nearMisses: {
            areaLabel: summary.areaLabel,
            year,
            margin: DEFAULT_MARGIN,
            lists: nearMisses,
          },
          lists,
        },
        output,
      ),
    );
  }

  private async *listRows(
    kind: ModelKind,
    communeId: number,
    year: number,
    sets: Map<number, CriteriaSetView>,
  ): AsyncGenerator<SubjectListRow> {
    for await (const record of this.reports.subjectList(kind, communeId, year)) {
      yield this.listRow(record, sets);
    }
  }

  private listRow(record: SubjectListRecord, sets: Map<number, CriteriaSetView>): SubjectListRow {
    const base = {
      code: record.code,
      name: record.name,
      hamlet: record.hamlet,
      decisionNumber: record.decisionNumber,
      decisionDate: record.decisionDate,
    };
    const set = record.criteriaSetId === null ? undefined : sets.get(record.criteriaSetId);
    if (record.registered === null || !set) {
      return { ...base, registered: null, scores: null, total: null, passed: null, reasons: [] };
    }
    // A recognition stands as decided: its stored total, no reasons.
    if (record.status === 'recognised') {
      return {
        ...base,
        registered: record.registered,
        scores: record.scores,
        total: record.total,
        passed: true,
        reasons: [],
      };
    }
    const dependencies =
      record.members === null
        ? []
        : [
            {
              type: 'member_families_recognised' as const,
              members: record.members,
              recognised: record.membersRecognised ?? 0,
            },
          ];
    const result = scoreEvaluation(
      set.rules,
      { registered: record.registered, scores: record.scores ?? {} },
      dependencies,
    );
    return {
      ...base,
      registered: record.registered,
      scores: record.scores,
      total: result.total,
      passed: result.passed,
      reasons: result.reasons.map((reason) => reason.message),
    };
  }

  /** The "Cần tập trung" sheet: each kind's focus figures, from the progress already counted. */
  private async focus(
    area: AreaRow,
    rowLevel: 'commune' | 'hamlet',
    summary: SummaryData,
    views: ProgressView[],
    current: ProgressView,
  ): Promise<FocusSheetData> {
    const blocks = await Promise.all(
      MODEL_KINDS.map(async (kind) => {
        const view = await this.insights.focusOf(
          { area, rowLevel, kind, margin: DEFAULT_MARGIN },
          views,
          current,
        );
        return {
          kind,
          rows: view.rows.map(({ area: row, ...figures }) => ({
            name: row.name,
            typeLabel: row.typeLabel,
            figures,
          })),
          total: view.total,
        };
      }),
    );
    return {
      areaLabel: summary.areaLabel,
      year: current.year,
      rowHeader: summary.rowHeader,
      totalLabel: summary.totalLabel,
      margin: DEFAULT_MARGIN,
      blocks,
    };
  }

  private summary(area: AreaRow, progress: ProgressView, rowHeader: string): SummaryData {
    return {
      areaLabel: label(area),
      year: progress.year,
      rowHeader,
      totalLabel: `Toàn ${area.typeLabel}`,
      rows: progress.rows.map((row) => ({
        code: row.area.code,
        name: row.area.name,
        typeLabel: row.area.typeLabel,
        figures: { family: row.family, clan: row.clan, community: row.community, unit: row.unit },
      })),
      total: progress.total,
    };
  }

  private provenance(
    area: AreaRow,
    year: number,
    summary: SummaryData,
    dataAsOf: Date | null,
  ): Provenance {
    return {
      generatedAt: new Date(),
      dataAsOf,
      filters: `${label(area)} (mã ${area.code}), năm ${year}`,
      checksum: figuresChecksum(summary),
    };
  }

  /** Starts writing into a pass-through stream; failures after the headers are sent end the download. */
  private file(
    areaLabel: string,
    year: number,
    write: (output: PassThrough) => Promise<void>,
  ): ReportFile {
    const fileName = `Báo cáo ${areaLabel} ${year}.xlsx`;
    const ascii = `bao-cao-${foldForSearch(
      areaLabel.replace(/^(thị xã|thành phố|huyện|quận|tỉnh|xã|phường|thị trấn)\s+/i, ''),
    )
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')}-${year}.xlsx`;
    const stream = new PassThrough();
    write(stream).catch((error: unknown) => {
      this.logger.error(
        `Report ${fileName} failed`,
        error instanceof Error ? error.stack : String(error),
      );
      stream.destroy(error instanceof Error ? error : new Error(String(error)));
    });
    return { fileName, disposition: contentDisposition(fileName, { fallback: ascii }), stream };
  }
}
