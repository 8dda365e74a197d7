import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last decision record number used in each year, so numbers run without gaps. */
@Entity({ name: 'decision_record_counters' })
export class DecisionRecordCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ name: 'last_sequence', type: 'int' })
  lastSequence: number;
}
