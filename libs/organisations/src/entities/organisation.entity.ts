import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import type { OrganisationType } from '@grants/funds';

/**
 * An applying organisation's profile. Registered numbers are stored normalised (company numbers
 * with their leading zeros) and give its 360Giving identifier (GB-CHC-..., GB-COH-...).
 * Fields start blank: the profile is filled in as the applicant goes and must be complete to submit.
 */
@Entity({ name: 'organisations' })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  type: OrganisationType;

  @Column({ name: 'charity_number', type: 'text', nullable: true })
  charityNumber: string | null;

  @Column({ name: 'company_number', type: 'text', nullable: true })
  companyNumber: string | null;

  @Column({ name: 'address_line1', type: 'text', default: '' })
  addressLine1: string;

  @Column({ name: 'address_line2', type: 'text', default: '' })
  addressLine2: string;

  @Column({ type: 'text', default: '' })
  town: string;

  /** Upper case with one space: DN15 9AB. */
  @Column({ type: 'text', default: '' })
  postcode: string;

  @Column({ name: 'contact_name', type: 'text', default: '' })
  contactName: string;

  @Column({ name: 'contact_email', type: 'text', default: '' })
  contactEmail: string;

  @Column({ name: 'contact_phone', type: 'text', default: '' })
  contactPhone: string;

  @Column({ name: 'safeguarding_lead_name', type: 'text', default: '' })
  safeguardingLeadName: string;

  @Column({ name: 'safeguarding_lead_email', type: 'text', default: '' })
  safeguardingLeadEmail: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
