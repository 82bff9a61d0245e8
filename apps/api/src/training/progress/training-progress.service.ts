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
import { TargetsRepository, TrainingProgressRepository } from '@app/database';
import { AreasService } from '../../areas/areas.service.js';
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
    private readonly targets: TargetsRepository,
    private readonly areas: AreasService,
    private readonly scope: ScopeService,
  ) {}

  /**
   * The share of each group trained, per commune and for the area, against the training targets
   * of the plan in force. The plan period is the area's: its first year bounds "trained in the period".
   */
  async progress(query: ProgressQuery, user?: Principal): Promise<TrainingProgressView> {
    const area = await this.areas.requireInForce(query.area, 'area', query.year);
    if (user) await this.scope.assertArea(user, area.id, query.year);
    const [chain, plans] = await Promise.all([
      this.areas.chainCodes(area.id, query.year),
      this.targets.list(),
    ]);
    const upward = chain.map((a) => a.code);
    const resolved = resolveTrainingTargets(plans, query.year, upward);
    const periodFrom = resolved.periodFrom ?? query.year;
    const { rows, counts } = await this.counts.countsByCommune(area.id, query.year, periodFrom);
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
    const collator = new Intl.Collator('vi', { numeric: true });
    return {
      area: brief(area),
      year: query.year,
      periodFrom,
      rows: [...rows]
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((row) => ({
          area: brief(row),
          groups: assess(
            row.id,
            row.id === area.id
              ? resolved.targets
              : resolveTrainingTargets(plans, query.year, [...row.path, ...upward]).targets,
          ),
        })),
      total: assess(null, resolved.targets),
    };
  }
}
