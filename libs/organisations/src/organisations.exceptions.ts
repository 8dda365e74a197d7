import { DomainException } from '@grants/core';

/** Also what another organisation's member hears: whether the organisation exists stays hidden. */
export class OrganisationNotFoundException extends DomainException {
  constructor() {
    super('organisation_not_found', 'Organisation not found', 404);
  }
}
