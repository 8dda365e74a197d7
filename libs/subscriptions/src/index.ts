export * from './fund-subscription.entity';
export * from './subscription-rules';
export * from './subscriptions.exceptions';
export * from './subscriptions.service';
export * from './round-opened-emails.service';
export * from './dto/subscribe.dto';
export * from './dto/subscription-token.dto';
export * from './subscriptions.module';
