import { Ballot, ShortlistEntry, VoterVerificationService, VotingService } from '@grants/ballots';
import { Clock, OutboundEmail } from '@grants/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DemoBallot } from './demo-vote-data';

const MINUTE = 60_000;

/** A demo resident's address: "winterton.pilot.resident.07@example.org.uk". */
export function demoResidentEmail(ballot: Ballot, roundCode: string, n: number): string {
  const area = ballot.area.name.toLowerCase().replace(/[^a-z]+/g, '.');
  return `${area}.${roundCode.toLowerCase()}.resident.${String(n).padStart(2, '0')}@example.org.uk`;
}

/**
 * The planned votes, in an order that spreads each project's votes across the ballot: the k-th
 * of a project's v votes comes at (k + 0.5) / v of the way through. Deterministic, so a second
 * run finds the same residents.
 */
export function plannedChoices(plan: DemoBallot): string[] {
  const slots = plan.shortlist.flatMap((entry) =>
    Array.from({ length: entry.votes }, (_, k) => ({
      title: entry.projectTitle,
      at: (k + 0.5) / entry.votes,
    })),
  );
  return slots.sort((a, b) => a.at - b.at).map((s) => s.title);
}

/** When the i-th of n votes is cast: evenly between the opening and `until`, on the minute. */
export function voteTime(opensAt: Date, until: Date, i: number, n: number): Date {
  const span = until.getTime() - opensAt.getTime();
  const at = opensAt.getTime() + Math.floor((span * (i + 1)) / (n + 1) / MINUTE) * MINUTE;
  return new Date(Math.max(at, opensAt.getTime()));
}

/**
 * Casts the planned votes not cast yet, as residents do on the public pages: a code asked for
 * with an email and a postcode in the area, read from the email (the outbox row holds it),
 * verified, then the vote and its receipt. The Clock stands at each vote's time (the caller
 * starts it again). Returns how many were cast.
 */
export async function castDemoVotes(
  app: INestApplicationContext,
  ballot: Ballot,
  roundCode: string,
  plan: DemoBallot,
  until: Date,
): Promise<number> {
  const dataSource = app.get(DataSource);
  const verification = app.get(VoterVerificationService);
  const voting = app.get(VotingService);
  const clock = app.get(Clock);
  const entries = await dataSource.getRepository(ShortlistEntry).findBy({ areaId: ballot.areaId });
  const choices = plannedChoices(plan);
  // Before the opening an hour in, so the last vote is not stamped after the demo's "now".
  const last = new Date(until.getTime() - 60 * MINUTE);
  let cast = 0;
  for (const [i, title] of choices.entries()) {
    const email = demoResidentEmail(ballot, roundCode, i + 1);
    if (await hasVoted(dataSource, ballot.id, email)) continue;
    const choice = entries.find((e) => titleOf(e, plan) === title);
    if (!choice) throw new Error(`"${title}" is not on the ${ballot.area.name} shortlist`);
    clock.freeze(voteTime(ballot.opensAt, last, i, choices.length));
    const postcode = plan.residentPostcodes[i % plan.residentPostcodes.length];
    const { verificationId } = await verification.requestCode(ballot.id, email, postcode);
    const mail = await dataSource
      .getRepository(OutboundEmail)
      .findOneByOrFail({ dedupeKey: `voting-code:${verificationId}` });
    const { token } = await verification.verifyCode(
      verificationId,
      String((mail.data as { code: string }).code),
    );
    await voting.cast(token, [choice.applicationId], {
      ip: `192.0.2.${10 + (i % 200)}`,
      userAgent: 'Mozilla/5.0 (demo resident)',
    });
    cast += 1;
  }
  return cast;
}

/** The shortlist entry's bid title, through the plan's public title (the entry keeps only that). */
function titleOf(entry: ShortlistEntry, plan: DemoBallot): string | undefined {
  return plan.shortlist.find((s) => s.publicTitle === entry.publicTitle)?.projectTitle;
}

async function hasVoted(dataSource: DataSource, ballotId: string, email: string) {
  const rows: unknown[] = await dataSource.query(
    `SELECT 1 FROM votes v JOIN ballot_voters bv ON bv.id = v.voter_id
      WHERE v.ballot_id = $1 AND bv.email = $2`,
    [ballotId, email],
  );
  return rows.length > 0;
}
