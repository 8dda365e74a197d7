import { CORE_ENTITIES } from '@grants/core';
import { FUNDS_ENTITIES } from '@grants/funds';
import { IDENTITY_ENTITIES } from '@grants/identity';
import { FundSubscription } from '@grants/subscriptions';
import { ORGANISATIONS_ENTITIES } from '@grants/organisations';
import { APPLICATIONS_ENTITIES } from '@grants/applications';
import { ASSESSMENT_ENTITIES } from '@grants/assessment';
import { AWARDS_ENTITIES } from '@grants/awards';
import { BALLOTS_ENTITIES } from '@grants/ballots';
import { MONITORING_ENTITIES } from '@grants/monitoring';
import { ALLOCATIONS_ENTITIES } from '@grants/allocations';

/** Every entity of every library: the apps' data source and the migration generator use this list. */
export const ALL_ENTITIES = [
  ...CORE_ENTITIES,
  ...IDENTITY_ENTITIES,
  ...FUNDS_ENTITIES,
  FundSubscription,
  ...ORGANISATIONS_ENTITIES,
  ...APPLICATIONS_ENTITIES,
  ...ASSESSMENT_ENTITIES,
  ...AWARDS_ENTITIES,
  ...BALLOTS_ENTITIES,
  ...MONITORING_ENTITIES,
  ...ALLOCATIONS_ENTITIES,
];
