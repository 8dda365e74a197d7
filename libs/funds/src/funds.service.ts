import { Actor, AuditService, DomainException } from '@grants/core';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CreateFundDto, UpdateFundDto } from './dto/fund.dto';
import { Fund } from './entities/fund.entity';
import { FundNotFoundException } from './funds.exceptions';

@Injectable()
export class FundsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<Fund[]> {
    return this.dataSource.getRepository(Fund).find({ order: { name: 'ASC' } });
  }

  async getBySlug(slug: string): Promise<Fund> {
    const fund = await this.dataSource.getRepository(Fund).findOneBy({ slug });
    if (!fund) throw new FundNotFoundException();
    return fund;
  }

  async create(input: CreateFundDto, actor: Actor): Promise<Fund> {
    return this.dataSource.transaction(async (manager) => {
      await this.assertUnique(manager.getRepository(Fund), input.slug, input.code);
      const fund = await manager.save(manager.create(Fund, input));
      await this.audit.record(manager, actor, {
        action: 'fund.created',
        subjectType: 'fund',
        subjectId: fund.id,
        after: { ...input },
      });
      return fund;
    });
  }

  async update(slug: string, input: UpdateFundDto, actor: Actor): Promise<Fund> {
    return this.dataSource.transaction(async (manager) => {
      const fund = await manager.findOne(Fund, {
        where: { slug },
        lock: { mode: 'pessimistic_write' },
      });
      if (!fund) throw new FundNotFoundException();
      const before = {
        name: fund.name,
        slug: fund.slug,
        code: fund.code,
        description: fund.description,
        owningOffice: fund.owningOffice,
      };
      await this.assertUnique(
        manager.getRepository(Fund),
        input.slug ?? fund.slug,
        input.code ?? fund.code,
        fund.id,
      );
      Object.assign(fund, input);
      await manager.save(fund);
      await this.audit.record(manager, actor, {
        action: 'fund.updated',
        subjectType: 'fund',
        subjectId: fund.id,
        before,
        after: { ...input },
      });
      return fund;
    });
  }

  private async assertUnique(
    repo: ReturnType<DataSource['getRepository']>,
    slug: string,
    code: string,
    exceptId?: string,
  ) {
    const clash = (await repo.find({ where: [{ slug }, { code }] })) as Fund[];
    const other = clash.find((f) => f.id !== exceptId);
    if (other?.slug === slug)
      throw new DomainException(
        'fund_slug_taken',
        `Another fund already uses the address ${slug}`,
        409,
        'slug',
      );
    if (other)
      throw new DomainException(
        'fund_code_taken',
        `Another fund already uses the code ${code}`,
        409,
        'code',
      );
  }
}
