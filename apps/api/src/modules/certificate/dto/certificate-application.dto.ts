import { IsDateString, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { CertificateApplicationKind, ReissueBusinessType, ReissueDeclareType } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { TITLE_LEVELS } from './certificate.dto.js';

const KINDS = Object.values(CertificateApplicationKind);
const historical = (o: CreateCertificateApplicationDto) => o.kind === 'historical';
const reissue = (o: CreateCertificateApplicationDto) => o.kind === 'reissue';

/**
 * H-10: the old certificate exactly as printed (seed 002 第四章: 证书编号, 系列, 职称名称, 级别, 专业, 取得资格时间,
 * 评审/认定机构, 批准文号) and the region of the issuing authority; H-11: one of the holder's own certificates, then
 * 申报类型, 业务类别, region and 申报点 (第五章). Both carry their named documents (contracts `documentSlotsOf`).
 */
export class CreateCertificateApplicationDto {
  @IsIn(KINDS, { message: '申请类型有误' }) kind: CertificateApplicationKind;

  @ValidateIf(historical) @IsString({ message: '请输入证书编号' }) @Matches(/^[0-9A-Za-z\-（）()〔〕[\]\u4e00-\u9fff]{4,32}$/, { message: '请按原证书输入证书编号（4-32位）' }) certificateNo?: string;
  @ValidateIf(historical) @IsString({ message: '请选择系列' }) @Matches(/^[A-Z0-9]{1,16}$/, { message: '请选择系列' }) seriesCode?: string;
  @ValidateIf(historical) @IsString({ message: '请输入职称名称' }) @MinLength(1, { message: '请输入职称名称' }) @MaxLength(100, { message: '职称名称不能超过100字' }) titleName?: string;
  @ValidateIf(historical) @IsIn(TITLE_LEVELS, { message: '请选择职称级别' }) titleLevel?: string;
  @ValidateIf(historical) @IsString({ message: '请输入专业' }) @MinLength(1, { message: '请输入专业' }) @MaxLength(100, { message: '专业不能超过100字' }) professionName?: string;
  @ValidateIf(historical) @IsDateString({ strict: true }, { message: '取得资格时间格式应为 YYYY-MM-DD' }) qualificationDate?: string;
  @ValidateIf(historical) @IsString({ message: '请输入批准文号' }) @MinLength(1, { message: '请输入批准文号' }) @MaxLength(100, { message: '批准文号不能超过100字' }) approvalDocNo?: string;
  @ValidateIf(historical) @IsString({ message: '请输入评审/认定机构' }) @MinLength(1, { message: '请输入评审/认定机构' }) @MaxLength(200, { message: '评审/认定机构不能超过200字' }) committeeName?: string;

  @ValidateIf(reissue) @IsUUID('all', { message: '请先选择要补办/换发的证书' }) sourceCertificateId?: string;
  @ValidateIf(reissue) @IsIn(Object.values(ReissueDeclareType), { message: '请选择申报类型（评审或初定）' }) declareType?: ReissueDeclareType;
  @ValidateIf(reissue) @IsIn(Object.values(ReissueBusinessType), { message: '请选择业务类别（补办或换发）' }) businessType?: ReissueBusinessType;

  @IsString({ message: '请选择所属行政区划' }) @Matches(/^\d{6}$/, { message: '请选择所属行政区划' }) regionCode: string;
  @IsUUID('all', { message: '请选择申报点' }) issuerOrgId: string;
  @IsObject({ message: '请上传材料' }) documents: Record<string, string>;
}

export class ReviewCertificateApplicationDto {
  @IsInt({ message: '版本号有误' }) version: number;
  @IsIn(['approve', 'reject'], { message: '请选择审核结果' }) decision: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' }) comment?: string;
}

export class CertificateApplicationQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['submitted', 'approved', 'rejected'], { message: '状态有误' }) status?: string;
  @IsOptional() @IsIn(KINDS, { message: '申请类型有误' }) kind?: string;
}
