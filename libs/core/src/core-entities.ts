import { AuditEvent } from './audit/audit-event.entity';
import { MailboxMessage } from './mail/mailbox-message.entity';
import { OutboundEmail } from './mail/outbound-email.entity';

export const CORE_ENTITIES = [AuditEvent, OutboundEmail, MailboxMessage];
