import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GrantRound } from '../entities/grant-round.entity';

/**
 * Runs inside the transaction that opens the round; returns ids of outbox emails it wrote so
 * they are dispatched after commit. Lets other libraries react without funds knowing them.
 */
export type RoundOpenedHandler = (manager: EntityManager, round: GrantRound) => Promise<string[]>;

@Injectable()
export class RoundEvents {
  private readonly openedHandlers: RoundOpenedHandler[] = [];

  onOpened(handler: RoundOpenedHandler): void {
    this.openedHandlers.push(handler);
  }

  async emitOpened(manager: EntityManager, round: GrantRound): Promise<string[]> {
    const ids: string[] = [];
    for (const handler of this.openedHandlers) ids.push(...(await handler(manager, round)));
    return ids;
  }
}
