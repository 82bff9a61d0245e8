import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { ModelKind } from '@app/domain';
import { numericTransformer } from './transformers.js';

@Entity('target_plans')
export class TargetPlanEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'source_note', nullable: true })
  sourceNote: string | null;

  @Column('integer', { name: 'scope_area_id', nullable: true })
  scopeAreaId: number | null;

  @Column('smallint', { name: 'milestone_year' })
  milestoneYear: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @OneToMany(() => TargetValueEntity, (value) => value.plan, { cascade: ['insert'] })
  values: TargetValueEntity[];
}

@Entity('target_values')
export class TargetValueEntity {
  @PrimaryColumn('integer', { name: 'plan_id' })
  planId: number;

  @ManyToOne(() => TargetPlanEntity, (plan) => plan.values, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id' })
  plan: TargetPlanEntity;

  @PrimaryColumn('text')
  variant: 'standard' | 'difficult';

  @PrimaryColumn('text')
  kind: ModelKind;

  @Column('numeric', { transformer: numericTransformer })
  floor: number;

  @Column('numeric', { nullable: true, transformer: numericTransformer })
  stretch: number | null;
}
