import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Permission, type NumberPool, type Page, type PoolCertificate } from '@zhicheng/contracts';
import { CurrentUser, RequirePermission } from '../../common/auth/decorators.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { GenerateNumberRangeDto, IssuerYearParams, NumberPoolQueryDto, PoolCertificatesQueryDto } from './dto/number-pool.dto.js';
import { NumberPoolService } from './number-pool.service.js';

/** A-12 证书编号生成: the number pools of the issuers in scope, new or longer ranges, the numbers used. */
@Controller('certificate-number-pools')
export class NumberPoolController {
  constructor(private readonly pools: NumberPoolService) {}

  /** the pools (issuer code and year) with their range and use. */
  @Get()
  @RequirePermission(Permission.CertificateNumbers)
  list(@CurrentUser() user: AuthUser, @Query() q: NumberPoolQueryDto): Promise<NumberPool[]> {
    return this.pools.list(user, q);
  }

  /** A-12 生成号段: a new pool with its range, or a longer range for an existing one. */
  @Post()
  @RequirePermission(Permission.CertificateNumbers)
  generate(@CurrentUser() user: AuthUser, @Body() dto: GenerateNumberRangeDto): Promise<NumberPool> {
    return this.pools.generate(user, dto);
  }

  /** the certificates numbered from the pool, in number order. */
  @Get(':issuerCode/:year/certificates')
  @RequirePermission(Permission.CertificateNumbers)
  certificates(
    @CurrentUser() user: AuthUser,
    @Param() p: IssuerYearParams,
    @Query() q: PoolCertificatesQueryDto,
  ): Promise<Page<PoolCertificate>> {
    return this.pools.certificates(user, p.issuerCode, p.year, q);
  }
}
