import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The last reference number issued in a round. It is incremented in the submitting transaction,
 * so a rolled-back submission gives its number back and references have no gaps.
 */
@Entity({ name: 'round_application_counters' })
export class RoundApplicationCounter {
  @PrimaryColumn({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence: number;
}
