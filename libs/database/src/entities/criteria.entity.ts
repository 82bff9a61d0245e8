import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';
import type { DependencyRuleType, ModelKind } from '@app/domain';
import { numericTransformer } from './transformers.js';

@Entity('criteria_sets')
export class CriteriaSetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  kind: ModelKind;

  @Column('text')
  name: string;

  @Column('text', { name: 'source_note', nullable: true })
  sourceNote: string | null;

  @Column('boolean', { default: true })
  localisable: boolean;

  @Column('integer', { name: 'scope_area_id', nullable: true })
  scopeAreaId: number | null;

  @Column('smallint', { name: 'from_year' })
  fromYear: number;

  @Column('smallint', { name: 'to_year', nullable: true })
  toYear: number | null;

  @Column('numeric', { name: 'pass_threshold', transformer: numericTransformer })
  passThreshold: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @OneToMany(() => CriterionEntity, (criterion) => criterion.criteriaSet, { cascade: ['insert'] })
  criteria: CriterionEntity[];

  @OneToMany(() => CriteriaSetRuleEntity, (rule) => rule.criteriaSet, { cascade: ['insert'] })
  rules: CriteriaSetRuleEntity[];
}

export interface IndicatorData {
  code: string;
  title: string;
  maxPoints: number | null;
}

@Entity('criteria')
export class CriterionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => CriteriaSetEntity, (set) => set.criteria, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet: CriteriaSetEntity;

  @Column('smallint')
  position: number;

  @Column('text')
  code: string;

  @Column('text')
  title: string;

  @Column('numeric', { name: 'max_points', transformer: numericTransformer })
  maxPoints: number;

  @Column('numeric', { name: 'min_points', nullable: true, transformer: numericTransformer })
  minPoints: number | null;

  @Column('jsonb', { default: () => `'[]'` })
  indicators: IndicatorData[];
}

@Entity('criteria_set_rules')
export class CriteriaSetRuleEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @ManyToOne(() => CriteriaSetEntity, (set) => set.rules, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'criteria_set_id' })
  criteriaSet: CriteriaSetEntity;

  @Column('text')
  type: DependencyRuleType;

  @Column('numeric', { name: 'min_share', transformer: numericTransformer })
  minShare: number;
}
