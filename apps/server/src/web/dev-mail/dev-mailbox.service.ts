import { MailboxMessage, isUuid } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Reads the local mailbox (dev_mailbox_messages) that mail goes to when SMTP_URL is unset. */
@Injectable()
export class DevMailboxService {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first; the bodies are left out of the list. */
  list(
    limit = 200,
  ): Promise<Pick<MailboxMessage, 'id' | 'toAddress' | 'subject' | 'receivedAt'>[]> {
    return this.dataSource.getRepository(MailboxMessage).find({
      select: { id: true, toAddress: true, subject: true, receivedAt: true },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  async get(id: string): Promise<MailboxMessage | null> {
    if (!isUuid(id)) return null;
    return this.dataSource.getRepository(MailboxMessage).findOneBy({ id });
  }
}
