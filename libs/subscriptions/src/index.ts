export * from './fund-subscription.entity';
export * from './subscriptions.module';
