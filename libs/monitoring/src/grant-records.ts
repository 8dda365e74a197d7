import {
  Application,
  ApplicationNotices,
  ApplicationsService,
  loadApplication,
  Notice,
} from '@grants/applications';
import { Award, AwardNotFoundException } from '@grants/awards';
import { isUuid } from '@grants/core';
import { Applicant } from '@grants/identity';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { GrantNotLiveException } from './monitoring.exceptions';

/** The lookups every part of managing a grant shares: whose it is, its lock, its notices. */
@Injectable()
export class GrantRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsService,
    private readonly notices: ApplicationNotices,
  ) {}

  /** The award on the applicant's application (404 unless they act for its organisation). */
  async forApplicant(applicant: Applicant, applicationId: string): Promise<Award> {
    await this.applications.get(applicant, applicationId);
    const award = await this.dataSource.manager.findOneBy(Award, { applicationId });
    if (!award) throw new AwardNotFoundException();
    return award;
  }

  async get(awardId: string, manager = this.dataSource.manager): Promise<Award> {
    const award = isUuid(awardId) ? await manager.findOneBy(Award, { id: awardId }) : null;
    if (!award) throw new AwardNotFoundException();
    return award;
  }

  /** Locks the award's row for a change; refused unless the grant is live (accepted). */
  async lockLive(manager: EntityManager, awardId: string): Promise<Award> {
    const award = await this.lock(manager, awardId);
    if (award.status !== 'accepted') throw new GrantNotLiveException();
    return award;
  }

  async lock(manager: EntityManager, awardId: string): Promise<Award> {
    const award = isUuid(awardId)
      ? await manager.findOne(Award, {
          where: { id: awardId },
          lock: { mode: 'pessimistic_write' },
        })
      : null;
    if (!award) throw new AwardNotFoundException();
    return award;
  }

  /** One notice to the organisation's members about its grant; returns the outbox ids. */
  async notify(
    manager: EntityManager,
    about: Award | Application,
    notice: Omit<Notice, 'template'>,
  ): Promise<string[]> {
    const application =
      about instanceof Application ? about : await loadApplication(manager, about.applicationId);
    return this.notices.send(manager, application, { template: 'application-notice', ...notice });
  }
}
