import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * A rule another module adds to every commitment of a round's money (an allocation round keeps
 * each partner within its allocation, whether the commitment is an approval or a grant made
 * larger later). It runs in the caller's transaction before the round's lock is taken, and
 * refuses by throwing a coded exception.
 */
export interface CommitmentPolicy {
  assertMayCommit(
    manager: EntityManager,
    roundId: string,
    applicationId: string,
    amountPence: number,
  ): Promise<void>;
}

/** Where those rules are registered (by their module, when it starts). */
@Injectable()
export class CommitmentPolicies {
  private readonly policies: CommitmentPolicy[] = [];

  register(policy: CommitmentPolicy): void {
    if (!this.policies.includes(policy)) this.policies.push(policy);
  }

  async assertMayCommit(
    manager: EntityManager,
    roundId: string,
    applicationId: string,
    amountPence: number,
  ): Promise<void> {
    for (const policy of this.policies)
      await policy.assertMayCommit(manager, roundId, applicationId, amountPence);
  }
}
