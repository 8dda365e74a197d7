import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

@Entity({ name: 'funds' })
export class Fund {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** In URLs: /funds/community-response-fund */
  @Column({ type: 'text', unique: true })
  slug: string;

  /** Starts application references: CSF-2022-DIV-0007. */
  @Column({ type: 'text', unique: true })
  code: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'owning_office', type: 'text' })
  owningOffice: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
