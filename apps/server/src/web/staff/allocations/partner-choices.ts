import { GrantRound } from '@grants/funds';
import { Organisation } from '@grants/organisations';
import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';

/** More than any office has partnerships; the list stays a page, not a dump of every applicant. */
const MAX_CHOICES = 200;

export interface PartnerChoice {
  id: string;
  name: string;
}

/**
 * The organisations a plan can share its pot between: those of the types the round is for (the
 * councils of a local-authority round), by name, and any already chosen whatever their type.
 */
@Injectable()
export class PartnerChoices {
  constructor(private readonly dataSource: DataSource) {}

  async for(round: GrantRound, chosenIds: string[]): Promise<PartnerChoice[]> {
    const manager = this.dataSource.manager;
    const ofType = round.eligibleOrganisationTypes.length
      ? await manager.find(Organisation, {
          where: { type: In(round.eligibleOrganisationTypes) },
          order: { name: 'ASC', id: 'ASC' },
          take: MAX_CHOICES,
        })
      : [];
    const missing = chosenIds.filter((id) => !ofType.some((o) => o.id === id));
    const chosen = missing.length ? await manager.findBy(Organisation, { id: In(missing) }) : [];
    return [...ofType, ...chosen].map((o) => ({ id: o.id, name: o.name }));
  }
}
