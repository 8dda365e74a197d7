import { offerHasLapsed, offerRemindersDue, returnRemindersDue } from './reminder-rules';

// Clocks went back at 02:00 BST on 25 October 2026 and go forward at 01:00 GMT on 28 March 2027.
describe('returnRemindersDue', () => {
  it('sends the week-before reminder from 9am UK time on its day, in winter time after the October change', () => {
    // Due Monday 2 November 2026; a week before is 26 October, after the change: 9am is 09:00 UTC.
    expect(returnRemindersDue('2026-11-02', new Date('2026-10-26T08:59:59Z'))).toEqual([]);
    expect(returnRemindersDue('2026-11-02', new Date('2026-10-26T09:00:00Z'))).toEqual([
      { kind: 'return-due-soon' },
    ]);
  });

  it('uses summer time when the reminder day is after the March change', () => {
    // Due 6 April 2027; a week before is 30 March, in BST: 9am is 08:00 UTC.
    expect(returnRemindersDue('2027-04-06', new Date('2027-03-30T07:59:59Z'))).toEqual([]);
    expect(returnRemindersDue('2027-04-06', new Date('2027-03-30T08:00:00Z'))).toEqual([
      { kind: 'return-due-soon' },
    ]);
  });

  it('stops the reminder once the due day is over, then sends the overdue notice a week later', () => {
    expect(returnRemindersDue('2026-11-02', new Date('2026-11-03T00:00:00Z'))).toEqual([]);
    expect(returnRemindersDue('2026-11-02', new Date('2026-11-09T08:59:00Z'))).toEqual([]);
    expect(returnRemindersDue('2026-11-02', new Date('2026-11-09T09:00:00Z'))).toEqual([
      { kind: 'return-overdue' },
    ]);
  });
});

describe('offer reminders and expiry', () => {
  it('reminds a week and a day before the offer lapses, sending only the latest after a gap', () => {
    expect(offerRemindersDue('2026-11-02', new Date('2026-10-26T09:00:00Z'))).toEqual([
      { kind: 'offer-reminder-7d', daysLeft: 7 },
    ]);
    expect(offerRemindersDue('2026-11-02', new Date('2026-11-01T09:30:00Z'))).toEqual([
      { kind: 'offer-reminder-1d', daysLeft: 1 },
    ]);
  });

  it('lapses at midnight UK time at the end of the expiry day (BST: 23:00 UTC)', () => {
    expect(offerHasLapsed('2026-10-20', new Date('2026-10-20T22:59:59Z'))).toBe(false);
    expect(offerHasLapsed('2026-10-20', new Date('2026-10-20T23:00:00Z'))).toBe(true);
    expect(offerHasLapsed('2026-11-20', new Date('2026-11-20T23:59:59Z'))).toBe(false);
    expect(offerHasLapsed('2026-11-20', new Date('2026-11-21T00:00:00Z'))).toBe(true);
    expect(offerRemindersDue('2026-11-20', new Date('2026-11-21T00:00:00Z'))).toEqual([]);
  });
});
