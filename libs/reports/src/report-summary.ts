import { formatPence, formatUkDate } from '@grants/core';
import type { RoundReport } from './round-report';

export type SummaryFacts = Omit<RoundReport, 'summary'>;

/** "5,000": counts as a report prints them. */
export function whole(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "1 grant", "12 grants". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${whole(count)} ${count === 1 ? one : many}`;
}

/** "the Diversion from ASB and Crime round"; a title that already says "round" keeps it once. */
function roundName(title: string): string {
  return /\bround$/i.test(title.trim()) ? `the ${title}` : `the ${title} round`;
}

/** "A, B and C". */
export function listAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** 7000 → "70%", 6750 → "67.5%". */
export function percentOf(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

/** Starts a sentence with a count: "None", "1", "12". */
function count(n: number): string {
  return n === 0 ? 'None' : whole(n);
}

/** The reserve band's top as people write it: "69%" below a whole 70%, otherwise "under 67.5%". */
function reserveRange(reserveBp: number, recommendBp: number): string {
  if (recommendBp % 100 === 0 && reserveBp < recommendBp - 100)
    return `between ${percentOf(reserveBp)} and ${percentOf(recommendBp - 100)}`;
  return `from ${percentOf(reserveBp)} to under ${percentOf(recommendBp)}`;
}

function applicationsSentence(r: SummaryFacts): string {
  const { round, applications } = r;
  const name = roundName(round.title);
  const closes = formatUkDate(round.closesAt);
  if (round.status === 'draft' || round.status === 'scheduled')
    return `${name.charAt(0).toUpperCase()}${name.slice(1)} opens on ${formatUkDate(round.opensAt)} and closes on ${closes}.`;
  if (round.status === 'open')
    return applications.received === 0
      ? `No applications have been submitted yet to ${name}, which closes on ${closes}.`
      : `${plural(applications.received, 'application')} ${applications.received === 1 ? 'has' : 'have'} been submitted so far to ${name}, which closes on ${closes}.`;
  return applications.received === 0
    ? `No applications were submitted to ${name}, which closed on ${closes}.`
    : `${plural(applications.received, 'application')} ${applications.received === 1 ? 'was' : 'were'} submitted to ${name}, which closed on ${closes}.`;
}

/** Said only when not every application received went through as eligible. */
function appraisalSentence(r: SummaryFacts): string | null {
  const a = r.applications;
  if (a.received === 0 || a.eligible === a.received) return null;
  const parts: string[] = [`${count(a.eligible)} ${a.eligible === 1 ? 'was' : 'were'} eligible`];
  if (a.ineligible > 0)
    parts.push(`${whole(a.ineligible)} ${a.ineligible === 1 ? 'was' : 'were'} not`);
  if (a.withdrawn > 0)
    parts.push(`${whole(a.withdrawn)} ${a.withdrawn === 1 ? 'was' : 'were'} withdrawn`);
  if (a.awaitingAppraisal > 0)
    parts.push(
      `${whole(a.awaitingAppraisal)} ${a.awaitingAppraisal === 1 ? 'is' : 'are'} still being appraised`,
    );
  return `${listAnd(parts)}.`;
}

function scoresSentence(r: SummaryFacts): string | null {
  const s = r.scores;
  if (!s || s.scored === 0) return null;
  const b = s.bands;
  const text = `${count(b.recommend)} scored ${percentOf(s.recommendThresholdBp)} or higher, ${whole(b.reserve)} scored ${reserveRange(s.reserveThresholdBp, s.recommendThresholdBp)} and ${whole(b['not-recommended'])} scored under ${percentOf(s.reserveThresholdBp)}`;
  return s.unscored > 0
    ? `${text}; ${whole(s.unscored)} ${s.unscored === 1 ? 'is' : 'are'} still to be scored.`
    : `${text}.`;
}

function voteSentences(r: SummaryFacts): string[] {
  if (r.round.decisionMethod !== 'public-vote') return [];
  const sentences: string[] = [];
  const shortlisted = r.areas.reduce((sum, a) => sum + a.shortlisted, 0);
  const withShortlist = r.areas.filter((a) => a.shortlisted > 0);
  if (shortlisted > 0)
    sentences.push(
      `${plural(shortlisted, 'project was', 'projects were')} shortlisted for the public vote${withShortlist.length > 1 ? ` in ${plural(withShortlist.length, 'area')}` : ''}.`,
    );
  const voted = r.areas.filter(
    (a) => a.ballotStatus && !['draft', 'scheduled'].includes(a.ballotStatus),
  );
  if (voted.length === 0) return sentences;
  const total = voted.reduce((sum, a) => sum + a.votes, 0);
  const stillOpen = voted.some((a) => a.ballotStatus === 'open');
  if (total === 0) {
    sentences.push(stillOpen ? 'No votes have been cast yet.' : 'No votes were cast.');
    return sentences;
  }
  const perArea = voted.map((a, i) =>
    i === 0 ? `${plural(a.votes, 'vote')} in ${a.name}` : `${whole(a.votes)} in ${a.name}`,
  );
  sentences.push(
    stillOpen
      ? `Residents have cast ${listAnd(perArea)} so far.`
      : `Residents cast ${listAnd(perArea)}.`,
  );
  return sentences;
}

/** Where the money comes from: " from A", or " (A £100,000.00; B £104,030.33)". */
function sources(r: SummaryFacts): string {
  const { contributions } = r.budget;
  if (contributions.length === 0) return '';
  if (contributions.length === 1) return ` from ${contributions[0].sourceName}`;
  return ` (${contributions.map((c) => `${c.sourceName} ${formatPence(c.amountPence)}`).join('; ')})`;
}

/** "the £204,030.33 available (A £100,000.00; B £104,030.33)". */
function available(r: SummaryFacts): string {
  return `the ${formatPence(r.budget.budgetPence)} available${sources(r)}`;
}

function remains(pence: number): string {
  return pence > 0 ? `${formatPence(pence)} remains` : 'nothing remains';
}

function moneySentences(r: SummaryFacts): string[] {
  const { awarded, declined, expired } = r.awards;
  const left = r.budget.availablePence;
  if (!r.decision) {
    if (r.budget.budgetPence === 0) return [];
    // Approvals commit money before the sign-off: say what is left of the whole.
    const money =
      left === r.budget.budgetPence
        ? `${formatPence(left)} is available${sources(r)}`
        : `${formatPence(left)} of ${available(r)} is uncommitted`;
    return [r.round.status === 'closed' ? `No decision has been made yet; ${money}.` : `${money}.`];
  }
  const sentences: string[] = [];
  if (awarded.count === 0)
    sentences.push(`No grants were awarded from ${available(r)}; ${remains(left)}.`);
  else if (awarded.count === 1)
    sentences.push(
      `1 grant of ${formatPence(awarded.amountPence)} was awarded from ${available(r)}; ${remains(left)}.`,
    );
  else
    sentences.push(
      `${whole(awarded.count)} grants were awarded, totalling ${formatPence(awarded.amountPence)} of ${available(r)}; ${remains(left)}.`,
    );
  const lapsed = (m: { count: number; amountPence: number }, what: string) =>
    m.count === 1
      ? `1 offer (${formatPence(m.amountPence)}) was ${what}.`
      : `${whole(m.count)} offers, ${formatPence(m.amountPence)} in all, were ${what}.`;
  if (declined.count > 0) sentences.push(lapsed(declined, 'declined by the organisation'));
  if (expired.count > 0) sentences.push(lapsed(expired, 'not accepted in time'));
  return sentences;
}

/**
 * The round's figures as the paragraph a Police and Crime Panel update would carry ("34
 * applications were submitted to the Diversion from ASB and Crime round, which closed on 24
 * October 2022. 11 scored 70% or higher, ..."). A pure function of the figures, so each
 * wording is tested exactly.
 */
export function reportSummary(r: SummaryFacts): string {
  return [
    applicationsSentence(r),
    appraisalSentence(r),
    scoresSentence(r),
    ...voteSentences(r),
    ...moneySentences(r),
  ]
    .filter((s): s is string => !!s)
    .join(' ');
}
