import { Ballot, TallyService } from '@grants/ballots';
import { formatPence } from '@grants/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * `ballot:recount <ballotId>`: the count recomputed from the stored vote rows, as anyone could
 * from the anonymised export, to set beside the published result. An unknown id is refused by
 * the count (404 "Ballot was not found"), which the entry point prints as one line, exit 1.
 */
export async function recountBallot(
  app: INestApplicationContext,
  ballotId: string,
  print: (line: string) => void,
): Promise<void> {
  const count = await app.get(TallyService).count(ballotId);
  const ballot = await app.get(DataSource).manager.findOneOrFail(Ballot, {
    where: { id: count.ballotId },
    relations: { area: true, round: true },
  });
  print(`Ballot ${ballot.id}: ${ballot.round.title}, ${ballot.area.name} (${ballot.status})`);
  const rows = count.projects.map((p) => [
    p.publicTitle,
    formatPence(p.amountPence),
    String(p.votes),
    String(p.voided),
  ]);
  const header = ['PROJECT', 'AMOUNT', 'VOTES', 'VOIDED'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows])
    print(
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join('  ')
        .trimEnd(),
    );
  print(`Total votes counted: ${count.totalVotes}`);
  print(`Voided votes (not counted): ${count.voidedVotes}`);
  if (count.leaders.length > 1) print(`Tie for the most votes: ${count.leaders.length} projects`);
}
