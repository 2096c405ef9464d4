import { Entity, Index, PrimaryColumn } from 'typeorm';

@Entity('expert_professions')
@Index('idx_expert_professions_code', ['professionCode'])
export class ExpertProfession {
  @PrimaryColumn({ type: 'uuid' })
  expertId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  professionCode: string;
}
