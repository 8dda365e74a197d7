import { reportSummary, SummaryFacts, percentOf } from './report-summary';

const UK = (iso: string) => new Date(iso);

/** The Diversion round as the Police and Crime Panel heard it. */
function diversion(overrides: Partial<SummaryFacts> = {}): SummaryFacts {
  return {
    round: {
      id: 'r',
      title: 'Diversion from ASB and Crime',
      code: 'DIV',
      fundId: 'f',
      fundName: "Commissioner's Safety Fund",
      status: 'closed',
      decisionMethod: 'scored',
      opensAt: UK('2022-09-26T08:00:00Z'),
      closesAt: UK('2022-10-24T16:00:00Z'),
    },
    applications: { received: 34, eligible: 34, ineligible: 0, withdrawn: 0, awaitingAppraisal: 0 },
    scores: {
      recommendThresholdBp: 7000,
      reserveThresholdBp: 6000,
      scored: 34,
      unscored: 0,
      bands: { recommend: 11, reserve: 10, 'not-recommended': 13 },
      distribution: [],
    },
    areas: [],
    awards: {
      awarded: { count: 12, amountPence: 17_750_000 },
      declined: { count: 0, amountPence: 0 },
      expired: { count: 0, amountPence: 0 },
    },
    budget: {
      contributions: [
        { sourceName: "Commissioner's Safety Fund", amountPence: 10_000_000 },
        { sourceName: 'Violence Reduction Network', amountPence: 10_403_033 },
      ],
      budgetPence: 20_403_033,
      committedPence: 17_750_000,
      availablePence: 2_653_033,
      paidPence: 0,
      returnedPence: 0,
      duePence: 17_750_000,
    },
    decision: { number: 'DR-2022-002', signedOffAt: UK('2022-12-01T12:00:00Z'), publishedAt: null },
    ...overrides,
  };
}

function pilot(overrides: Partial<SummaryFacts> = {}): SummaryFacts {
  const area = (name: string, votes: number) => ({
    areaId: name,
    name,
    received: 4,
    shortlisted: 3,
    ballotStatus: 'published',
    votes,
    voided: 0,
  });
  return diversion({
    round: {
      ...diversion().round,
      title: 'Community Response Fund pilot',
      decisionMethod: 'public-vote',
      closesAt: UK('2023-04-24T16:00:00Z'),
    },
    applications: { received: 8, eligible: 7, ineligible: 1, withdrawn: 0, awaitingAppraisal: 0 },
    scores: null,
    areas: [area('Winterton', 17), area('Bridlington South', 14)],
    awards: {
      awarded: { count: 2, amountPence: 1_950_000 },
      declined: { count: 0, amountPence: 0 },
      expired: { count: 0, amountPence: 0 },
    },
    budget: {
      contributions: [{ sourceName: 'Community Response Fund', amountPence: 2_000_000 }],
      budgetPence: 2_000_000,
      committedPence: 1_950_000,
      availablePence: 50_000,
      paidPence: 0,
      returnedPence: 0,
      duePence: 1_950_000,
    },
    ...overrides,
  });
}

describe('reportSummary', () => {
  it('writes the Diversion round as the Panel update did', () => {
    expect(reportSummary(diversion())).toBe(
      '34 applications were submitted to the Diversion from ASB and Crime round, which closed on 24 October 2022. ' +
        '11 scored 70% or higher, 10 scored between 60% and 69% and 13 scored under 60%. ' +
        "12 grants were awarded, totalling £177,500.00 of the £204,030.33 available (Commissioner's Safety Fund £100,000.00; Violence Reduction Network £104,030.33); £26,530.33 remains.",
    );
  });

  it('says a public vote in each area, with singular and plural', () => {
    expect(reportSummary(pilot())).toBe(
      '8 applications were submitted to the Community Response Fund pilot round, which closed on 24 April 2023. ' +
        '7 were eligible and 1 was not. ' +
        '6 projects were shortlisted for the public vote in 2 areas. ' +
        'Residents cast 17 votes in Winterton and 14 in Bridlington South. ' +
        '2 grants were awarded, totalling £19,500.00 of the £20,000.00 available from Community Response Fund; £500.00 remains.',
    );
    const one = pilot({
      areas: [
        { ...pilot().areas[0], votes: 1, ballotStatus: 'open' },
        { ...pilot().areas[1], votes: 0, ballotStatus: 'open' },
      ],
      decision: null,
      awards: {
        awarded: { count: 0, amountPence: 0 },
        declined: { count: 0, amountPence: 0 },
        expired: { count: 0, amountPence: 0 },
      },
      budget: { ...pilot().budget, committedPence: 0, availablePence: 2_000_000 },
    });
    expect(reportSummary(one)).toBe(
      '8 applications were submitted to the Community Response Fund pilot round, which closed on 24 April 2023. ' +
        '7 were eligible and 1 was not. ' +
        '6 projects were shortlisted for the public vote in 2 areas. ' +
        'Residents have cast 1 vote in Winterton and 0 in Bridlington South so far. ' +
        'No decision has been made yet; £20,000.00 is available from Community Response Fund.',
    );
  });

  it('handles one application, one grant, one declined offer and nothing left', () => {
    const facts = diversion({
      applications: { received: 1, eligible: 1, ineligible: 0, withdrawn: 0, awaitingAppraisal: 0 },
      scores: {
        ...diversion().scores!,
        scored: 1,
        bands: { recommend: 1, reserve: 0, 'not-recommended': 0 },
      },
      awards: {
        awarded: { count: 1, amountPence: 1_500_000 },
        declined: { count: 1, amountPence: 500_000 },
        expired: { count: 2, amountPence: 2_000_000 },
      },
      budget: {
        contributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: 1_500_000 }],
        budgetPence: 1_500_000,
        committedPence: 1_500_000,
        availablePence: 0,
        paidPence: 0,
        returnedPence: 0,
        duePence: 1_500_000,
      },
    });
    expect(reportSummary(facts)).toBe(
      '1 application was submitted to the Diversion from ASB and Crime round, which closed on 24 October 2022. ' +
        '1 scored 70% or higher, 0 scored between 60% and 69% and 0 scored under 60%. ' +
        "1 grant of £15,000.00 was awarded from the £15,000.00 available from Commissioner's Safety Fund; nothing remains. " +
        '1 offer (£5,000.00) was declined by the organisation. ' +
        '2 offers, £20,000.00 in all, were not accepted in time.',
    );
  });

  it('says so when nothing was submitted, or nothing awarded', () => {
    const empty = diversion({
      applications: { received: 0, eligible: 0, ineligible: 0, withdrawn: 0, awaitingAppraisal: 0 },
      scores: {
        ...diversion().scores!,
        scored: 0,
        bands: { recommend: 0, reserve: 0, 'not-recommended': 0 },
      },
      awards: {
        awarded: { count: 0, amountPence: 0 },
        declined: { count: 0, amountPence: 0 },
        expired: { count: 0, amountPence: 0 },
      },
      budget: { ...diversion().budget, committedPence: 0, availablePence: 20_403_033 },
    });
    expect(reportSummary(empty)).toBe(
      'No applications were submitted to the Diversion from ASB and Crime round, which closed on 24 October 2022. ' +
        "No grants were awarded from the £204,030.33 available (Commissioner's Safety Fund £100,000.00; Violence Reduction Network £104,030.33); £204,030.33 remains.",
    );
  });

  it('speaks of an open round in the present, with scoring and appraisal still going', () => {
    const open = diversion({
      round: { ...diversion().round, status: 'open' },
      applications: { received: 5, eligible: 3, ineligible: 0, withdrawn: 1, awaitingAppraisal: 1 },
      scores: {
        ...diversion().scores!,
        recommendThresholdBp: 7500,
        reserveThresholdBp: 6500,
        scored: 2,
        unscored: 1,
        bands: { recommend: 0, reserve: 1, 'not-recommended': 1 },
      },
      decision: null,
      budget: { ...diversion().budget, committedPence: 1_000_000, availablePence: 19_403_033 },
    });
    expect(reportSummary(open)).toBe(
      '5 applications have been submitted so far to the Diversion from ASB and Crime round, which closes on 24 October 2022. ' +
        '3 were eligible, 1 was withdrawn and 1 is still being appraised. ' +
        'None scored 75% or higher, 1 scored between 65% and 74% and 1 scored under 65%; 1 is still to be scored. ' +
        "£194,030.33 of the £204,030.33 available (Commissioner's Safety Fund £100,000.00; Violence Reduction Network £104,030.33) is uncommitted.",
    );
  });

  it('announces a round not yet open', () => {
    const scheduled = diversion({
      round: { ...diversion().round, status: 'scheduled' },
      applications: { received: 0, eligible: 0, ineligible: 0, withdrawn: 0, awaitingAppraisal: 0 },
      scores: null,
      decision: null,
      budget: {
        contributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: 11_100_000 }],
        budgetPence: 11_100_000,
        committedPence: 0,
        availablePence: 11_100_000,
        paidPence: 0,
        returnedPence: 0,
        duePence: 0,
      },
    });
    expect(reportSummary(scheduled)).toBe(
      'The Diversion from ASB and Crime round opens on 26 September 2022 and closes on 24 October 2022. ' +
        "£111,000.00 is available from Commissioner's Safety Fund.",
    );
  });
});

it('writes large counts with separators and a title ending in "round" once', () => {
  const big = diversion({
    round: { ...diversion().round, title: 'General round' },
    applications: {
      received: 5000,
      eligible: 5000,
      ineligible: 0,
      withdrawn: 0,
      awaitingAppraisal: 0,
    },
    scores: {
      ...diversion().scores!,
      scored: 5000,
      bands: { recommend: 40, reserve: 1579, 'not-recommended': 3381 },
    },
    awards: {
      awarded: { count: 1200, amountPence: 1_800_000_000 },
      declined: { count: 0, amountPence: 0 },
      expired: { count: 0, amountPence: 0 },
    },
    budget: {
      contributions: [{ sourceName: "Commissioner's Safety Fund", amountPence: 2_000_000_000 }],
      budgetPence: 2_000_000_000,
      committedPence: 1_800_000_000,
      availablePence: 200_000_000,
      paidPence: 0,
      returnedPence: 0,
      duePence: 1_800_000_000,
    },
  });
  expect(reportSummary(big)).toBe(
    '5,000 applications were submitted to the General round, which closed on 24 October 2022. ' +
      '40 scored 70% or higher, 1,579 scored between 60% and 69% and 3,381 scored under 60%. ' +
      "1,200 grants were awarded, totalling £18,000,000.00 of the £20,000,000.00 available from Commissioner's Safety Fund; £2,000,000.00 remains.",
  );
});

describe('percentOf', () => {
  it('writes whole and part percentages as people do', () => {
    expect(percentOf(7000)).toBe('70%');
    expect(percentOf(6750)).toBe('67.5%');
    expect(percentOf(6725)).toBe('67.25%');
  });
});
