// The targets issue 7 sets, checked against the run's own figures: one line each, met or not.
// A path the run skipped (BENCH_ONLY) is left out rather than reported as missed.

/** Each target with the figure measured and whether it is met. */
export function checkTargets({ rows, sequential, votes, submit, fanout }) {
  const targets = [];
  const add = (path, target, measured, met) => targets.push({ path, target, measured, met });
  const roundPage = rows.find((r) => r.name === 'round page');
  if (roundPage)
    add(
      'public round page',
      '≥ 3,000 req/s, p99 ≤ 50 ms',
      `${roundPage.requestsPerSecond} req/s, p99 ${roundPage.latencyP99Ms} ms`,
      roundPage.requestsPerSecond >= 3000 && roundPage.latencyP99Ms <= 50,
    );
  if (votes) {
    const [baseline, vote] = votes.results;
    const ratio = vote.requestsPerSecond / baseline.requestsPerSecond;
    add(
      'vote submission, 200 connections',
      '≥ 2,000 req/s, p99 ≤ 100 ms, 0 errors, ≥ 0.6 × bare Fastify + pg insert',
      `${vote.requestsPerSecond} req/s, p99 ${vote.latencyP99Ms} ms, ${vote.errors} errors, ${ratio.toFixed(2)} ×`,
      vote.requestsPerSecond >= 2000 &&
        vote.latencyP99Ms <= 100 &&
        vote.errors === 0 &&
        ratio >= 0.6,
    );
    add(
      `count of ${votes.tally.votes} votes`,
      '≤ 500 ms',
      `median ${votes.tally.endpoint.medianMs} ms (p95 ${votes.tally.endpoint.p95Ms} ms)`,
      votes.tally.endpoint.p95Ms <= 500,
    );
  }
  if (submit)
    add(
      'application submit',
      '≥ 800 req/s, p99 ≤ 150 ms',
      `${submit.requestsPerSecond} req/s, p99 ${submit.latencyP99Ms} ms, ${submit.errors} errors`,
      submit.requestsPerSecond >= 800 && submit.latencyP99Ms <= 150 && submit.errors === 0,
    );
  if (fanout)
    add(
      `email fan-out of ${fanout.notices} notices`,
      '≤ 30 s, 0 lost, 0 duplicated',
      `${fanout.seconds} s, ${fanout.notices - fanout.distinctRecipients} lost, ${fanout.duplicated} duplicated`,
      fanout.complete &&
        fanout.seconds <= 30 &&
        fanout.distinctRecipients === fanout.notices &&
        fanout.duplicated === 0,
    );
  const report = sequential.find((s) => s.name === 'round report');
  if (report)
    add(
      'round report, 5,000 applications × 3 × 6',
      '≤ 500 ms',
      `median ${report.medianMs} ms (p95 ${report.p95Ms} ms)`,
      report.p95Ms <= 500,
    );
  return targets;
}

export function printTargets(targets) {
  if (targets.length === 0) return;
  const header = ['path', 'target', 'measured', 'met'];
  const body = targets.map((t) => [t.path, t.target, t.measured, t.met ? 'yes' : 'NO']);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}
