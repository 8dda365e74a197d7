import { roundRuleErrors, totalBudgetPence } from '@grants/funds';
import { DEMO_PASSWORD, DEMO_STAFF, demoRounds, ukDayFromNow } from './demo-data';

describe('demo data', () => {
  const now = new Date('2025-11-22T10:00:00Z');
  const rounds = demoRounds(now);
  const byCode = (code: string) => rounds.find((r) => r.input.code === code)!.input;

  it('passes the rules every round is held to', () => {
    for (const round of rounds) expect(roundRuleErrors(round.input)).toEqual([]);
  });

  it('shows every state a round can be in', () => {
    expect(new Set(rounds.map((r) => r.target))).toEqual(
      new Set(['draft', 'scheduled', 'open', 'closed']),
    );
    for (const round of rounds.filter((r) => r.target === 'closed'))
      expect(round.input.closesAt.getTime()).toBeLessThan(now.getTime());
    const open = rounds.find((r) => r.target === 'open')!.input;
    expect(open.opensAt.getTime()).toBeLessThan(now.getTime());
    expect(open.closesAt.getTime()).toBeGreaterThan(now.getTime());
    const scheduled = rounds.find((r) => r.target === 'scheduled')!.input;
    expect(scheduled.opensAt.getTime()).toBeGreaterThan(now.getTime());
  });

  it('keeps the Diversion round figures and its UK deadline (17:00 BST = 16:00 UTC)', () => {
    const div = byCode('DIV');
    expect(totalBudgetPence(div)).toBe(20_403_033);
    expect(div.maxGrantPence).toBe(2_000_000);
    expect([div.minDurationMonths, div.maxDurationMonths]).toEqual([12, 24]);
    expect([div.recommendThresholdBp, div.reserveThresholdBp]).toEqual([7000, 6000]);
    expect(div.closesAt.toISOString()).toBe('2022-10-24T16:00:00.000Z');
  });

  it('keeps the Community Response Fund pilot areas, caps and vote', () => {
    const pilot = byCode('PILOT');
    expect(pilot.areas.map((a) => [a.name, a.budgetCapPence])).toEqual([
      ['Winterton', 1_000_000],
      ['Bridlington South', 1_000_000],
    ]);
    expect(pilot.decisionMethod).toBe('public-vote');
    expect([pilot.shortlistSize, pilot.winnersPerArea]).toEqual([3, 1]);
    expect(pilot.opensAt.toISOString()).toBe('2023-03-09T09:00:00.000Z');
  });

  it('places relative dates on UK wall-clock times across the clock change', () => {
    // 29 March 2026: the clocks go forward; 17:00 that day is 16:00 UTC.
    expect(ukDayFromNow(new Date('2026-03-28T12:00:00Z'), 1, '17:00').toISOString()).toBe(
      '2026-03-29T16:00:00.000Z',
    );
  });

  it('has one staff user per role and a password the service accepts', () => {
    expect(DEMO_STAFF.flatMap((s) => s.roles).sort()).toEqual([
      'admin',
      'assessor',
      'decision-maker',
      'finance',
      'grants-officer',
    ]);
    expect(DEMO_PASSWORD.length).toBeGreaterThanOrEqual(12);
  });
});
