import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { EvaluationStatus, FailureReason, ModelKind, ScoreSheet } from '@app/domain';
import { numericTransformer } from './transformers.js';

@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column('text')
  kind: ModelKind;

  @Column('smallint')
  year: number;

  @Column('integer', { name: 'household_id', nullable: true })
  householdId: number | null;

  @Column('integer', { name: 'clan_id', nullable: true })
  clanId: number | null;

  @Column('integer', { name: 'unit_id', nullable: true })
  unitId: number | null;

  @Column('integer', { name: 'community_id', nullable: true })
  communityId: number | null;

  @Column('integer', { name: 'criteria_set_id' })
  criteriaSetId: number;

  @Column('boolean')
  registered: boolean;

  @Column('jsonb', { default: () => `'{}'` })
  scores: ScoreSheet;

  @Column('numeric', { transformer: numericTransformer })
  total: number;

  @Column('boolean', { name: 'criteria_passed' })
  criteriaPassed: boolean;

  @Column('jsonb', { name: 'criteria_reasons', default: () => `'[]'` })
  criteriaReasons: FailureReason[];

  @Column('text', { default: 'draft' })
  status: EvaluationStatus;

  @Column('text', { name: 'review_comment', nullable: true })
  reviewComment: string | null;

  @Column('text', { name: 'decision_number', nullable: true })
  decisionNumber: string | null;

  @Column('date', { name: 'decision_date', nullable: true })
  decisionDate: string | null;

  @Column('integer', { default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
