import { EntityManager, Raw } from 'typeorm';
import { Application } from './entities/application.entity';
import { ApplicationMessage } from './entities/application-message.entity';
import { ApplicationNotFoundException } from './applications.exceptions';
import { isUuid, PREPARED } from '@grants/core';

/**
 * Loads an application with what its pages and rules need. With `lock`, the row is locked first
 * (FOR UPDATE cannot go on the outer joins), so concurrent changes to one application queue up.
 * With `memberId`, only if that applicant acts for its organisation (in the same query): another
 * organisation's application is "not found", the same as one that does not exist.
 */
export async function loadApplication(
  manager: EntityManager,
  id: string,
  options: { lock?: boolean; memberId?: string } = {},
): Promise<Application> {
  if (!isUuid(id)) throw new ApplicationNotFoundException();
  if (options.lock) {
    const locked = await manager.findOne(Application, {
      where: { id },
      select: { id: true },
      lock: { mode: 'pessimistic_write' },
    });
    if (!locked) throw new ApplicationNotFoundException();
  }
  // find, not findOne: with one-to-many relations findOne's LIMIT 1 makes TypeORM run a second
  // DISTINCT query first to pick the id, and this runs on every page and every submission.
  const { memberId } = options;
  const [application] = await manager.find(Application, {
    where: {
      id,
      ...(memberId !== undefined && {
        organisationId: Raw(
          (column) =>
            `${column} IN (SELECT m.organisation_id FROM organisation_members m WHERE m.applicant_id = :memberId)`,
          { memberId },
        ),
      }),
    },
    relations: {
      round: { fund: true, areas: true },
      organisation: true,
      budgetLines: true,
      area: true,
    },
    order: { budgetLines: { position: 'ASC' }, round: { areas: { position: 'ASC' } } },
    // Seven tables joined: planning it cost ten times what running it did.
    comment: PREPARED,
  });
  if (!application) throw new ApplicationNotFoundException();
  return application;
}

/**
 * An application's messages, oldest first. The applicant's answer and the office's notice about
 * it are written by one statement at one instant: on a tie the applicant's comes first
 * ('applicant' sorts before 'office'), as the notice answers it.
 */
export function loadMessages(
  manager: EntityManager,
  applicationId: string,
): Promise<ApplicationMessage[]> {
  return manager.find(ApplicationMessage, {
    where: { applicationId },
    order: { createdAt: 'ASC', sender: 'ASC' },
  });
}
