import { Application } from '@grants/applications';
import { AssessorAssignment, AssignmentStatus } from '@grants/assessment';
import { StaffUser } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

export const ASSIGNMENT_STATUS_LABELS: Record<AssignmentStatus, string> = {
  'awaiting-declaration': 'Awaiting declaration',
  accepted: 'Scoring',
  submitted: 'Submitted',
  conflict: 'Conflict declared',
};

export const ASSIGNMENT_STATUS_TAGS: Record<AssignmentStatus, string> = {
  'awaiting-declaration': 'govuk-tag--grey',
  accepted: 'govuk-tag--blue',
  submitted: 'govuk-tag--green',
  conflict: 'govuk-tag--red',
};

export interface BoardEntry {
  application: Application;
  assignments: AssessorAssignment[];
}

/**
 * What the assignments page reads: the round's eligible applications with their assignments
 * (two queries, not one per application), and the staff who can be assigned.
 */
@Injectable()
export class AssignmentBoard {
  constructor(private readonly dataSource: DataSource) {}

  async forRound(roundId: string): Promise<BoardEntry[]> {
    const applications = await this.dataSource.getRepository(Application).find({
      where: { roundId, status: 'eligible' },
      relations: { organisation: true },
      order: { sequence: 'ASC' },
    });
    const assignments = applications.length
      ? await this.dataSource.getRepository(AssessorAssignment).find({
          where: { applicationId: In(applications.map((a) => a.id)) },
          relations: { assessor: true },
          order: { assignedAt: 'ASC' },
        })
      : [];
    return applications.map((application) => ({
      application,
      assignments: assignments.filter((a) => a.applicationId === application.id),
    }));
  }

  /** Active staff with the assessor role, by name. */
  async assessors(): Promise<StaffUser[]> {
    const users = await this.dataSource
      .getRepository(StaffUser)
      .find({ where: { active: true }, order: { displayName: 'ASC', email: 'ASC' } });
    return users.filter((u) => u.roles.includes('assessor'));
  }

  /** The assignment and its application's round, for the reopen page (null if not there). */
  async assignment(id: string): Promise<AssessorAssignment | null> {
    return this.dataSource.getRepository(AssessorAssignment).findOne({
      where: { id },
      relations: { assessor: true, application: { organisation: true } },
    });
  }
}
