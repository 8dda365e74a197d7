import { ApplicationScore, SCORE_BAND_LABELS, ScoreBand } from '@grants/assessment';
import { formatPence, spreadsheetCsv } from '@grants/core';

const BANDS: ScoreBand[] = ['recommend', 'reserve', 'not-recommended'];

const BAND_TAGS: Record<ScoreBand, string> = {
  recommend: 'govuk-tag--green',
  reserve: 'govuk-tag--yellow',
  'not-recommended': 'govuk-tag--grey',
};

/** GOV.UK colours for the bars: green, yellow and dark grey, each clear against white. */
const BAND_COLOURS: Record<ScoreBand, string> = {
  recommend: '#00703c',
  reserve: '#ffdd00',
  'not-recommended': '#505a5f',
};

/** The longest bar, in the SVG's own units; the others in proportion. */
const BAR_SPACE = 360;

export function scoreRow(score: ApplicationScore, rank: number | null) {
  return {
    rank,
    applicationId: score.applicationId,
    reference: score.reference,
    organisationName: score.organisationName,
    projectTitle: score.projectTitle,
    amount: score.amountRequestedPence === null ? '' : formatPence(score.amountRequestedPence),
    assessorCount: score.assessorCount,
    // forRound gives two decimals rounded down (69.999 is "69.99", never "70.00").
    percentage: score.percentage,
    band: score.band,
    bandLabel: score.band ? SCORE_BAND_LABELS[score.band] : null,
    bandTag: score.band ? BAND_TAGS[score.band] : null,
    needsModeration: score.needsModeration,
    moderated: score.moderation !== null,
  };
}

/** Counts per band, and the bars of the chart drawn from them. */
export function bandSummary(ranked: { band: ScoreBand | null }[]) {
  const counts = BANDS.map((band) => ({
    band,
    label: SCORE_BAND_LABELS[band],
    count: ranked.filter((s) => s.band === band).length,
  }));
  const most = Math.max(1, ...counts.map((c) => c.count));
  return {
    counts,
    /** "11 recommend · 10 reserve · 13 not recommended" */
    line: counts.map((c) => `${c.count} ${c.label.toLowerCase()}`).join(' · '),
    bars: counts.map((c, i) => ({
      ...c,
      y: 10 + i * 48,
      width: Math.round((c.count / most) * BAR_SPACE),
      colour: BAND_COLOURS[c.band],
    })),
  };
}

/** The overview's table as CSV, ranked, then those not yet scored. */
export function scoresCsv(rows: ReturnType<typeof scoreRow>[]): string {
  // Organisation and project names are typed by applicants: neutralised like every export.
  return spreadsheetCsv(
    rows.map((r) => [
      r.rank ?? '',
      r.reference,
      r.organisationName,
      r.projectTitle,
      r.amount,
      r.assessorCount,
      r.percentage ?? '',
      r.bandLabel ?? 'Not yet scored',
      r.needsModeration ? 'Yes' : 'No',
    ]),
    {
      header: true,
      columns: [
        'Rank',
        'Reference',
        'Organisation',
        'Project',
        'Amount requested',
        'Assessors submitted',
        'Score (%)',
        'Band',
        'Needs moderation',
      ],
    },
  );
}
