import { Injectable } from '@nestjs/common';
import {
  assessTraining,
  resolveTrainingTargets,
  TRAINEE_GROUPS,
  type TraineeGroup,
  type TrainingCounts,
  type TrainingProgress,
} from '@app/domain';
import type { TrainingProgressView } from '@app/contracts';
import {
  AreaTreeRepository,
  TrainingProgressRepository,
  trainingRowOf,
  type AreaRow,
  type TargetPlanView,
  type YearTree,
} from '@app/database';
import { ScopeService } from '../../scope/scope.service.js';
import type { Principal } from '../../auth/principal.js';
import type { ProgressQuery } from '../../progress/dto/progress.dto.js';
import { brief } from '../../progress/progress.service.js';

const NO_COUNTS: TrainingCounts = {
  total: 0,
  trainedInYear: 0,
  trainedInPeriod: 0,
  partialOnly: 0,
};

/** The trained share of each group, against the plan's training targets. */
@Injectable()
export class TrainingProgressService {
  constructor(
    private readonly counts: TrainingProgressRepository,
    private readonly trees: AreaTreeRepository,
    private readonly scope: ScopeService,
  ) {}

  /** The trained share of the area in the caller's scope, per commune and in all. */
  async progress(query: ProgressQuery, user: Principal): Promise<TrainingProgressView> {
    const area = await this.scope.resolve(user, query.area, {
      field: 'area',
      year: query.year,
      inForce: true,
    });
    const { trees, plans } = await this.trees.yearTrees(area.id, 'commune', [query.year], false);
    return this.onTree(area, trees[0], plans);
  }

  /**
   * The share of each group trained, per commune and for the area, against the training targets
   * of the plan in force, on the year's tree walked with communes as rows. The plan period is the
   * area's: its first year bounds "trained in the period".
   */
  async onTree(
    area: AreaRow,
    tree: YearTree,
    plans: TargetPlanView[],
  ): Promise<TrainingProgressView> {
    const resolved = resolveTrainingTargets(plans, tree.year, tree.chain);
    const periodFrom = resolved.periodFrom ?? tree.year;
    const counts = await this.counts.counts(tree, periodFrom);
    const assess = (
      rowId: number | null,
      targets: Record<TraineeGroup, TrainingProgress['target']>,
    ): Record<TraineeGroup, TrainingProgress> =>
      Object.fromEntries(
        TRAINEE_GROUPS.map((group) => {
          const found = counts.find((count) => count.group === group && count.rowId === rowId);
          return [group, assessTraining(found ?? NO_COUNTS, targets[group])];
        }),
      ) as Record<TraineeGroup, TrainingProgress>;
    const rowOf = trainingRowOf(tree);
    const collator = new Intl.Collator('vi', { numeric: true });
    return {
      area: brief(area),
      year: tree.year,
      periodFrom,
      rows: tree.nodes
        .filter((node) => node.level === 'commune' && rowOf(node) === node.id)
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((row) => ({
          area: brief(row),
          groups: assess(
            row.id,
            row.id === area.id
              ? resolved.targets
              : resolveTrainingTargets(plans, tree.year, [...row.path, ...tree.chain]).targets,
          ),
        })),
      total: assess(null, resolved.targets),
    };
  }
}
