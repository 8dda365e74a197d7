import { Global, Injectable, Module } from '@nestjs/common';

/**
 * The current time for rules that hinge on it to the second (deadlines). Services ask this
 * rather than `new Date()` so a test can stand at 16:59:59 and 17:00:00 exactly.
 */
@Injectable()
export class Clock {
  private fixedAt: Date | null = null;

  now(): Date {
    return this.fixedAt ? new Date(this.fixedAt) : new Date();
  }

  /** Tests only: stop the clock at an instant (null starts it again). */
  freeze(at: Date | null): void {
    this.fixedAt = at;
  }
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
