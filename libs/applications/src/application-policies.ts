import { GrantRound } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Application } from './entities/application.entity';

/**
 * A rule another module adds to the applicant's journey for rounds it owns (an allocation round
 * admits only its partners, each within its allocation). Each step runs in the journey's own
 * transaction, after its own checks, and refuses by throwing a coded exception.
 */
export interface ApplicationPolicy {
  /** Before a draft is started for the organisation. */
  assertMayStart?(manager: EntityManager, round: GrantRound, organisationId: string): Promise<void>;
  /**
   * On every submission, in its transaction, with its answers complete; the submission is then
   * written only if the application has not changed since it was read.
   */
  assertMaySubmit?(manager: EntityManager, application: Application): Promise<void>;
  /**
   * Whether assertMaySubmit has a say in this round's submissions (then they are taken one at a
   * time, each in a transaction). Left out: every round.
   */
  governsSubmission?(round: GrantRound): boolean;
}

/**
 * Where those rules are registered (by the module providing them, when it starts), so this
 * library needs to know nothing about the modules that build on it.
 */
@Injectable()
export class ApplicationPolicies {
  private readonly policies: ApplicationPolicy[] = [];

  register(policy: ApplicationPolicy): void {
    if (!this.policies.includes(policy)) this.policies.push(policy);
  }

  async assertMayStart(
    manager: EntityManager,
    round: GrantRound,
    organisationId: string,
  ): Promise<void> {
    for (const policy of this.policies)
      await policy.assertMayStart?.(manager, round, organisationId);
  }

  governsSubmission(round: GrantRound): boolean {
    return this.policies.some(
      (policy) => policy.assertMaySubmit && (policy.governsSubmission?.(round) ?? true),
    );
  }

  async assertMaySubmit(manager: EntityManager, application: Application): Promise<void> {
    for (const policy of this.policies) await policy.assertMaySubmit?.(manager, application);
  }
}
