import {
  Actor,
  AppConfig,
  AuditService,
  formatUk,
  hashToken,
  MailOutboxService,
  newToken,
  sameSecret,
  ValidationException,
} from '@grants/core';
import { Fund, FundsService } from '@grants/funds';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { FundSubscription, SubscriptionStatus } from './fund-subscription.entity';
import {
  CONFIRM_LINK_TTL_MS,
  confirmLinkState,
  confirmToken,
  isWellFormedUnsubscribeToken,
  normaliseSubscriberEmail,
  subscribeAction,
  subscriptionIdOfConfirmToken,
} from './subscription-rules';
import {
  ConfirmLinkExpiredException,
  ConfirmLinkInvalidException,
  UnsubscribeLinkInvalidException,
} from './subscriptions.exceptions';

export const CONFIRM_SUBSCRIPTION_TEMPLATE = 'subscriptions/confirm-subscription';

/** Whoever holds the address or the link: the audit log records no email addresses. */
const SUBSCRIBER: Actor = { type: 'public', id: null, label: 'email subscriber' };

/** What a confirm or unsubscribe link is about, for the page that answers it. */
export interface SubscriptionLinkResult {
  status: SubscriptionStatus;
  fund: { name: string; slug: string };
}

/**
 * Email updates about a fund, double opt-in: asking sends a confirmation link and nothing else
 * until it is followed; every message carries an unsubscribe link.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly outbox: MailOutboxService,
    private readonly funds: FundsService,
    private readonly config: AppConfig,
  ) {}

  /**
   * Returns nothing on purpose: the caller says the same thing whether the address was new,
   * pending or already confirmed, so the answer does not tell anyone who subscribed.
   */
  async subscribe(fundSlug: string, rawEmail: unknown): Promise<void> {
    const checked = normaliseSubscriberEmail(rawEmail);
    if ('error' in checked)
      throw new ValidationException([{ field: 'email', message: checked.error }]);
    const { email } = checked;
    const fund = await this.funds.getBySlug(fundSlug);
    const emailIds = await this.dataSource.transaction(async (manager) => {
      const now = new Date();
      const current = await manager.findOne(FundSubscription, {
        where: { fundId: fund.id, email },
        lock: { mode: 'pessimistic_write' },
      });
      const action = subscribeAction(current, now);
      if (action === 'none') return [];

      const id = current?.id ?? randomUUID();
      const token = confirmToken(id, newToken());
      let unsubscribeToken: string;
      if (!current) {
        unsubscribeToken = newToken();
        const inserted = await manager
          .createQueryBuilder()
          .insert()
          .into(FundSubscription)
          .values({
            id,
            fundId: fund.id,
            email,
            status: 'pending',
            confirmTokenHash: hashToken(token),
            confirmSentAt: now,
            unsubscribeToken,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        // Two requests for a new address at once: the one that inserted sends the email.
        if ((inserted.raw as unknown[]).length === 0) return [];
      } else {
        unsubscribeToken = current.unsubscribeToken;
        await manager.update(
          FundSubscription,
          { id },
          {
            status: 'pending',
            confirmTokenHash: hashToken(token),
            confirmSentAt: now,
            unsubscribedAt: null,
          },
        );
      }
      await this.audit.record(manager, SUBSCRIBER, {
        action:
          action === 'resend-confirmation'
            ? 'subscription.confirmation-resent'
            : 'subscription.requested',
        subjectType: 'fund-subscription',
        subjectId: id,
        before: current ? { status: current.status } : null,
        after: { status: 'pending', fundId: fund.id },
      });
      return this.outbox.write(manager, [
        {
          to: email,
          template: CONFIRM_SUBSCRIPTION_TEMPLATE,
          data: {
            fundName: fund.name,
            confirmUrl: this.link('/subscriptions/confirm', token),
            unsubscribeUrl: this.link('/subscriptions/unsubscribe', unsubscribeToken),
            expiresAtUk: formatUk(new Date(now.getTime() + CONFIRM_LINK_TTL_MS)),
          },
        },
      ]);
    });
    await this.outbox.dispatch(emailIds);
  }

  /** Read only (mail scanners fetch links): what a confirmation link would confirm. */
  async checkConfirmLink(token: unknown): Promise<SubscriptionLinkResult> {
    const manager = this.dataSource.manager;
    const subscription = await this.findForConfirm(manager, token, false);
    return this.result(manager, subscription, subscription.status);
  }

  /** Pending to confirmed. Following the same link again changes nothing and is not an error. */
  async confirm(token: unknown): Promise<SubscriptionLinkResult> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.findForConfirm(manager, token, true);
      if (subscription.status === 'pending') {
        await manager.update(
          FundSubscription,
          { id: subscription.id },
          { status: 'confirmed', confirmedAt: new Date() },
        );
        await this.audit.record(manager, SUBSCRIBER, {
          action: 'subscription.confirmed',
          subjectType: 'fund-subscription',
          subjectId: subscription.id,
          before: { status: 'pending' },
          after: { status: 'confirmed' },
        });
      }
      return this.result(manager, subscription, 'confirmed');
    });
  }

  /** Read only: what an unsubscribe link is about. */
  async checkUnsubscribeLink(token: unknown): Promise<SubscriptionLinkResult> {
    const manager = this.dataSource.manager;
    const subscription = await this.findForUnsubscribe(manager, token, false);
    return this.result(manager, subscription, subscription.status);
  }

  /** Any state to unsubscribed; idempotent. A pending request can be cancelled this way too. */
  async unsubscribe(token: unknown): Promise<SubscriptionLinkResult> {
    return this.dataSource.transaction(async (manager) => {
      const subscription = await this.findForUnsubscribe(manager, token, true);
      if (subscription.status !== 'unsubscribed') {
        // The old confirmation link must not bring the subscription back.
        await manager.update(
          FundSubscription,
          { id: subscription.id },
          { status: 'unsubscribed', unsubscribedAt: new Date(), confirmTokenHash: null },
        );
        await this.audit.record(manager, SUBSCRIBER, {
          action: 'subscription.unsubscribed',
          subjectType: 'fund-subscription',
          subjectId: subscription.id,
          before: { status: subscription.status },
          after: { status: 'unsubscribed' },
        });
      }
      return this.result(manager, subscription, 'unsubscribed');
    });
  }

  private async findForConfirm(
    manager: EntityManager,
    token: unknown,
    lock: boolean,
  ): Promise<FundSubscription> {
    const id = subscriptionIdOfConfirmToken(token);
    if (!id) throw new ConfirmLinkInvalidException();
    const subscription = await manager.findOne(FundSubscription, {
      where: { id },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    const matches =
      !!subscription?.confirmTokenHash &&
      sameSecret(subscription.confirmTokenHash, hashToken((token as string).trim()));
    const state = confirmLinkState(subscription, matches, new Date());
    if (state === 'invalid') throw new ConfirmLinkInvalidException();
    if (state === 'expired') throw new ConfirmLinkExpiredException();
    return subscription!;
  }

  private async findForUnsubscribe(
    manager: EntityManager,
    token: unknown,
    lock: boolean,
  ): Promise<FundSubscription> {
    if (!isWellFormedUnsubscribeToken(token)) throw new UnsubscribeLinkInvalidException();
    const subscription = await manager.findOne(FundSubscription, {
      where: { unsubscribeToken: token },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!subscription) throw new UnsubscribeLinkInvalidException();
    return subscription;
  }

  private async result(
    manager: EntityManager,
    subscription: FundSubscription,
    status: SubscriptionStatus,
  ): Promise<SubscriptionLinkResult> {
    const fund = await manager.findOneByOrFail(Fund, { id: subscription.fundId });
    return { status, fund: { name: fund.name, slug: fund.slug } };
  }

  private link(path: string, token: string): string {
    return `${this.config.PUBLIC_URL.replace(/\/+$/, '')}${path}?token=${encodeURIComponent(token)}`;
  }
}
