import {
  Actor,
  AuditService,
  formatPence,
  hasControlCharacters,
  isUuid,
  ValidationException,
} from '@grants/core';
import { Application } from '@grants/applications';
import { GrantRound, RoundArea, RoundNotFoundException } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { NotPublicVoteRoundException, ShortlistLockedException } from './ballots.exceptions';
import { Ballot } from './entities/ballot.entity';
import { ShortlistEntry } from './entities/shortlist-entry.entity';

export const MAX_PUBLIC_TITLE = 120;
export const MAX_PUBLIC_SUMMARY = 1200;

export interface ShortlistInput {
  applicationId: string;
  publicTitle: string;
  publicSummary: string;
  /** What the project gets if it wins: at most what was asked for and the area's cap. */
  amountPence: number;
}

export interface AreaShortlist {
  area: RoundArea;
  /** Up to this many projects (the area's own number, else the round's). */
  size: number;
  entries: ShortlistEntry[];
  /** Eligible applications for the area, to choose from. */
  candidates: Application[];
  ballot: Ballot | null;
}

/**
 * The grants officer's shortlist for each area of a public-vote round: up to N eligible
 * applications, each with the title, summary and amount residents will read. It can change
 * until the area's ballot is scheduled, which is when applicants are told.
 */
@Injectable()
export class ShortlistService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async forRound(roundId: string): Promise<{ round: GrantRound; areas: AreaShortlist[] }> {
    const round = await this.publicVoteRound(this.dataSource.manager, roundId);
    const manager = this.dataSource.manager;
    const entries = await manager.find(ShortlistEntry, {
      where: { roundId },
      order: { position: 'ASC' },
    });
    const candidates = await manager.find(Application, {
      where: { roundId, status: In(['eligible', 'shortlisted', 'not-shortlisted']) },
      relations: { organisation: true },
      order: { sequence: 'ASC' },
    });
    const ballots = await manager.findBy(Ballot, { roundId });
    return {
      round,
      areas: round.areas.map((area) => ({
        area,
        size: shortlistSize(round, area),
        entries: entries.filter((e) => e.areaId === area.id),
        candidates: candidates.filter((a) => a.areaId === area.id),
        ballot: ballots.find((b) => b.areaId === area.id) ?? null,
      })),
    };
  }

  /** Replaces an area's shortlist, in the order given (the public page shuffles it per voter). */
  async setShortlist(
    roundId: string,
    areaId: string,
    input: ShortlistInput[],
    actor: Actor,
  ): Promise<ShortlistEntry[]> {
    return this.dataSource.transaction(async (manager) => {
      const round = await this.publicVoteRound(manager, roundId, true);
      const area = round.areas.find((a) => a.id === areaId);
      if (!area || !isUuid(areaId))
        throw new ValidationException([
          { field: 'areaId', message: 'Choose one of the areas of this round' },
        ]);
      const ballot = await manager.findOneBy(Ballot, { areaId });
      if (ballot && ballot.status !== 'draft') throw new ShortlistLockedException();
      const applications = await manager.find(Application, {
        where: {
          id: In(input.map((e) => e.applicationId).filter((id) => isUuid(id))),
          roundId,
        },
      });
      const errors = shortlistErrors(round, area, input, applications);
      if (errors.length > 0) throw new ValidationException(errors);
      const before = await manager.findBy(ShortlistEntry, { areaId });
      await manager.delete(ShortlistEntry, { areaId });
      await manager.insert(
        ShortlistEntry,
        input.map((e, position) => ({
          applicationId: e.applicationId,
          roundId,
          areaId,
          position,
          publicTitle: e.publicTitle.trim(),
          publicSummary: e.publicSummary.trim(),
          amountPence: e.amountPence,
        })),
      );
      await this.audit.record(manager, actor, {
        action: 'shortlist.set',
        subjectType: 'round-area',
        subjectId: areaId,
        before: { applications: before.map((e) => e.applicationId) },
        after: { applications: input.map((e) => e.applicationId) },
      });
      return manager.find(ShortlistEntry, { where: { areaId }, order: { position: 'ASC' } });
    });
  }

  private async publicVoteRound(
    manager: EntityManager,
    roundId: string,
    lock = false,
  ): Promise<GrantRound> {
    if (!isUuid(roundId)) throw new RoundNotFoundException();
    if (lock)
      await manager.findOne(GrantRound, {
        where: { id: roundId },
        select: { id: true },
        lock: { mode: 'pessimistic_write' },
      });
    const round = await manager.findOne(GrantRound, {
      where: { id: roundId },
      relations: { fund: true, areas: true },
      order: { areas: { position: 'ASC' } },
    });
    if (!round) throw new RoundNotFoundException();
    if (round.decisionMethod !== 'public-vote') throw new NotPublicVoteRoundException();
    return round;
  }
}

export function shortlistSize(round: GrantRound, area: RoundArea): number {
  return area.shortlistSize ?? round.shortlistSize ?? 3;
}

/** Every problem with a proposed shortlist, as field errors ("entries.1.amountPence"). */
export function shortlistErrors(
  round: GrantRound,
  area: RoundArea,
  input: ShortlistInput[],
  applications: Application[],
): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const size = shortlistSize(round, area);
  if (input.length === 0)
    errors.push({ field: 'entries', message: `Shortlist at least one project for ${area.name}` });
  if (input.length > size)
    errors.push({
      field: 'entries',
      message: `${area.name} can have at most ${size} projects on its shortlist`,
    });
  const seen = new Set<string>();
  input.forEach((e, i) => {
    const at = (name: string) => `entries.${i}.${name}`;
    const application = applications.find((a) => a.id === e.applicationId);
    if (!application) {
      errors.push({ field: at('applicationId'), message: 'Choose an application of this round' });
      return;
    }
    if (seen.has(e.applicationId))
      errors.push({ field: at('applicationId'), message: 'Each project can be listed once' });
    seen.add(e.applicationId);
    if (application.status !== 'eligible')
      errors.push({
        field: at('applicationId'),
        message: `${application.reference} is not eligible, so it cannot be shortlisted`,
      });
    if (application.areaId !== area.id)
      errors.push({
        field: at('applicationId'),
        message: `${application.reference} applied for another area`,
      });
    textErrors(e.publicTitle, 'title', MAX_PUBLIC_TITLE, at('publicTitle'), errors);
    textErrors(e.publicSummary, 'summary', MAX_PUBLIC_SUMMARY, at('publicSummary'), errors);
    const cap = Math.min(
      application.amountRequestedPence ?? 0,
      area.budgetCapPence ?? Number.MAX_SAFE_INTEGER,
    );
    if (!Number.isSafeInteger(e.amountPence) || e.amountPence <= 0 || e.amountPence > cap)
      errors.push({
        field: at('amountPence'),
        message: `Enter an amount more than £0 and at most ${formatPence(cap)} (what was asked for, within the area's cap)`,
      });
  });
  return errors;
}

function textErrors(
  value: string,
  what: string,
  max: number,
  field: string,
  errors: { field: string; message: string }[],
): void {
  const text = value.trim();
  if (!text) errors.push({ field, message: `Enter the public ${what}` });
  else if (text.length > max)
    errors.push({ field, message: `The public ${what} must be ${max} characters or fewer` });
  else if (hasControlCharacters(text))
    errors.push({ field, message: `The public ${what} contains characters that cannot be shown` });
}
