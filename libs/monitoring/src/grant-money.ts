import { EntityManager } from 'typeorm';

/** What has been paid on one grant so far. */
export async function paidPence(manager: EntityManager, awardId: string): Promise<number> {
  const [{ paid }]: { paid: string }[] = await manager.query(
    `SELECT COALESCE(SUM(amount_pence), 0) AS paid FROM grant_payments WHERE award_id = $1 AND status = 'paid'`,
    [awardId],
  );
  return Number(paid);
}

/** The number for an instalment added to a grant's schedule (a balance, an increase). */
export async function nextPaymentSequence(
  manager: EntityManager,
  awardId: string,
): Promise<number> {
  const [{ last }]: { last: string }[] = await manager.query(
    'SELECT COALESCE(MAX(sequence), 0) AS last FROM grant_payments WHERE award_id = $1',
    [awardId],
  );
  return Number(last) + 1;
}
