import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { AreaLevel } from '@app/domain';

@Entity('areas')
export class AreaEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('text', { unique: true })
  code: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Column('text')
  level: AreaLevel;

  @Column('text', { name: 'type_label' })
  typeLabel: string;

  @Column('boolean', { default: false })
  difficult: boolean;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('area_parents')
export class AreaParentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('integer', { name: 'area_id' })
  areaId: number;

  @Column('integer', { name: 'parent_id' })
  parentId: number;

  @Column('date', { name: 'valid_from' })
  validFrom: string;

  @Column('date', { name: 'valid_to', nullable: true })
  validTo: string | null;

  @Column('text', { nullable: true })
  note: string | null;
}

export type AreaChange = 'merger' | 'split' | 'rename' | 'upgrade';

@Entity('area_successions')
export class AreaSuccessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('integer', { name: 'predecessor_id' })
  predecessorId: number;

  @Column('integer', { name: 'successor_id' })
  successorId: number;

  @Column('date', { name: 'effective_on' })
  effectiveOn: string;

  @Column('text')
  change: AreaChange;

  @Column('text', { nullable: true })
  note: string | null;
}
