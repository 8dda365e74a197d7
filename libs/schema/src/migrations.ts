import { Foundation1795332824032 } from './migrations/1795332824032-Foundation';
import { Applications1795340476863 } from './migrations/1795340476863-Applications';
import { OrganisationInviteAnswers1795342482510 } from './migrations/1795342482510-OrganisationInviteAnswers';
import { Assessment1795345030416 } from './migrations/1795345030416-Assessment';
import { ScoreModeration1795345318744 } from './migrations/1795345318744-ScoreModeration';
import { Recommendation1795345483422 } from './migrations/1795345483422-Recommendation';
import { Decisions1795350802014 } from './migrations/1795350802014-Decisions';
import { Ballots1795352201479 } from './migrations/1795352201479-Ballots';
import { VotesWithoutHotLocks1795356785998 } from './migrations/1795356785998-VotesWithoutHotLocks';
import { AwardAnswers1795357764597 } from './migrations/1795357764597-AwardAnswers';
import { GrantManagement1795361587029 } from './migrations/1795361587029-GrantManagement';
import { Allocations1795372455247 } from './migrations/1795372455247-Allocations';
import { AllocationProjects1795373798892 } from './migrations/1795373798892-AllocationProjects';
import { ApplicationVersion1795382484907 } from './migrations/1795382484907-ApplicationVersion';
import { BudgetLinesByApplication1795383534811 } from './migrations/1795383534811-BudgetLinesByApplication';

/**
 * Every migration, oldest first. A generated migration is added here by hand (after reading
 * it), which also makes a forgotten one show up in review.
 */
export function loadMigrations(): Function[] {
  return [
    Foundation1795332824032,
    Applications1795340476863,
    OrganisationInviteAnswers1795342482510,
    Assessment1795345030416,
    ScoreModeration1795345318744,
    Recommendation1795345483422,
    Decisions1795350802014,
    Ballots1795352201479,
    VotesWithoutHotLocks1795356785998,
    AwardAnswers1795357764597,
    GrantManagement1795361587029,
    Allocations1795372455247,
    AllocationProjects1795373798892,
    ApplicationVersion1795382484907,
    BudgetLinesByApplication1795383534811,
  ];
}
