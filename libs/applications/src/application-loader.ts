import { EntityManager } from 'typeorm';
import { entitiesFromJson, entityFromJson, isUuid, JsonRow, PREPARED } from '@grants/core';
import { Fund, GrantRound, RoundArea } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { Application } from './entities/application.entity';
import { ApplicationBudgetLine } from './entities/application-budget-line.entity';
import { ApplicationMessage } from './entities/application-message.entity';
import { ApplicationNotFoundException } from './applications.exceptions';

/**
 * One row: each table as JSON (see entityFromJson), the round's areas and the budget lines as
 * arrays in their order. Prepared (`PREPARED`) on every pooled connection: it runs on every
 * applicant page and every submission.
 */
const SELECT = `/* ${PREPARED} */ SELECT to_jsonb(a) AS application, to_jsonb(r) AS round,
         to_jsonb(f) AS fund, to_jsonb(o) AS organisation, to_jsonb(ar) AS area,
         (SELECT jsonb_agg(ra ORDER BY ra.position) FROM round_areas ra
           WHERE ra.round_id = r.id) AS round_areas,
         (SELECT jsonb_agg(l ORDER BY l.position) FROM application_budget_lines l
           WHERE l.application_id = a.id) AS budget_lines
    FROM applications a
    JOIN grant_rounds r ON r.id = a.round_id
    JOIN funds f ON f.id = r.fund_id
    JOIN organisations o ON o.id = a.organisation_id
    LEFT JOIN round_areas ar ON ar.id = a.area_id
   WHERE a.id = $1`;
const SELECT_FOR_MEMBER = `${SELECT}
     AND a.organisation_id IN (SELECT m.organisation_id FROM organisation_members m
                                WHERE m.applicant_id = $2)`;

interface LoadedRow {
  application: JsonRow;
  round: JsonRow;
  fund: JsonRow;
  organisation: JsonRow;
  area: JsonRow | null;
  round_areas: JsonRow[] | null;
  budget_lines: JsonRow[] | null;
}

/**
 * Loads an application with what its pages and rules need: its round (with the fund and the
 * round's areas), organisation, area and budget lines. With `lock`, the row is locked first
 * (FOR UPDATE cannot go on the outer join), so concurrent changes to one application queue up.
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
  const { memberId } = options;
  const rows: LoadedRow[] =
    memberId === undefined
      ? await manager.query(SELECT, [id])
      : await manager.query(SELECT_FOR_MEMBER, [id, memberId]);
  if (rows.length === 0) throw new ApplicationNotFoundException();
  return applicationFromRow(manager, rows[0]);
}

function applicationFromRow(manager: EntityManager, row: LoadedRow): Application {
  const dataSource = manager.connection;
  const round = entityFromJson(dataSource, GrantRound, row.round);
  round.fund = entityFromJson(dataSource, Fund, row.fund);
  round.areas = entitiesFromJson(dataSource, RoundArea, row.round_areas);
  const application = entityFromJson(dataSource, Application, row.application);
  application.round = round;
  application.organisation = entityFromJson(dataSource, Organisation, row.organisation);
  application.area = row.area ? entityFromJson(dataSource, RoundArea, row.area) : null;
  application.budgetLines = entitiesFromJson(dataSource, ApplicationBudgetLine, row.budget_lines);
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
