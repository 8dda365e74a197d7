import { VoterVerificationService, VotingService } from '@grants/ballots';
import { OutboundEmail } from '@grants/core';
import type { TestContext } from '../support/test-context';

/**
 * One resident's vote cast in-process, as the public pages would: a code asked for, read from
 * the email row the outbox holds, verified, then the vote. The ballot must be open.
 */
export async function castVote(
  ctx: TestContext,
  ballotId: string,
  voter: { email: string; postcode: string },
  applicationId: string,
  meta = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0 (test)' },
): Promise<{ receiptCode: string }> {
  const verification = ctx.get(VoterVerificationService);
  const { verificationId } = await verification.requestCode(ballotId, voter.email, voter.postcode);
  const mail = await ctx.dataSource
    .getRepository(OutboundEmail)
    .findOneByOrFail({ dedupeKey: `voting-code:${verificationId}` });
  const code = String((mail.data as { code: string }).code);
  const { token } = await verification.verifyCode(verificationId, code);
  return ctx.get(VotingService).cast(token, [applicationId], meta);
}
