import { Turnout } from '@grants/ballots';
import { DateTime } from 'luxon';

/** The longest bar and each bar's height, in the SVG's own units. */
const BAR_SPACE = 360;
const ROW_HEIGHT = 28;

/** "2023-05-02 18:00" (UK time, from the count) as "2 May 18:00". */
function hourLabel(hour: string): string {
  const dt = DateTime.fromFormat(hour, 'yyyy-MM-dd HH:mm', { zone: 'Europe/London' });
  return dt.isValid ? dt.toFormat('d MMM HH:mm') : hour;
}

/**
 * One area's turnout with its votes by hour as a bar chart drawn in SVG (no script, no inline
 * style, so it passes the page's CSP) and as the table that is its accessible source.
 */
export function turnoutView(turnout: Turnout) {
  const hours = turnout.byHour.map((h) => ({ label: hourLabel(h.hour), votes: h.votes }));
  const most = Math.max(1, ...hours.map((h) => h.votes));
  const busiest = hours.find((h) => h.votes === most);
  return {
    ballotId: turnout.ballotId,
    areaName: turnout.areaName,
    votes: turnout.votes,
    voided: turnout.voided,
    verifiedVoters: turnout.verifiedVoters,
    hours,
    /** What the chart says, for its description. */
    line:
      hours.length === 0
        ? 'No votes yet'
        : `${turnout.votes} ${turnout.votes === 1 ? 'vote' : 'votes'} over ${hours.length} ${hours.length === 1 ? 'hour' : 'hours'}; the busiest hour, from ${busiest!.label}, had ${most}`,
    chartHeight: 10 + hours.length * ROW_HEIGHT,
    bars: hours.map((h, i) => ({
      ...h,
      y: 6 + i * ROW_HEIGHT,
      width: Math.round((h.votes / most) * BAR_SPACE),
    })),
  };
}
