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
  CriteriaSetsRepository,
  ReportsRepository,
  type AreaRow,
  type CriteriaSetView,
  type SubjectListRecord,
  type YearTree,
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
import { ScopeService, type AreaContext } from '../scope/scope.service.js';
import type { Principal } from '../auth/principal.js';
import type { ProgressView } from '../progress/dto/progress.dto.js';
import {
  historyOf,
  ProgressService,
  treeOf,
  viewOf,
  type MeasuredArea,
} from '../progress/progress.service.js';
import { DEFAULT_MARGIN } from '../insights/dto/insights.dto.js';
import { focusView, InsightsService, type KindFigures } from '../insights/insights.service.js';
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

/** Who runs a report from the command line or the bench: the whole country, as the owner. */
const UNSCOPED: Principal = {
  id: 0,
  username: 'system',
  role: 'admin',
  scopeAreaId: null,
  scopeAreaCode: null,
};

@Injectable()
export class ReportsService {
  private readonly logger = new Logger(ReportsService.name);

  constructor(
    private readonly reports: ReportsRepository,
    private readonly criteriaSets: CriteriaSetsRepository,
    private readonly progress: ProgressService,
    private readonly training: TrainingProgressService,
    private readonly insights: InsightsService,
    private readonly scope: ScopeService,
  ) {}

  async areaWorkbook(code: string, year: number, user?: Principal): Promise<ReportFile> {
    const area = await this.resolve(code, year, user);
    if (area.level === 'commune' || area.level === 'hamlet') {
      throw new ReportLevelException(
        code,
        'không phải huyện hoặc tỉnh: dùng báo cáo xã (/api/reports/communes/...)',
      );
    }
    const measured: MeasuredArea = { area, rowLevel: 'commune' };
    const [trees, dataAsOf] = await Promise.all([
      this.progress.trees(measured, [year], true),
      this.reports.latestChange(area.id, year),
    ]);
    const tree = treeOf(trees, year);
    // The training rows are the communes too: the progress tree serves both. A district or
    // province has many subjects of each kind: each kind's figures are read side by side.
    const [progress, training, ...figures] = await Promise.all([
      this.progress.counted(measured, trees),
      this.training.onTree(area, tree, trees.plans),
      ...MODEL_KINDS.map((kind) => this.insights.figures(tree, [kind], DEFAULT_MARGIN, false)),
    ]);
    const current = viewOf(progress, year);
    if (!hasData(current)) throw new ReportNoDataException(label(area), year);
    const views = historyOf(area, progress);
    const trend = views.map((view) => ({ year: view.year, total: view.total }));
    const summary = this.summary(area, current, 'Xã, phường, thị trấn');
    const focus = this.focus(
      measured,
      summary,
      new Map(figures.flatMap((ofKind) => [...ofKind])),
      views,
      current,
    );
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
    const area = await this.resolve(code, year, user);
    if (area.level !== 'commune') {
      throw new ReportLevelException(
        code,
        'không phải xã, phường, thị trấn: dùng báo cáo tổng hợp (/api/reports/areas/...)',
      );
    }
    const measured: MeasuredArea = { area, rowLevel: 'hamlet' };
    // Independent reads, run side by side: the pool has a connection for each.
    const [trees, sets, dataAsOf] = await Promise.all([
      this.progress.trees(measured, [year], true),
      this.criteriaSets.list({}),
      this.reports.latestChange(area.id, year),
    ]);
    const tree = treeOf(trees, year);
    const [progress, figures] = await Promise.all([
      this.progress.counted(measured, trees),
      this.insights.figures(tree, MODEL_KINDS, DEFAULT_MARGIN, true),
    ]);
    const views = historyOf(area, progress);
    const current = viewOf(progress, year);
    if (!hasData(current)) throw new ReportNoDataException(label(area), year);
    const previous = views.find((view) => view.year === year - 1);
    const summary: SummaryData = {
      ...this.summary(area, current, 'Thôn, tổ dân phố'),
      previousTotal: previous?.total ?? null,
    };
    const focus = this.focus(measured, summary, figures, views, current);
    const lists: SubjectList[] = MODEL_KINDS.map((kind) => {
      const ofKind = sets.filter((set) => set.kind === kind);
      const inForce = selectCriteriaSet(ofKind, year, tree.chain);
      return {
        kind,
        criteria: (inForce?.rules.criteria ?? []).map(({ code: criterion, title, maxPoints }) => ({
          code: criterion,
          title,
          maxPoints,
        })),
        rows: () => this.listRows(kind, area.id, tree, new Map(ofKind.map((set) => [set.id, set]))),
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
            lists: MODEL_KINDS.map((kind) => ({
              kind,
              items: (figures.get(kind) as KindFigures).items,
            })),
          },
          lists,
        },
        output,
      ),
    );
  }

  /** The area a report names, in force in the year and in the caller's scope. */
  private resolve(code: string, year: number, user?: Principal): Promise<AreaContext> {
    return this.scope.resolve(user ?? UNSCOPED, code, { field: 'code', year, inForce: true });
  }

  private async *listRows(
    kind: ModelKind,
    communeId: number,
    tree: YearTree,
    sets: Map<number, CriteriaSetView>,
  ): AsyncGenerator<SubjectListRow> {
    for await (const record of this.reports.subjectList(kind, communeId, tree)) {
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
  private focus(
    measured: MeasuredArea,
    summary: SummaryData,
    figures: Map<ModelKind, KindFigures>,
    views: ProgressView[],
    current: ProgressView,
  ): FocusSheetData {
    return {
      areaLabel: summary.areaLabel,
      year: current.year,
      rowHeader: summary.rowHeader,
      totalLabel: summary.totalLabel,
      margin: DEFAULT_MARGIN,
      blocks: MODEL_KINDS.map((kind) => {
        const view = focusView(
          measured,
          kind,
          DEFAULT_MARGIN,
          figures.get(kind) as KindFigures,
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
