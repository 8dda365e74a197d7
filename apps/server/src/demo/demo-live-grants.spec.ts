import { addDays, ukToday } from '@grants/core';
import { planGrant } from '@grants/monitoring';
import { liveGrantStories, startForReturnDue } from './demo-live-grants';

describe('the demo live grants plan', () => {
  it('finds the project start that puts a return due on a given day', () => {
    for (const due of ['2026-11-26', '2026-03-01', '2026-05-31', '2027-02-28']) {
      const startOn = startForReturnDue(12, 2, due);
      expect(planGrant(2, startOn, 12).returns[1].dueOn).toBe(due);
    }
  });

  // Days of the year that test the month ends and both clock changes.
  it.each([
    '2026-11-22T12:00:00Z',
    '2027-01-31T23:30:00Z',
    '2027-03-28T00:30:00Z',
    '2027-10-31T01:30:00Z',
    '2028-02-29T09:00:00Z',
  ])('dates every step in the past, in time order per grant, on %s', (iso) => {
    const now = new Date(iso);
    const stories = liveGrantStories(now);
    expect(stories).toHaveLength(7);
    for (const story of stories) {
      const times = story.steps.map((s) => s.at.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const t of times) expect(t).toBeLessThan(now.getTime());
    }
    const today = ukToday(now);
    const boxing = stories.find((s) => s.shows.includes('due within the week'))!;
    const due = planGrant(2, boxing.project!.startOn, 12).returns[0].dueOn;
    expect(due > today && due <= addDays(today, 7)).toBe(true);
  });
});
