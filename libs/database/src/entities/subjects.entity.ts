import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { UnitCategory } from '@app/domain';

/** Columns every registry subject shares: a caller-chosen code and an active period. */
abstract class SubjectColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('text', { unique: true })
  code: string;

  @Column('date', { name: 'active_from' })
  activeFrom: string;

  @Column('date', { name: 'deactivated_on', nullable: true })
  deactivatedOn: string | null;

  @Column('text', { name: 'deactivation_reason', nullable: true })
  deactivationReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

@Entity('households')
export class HouseholdEntity extends SubjectColumns {
  @Column('text', { name: 'head_name' })
  headName: string;

  @Column('text', { name: 'head_name_folded' })
  headNameFolded: string;

  @Column('integer', { name: 'hamlet_id' })
  hamletId: number;

  @Column('integer', { name: 'clan_id', nullable: true })
  clanId: number | null;

  @Column('smallint')
  members: number;

  @Column('text', { nullable: true })
  address: string | null;
}

@Entity('clans')
export class ClanEntity extends SubjectColumns {
  @Column('text')
  name: string;

  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Column('integer', { name: 'commune_id' })
  communeId: number;

  @Column('text', { name: 'head_name', nullable: true })
  headName: string | null;
}

@Entity('units')
export class UnitEntity extends SubjectColumns {
  @Column('text')
  name: string;

  @Column('text', { name: 'name_folded' })
  nameFolded: string;

  @Column('integer', { name: 'commune_id' })
  communeId: number;

  @Column('text')
  category: UnitCategory;

  @Column('text', { name: 'head_name', nullable: true })
  headName: string | null;
}
