import { DataSource } from 'typeorm';
import { MailboxMessage } from './mailbox-message.entity';
import { MailMessage, MailTransport } from './mail-transport';

export class LocalMailboxTransport extends MailTransport {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async send(message: MailMessage): Promise<void> {
    await this.dataSource.getRepository(MailboxMessage).insert({
      toAddress: message.to,
      fromAddress: message.from,
      subject: message.subject,
      text: message.text,
      html: message.html,
      messageId: message.messageId,
    });
  }
}
