import { EntityManager } from 'typeorm';

/** What has been paid on one grant so far. */
export async function paidPence(manager: EntityManager, awardId: string): Promise<number> {
  const [{ paid }]: { paid: string }[] = await manager.query(
    `SELECT COALESCE(SUM(amount_pence), 0) AS paid FROM grant_payments WHERE award_id = $1 AND status = 'paid'`,
    [awardId],
  );
  return Number(paid);
}
