import { planGrant, projectStart } from './grant-schedule';

describe('planGrant', () => {
  it('plans two quarterly returns and a final report for a nine-month project', () => {
    const plan = planGrant(1_000_001, '2026-09-01', 9);
    expect(plan.endOn).toBe('2027-05-31');
    expect(plan.returns).toEqual([
      {
        sequence: 1,
        kind: 'quarterly',
        periodStartOn: '2026-09-01',
        periodEndOn: '2026-11-30',
        dueOn: '2026-12-14',
      },
      {
        sequence: 2,
        kind: 'quarterly',
        periodStartOn: '2026-12-01',
        periodEndOn: '2027-02-28',
        dueOn: '2027-03-14',
      },
      {
        sequence: 3,
        kind: 'final',
        periodStartOn: '2026-09-01',
        periodEndOn: '2027-05-31',
        dueOn: '2027-06-28',
      },
    ]);
    // Half on acceptance with the odd penny, the rest after the mid-point (first) quarter.
    expect(plan.payments).toEqual([
      { sequence: 1, label: '50% on acceptance', amountPence: 500_001, afterReturnSequence: null },
      {
        sequence: 2,
        label: '50% after the mid-point return (return 1)',
        amountPence: 500_000,
        afterReturnSequence: 1,
      },
    ]);
  });

  it('plans three quarters for a twelve-month project, the second payment after the second', () => {
    // From 31 January, three months on is 30 April (the month has no 31st): the quarter ends the day before.
    const plan = planGrant(2_000_000, '2023-01-31', 12);
    expect(plan.endOn).toBe('2024-01-30');
    expect(plan.returns.map((r) => [r.kind, r.periodEndOn])).toEqual([
      ['quarterly', '2023-04-29'],
      ['quarterly', '2023-07-30'],
      ['quarterly', '2023-10-30'],
      ['final', '2024-01-30'],
    ]);
    expect(plan.payments[1].afterReturnSequence).toBe(2);
  });

  it('pays the second half after the final report when the project is shorter than a quarter', () => {
    const plan = planGrant(900_000, '2026-01-01', 3);
    expect(plan.returns).toHaveLength(1);
    expect(plan.returns[0].kind).toBe('final');
    expect(plan.payments[1]).toMatchObject({
      label: '50% after the final report',
      afterReturnSequence: 1,
    });
  });

  it('keeps the whole of a one-penny grant in one instalment', () => {
    expect(planGrant(1, '2026-01-01', 12).payments).toEqual([
      { sequence: 1, label: 'On acceptance', amountPence: 1, afterReturnSequence: null },
    ]);
  });
});

describe('projectStart', () => {
  it('starts on the planned day when it is still ahead, else on the day of acceptance', () => {
    expect(projectStart('2026-12-01', '2026-11-22')).toBe('2026-12-01');
    expect(projectStart('2022-04-01', '2026-11-22')).toBe('2026-11-22');
    expect(projectStart(null, '2026-11-22')).toBe('2026-11-22');
  });
});
