import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested,
} from 'class-validator';
import { validateIdCard } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Validates } from '../../../common/validation/validates.decorator.js';

export const TITLE_LEVELS = ['yuan', 'assistant', 'intermediate', 'vice_senior', 'senior'] as const;

export class CertificateQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(32) name?: string;
  @IsOptional() @IsString() @MaxLength(32) certificateNo?: string;
  @IsOptional() @IsString() @MaxLength(100) titleName?: string;
  @IsOptional() @IsIn(['valid', 'revoked'], { message: '状态有误' }) status?: 'valid' | 'revoked';
  @IsOptional() @IsIn(['review', 'initial', 'historical', 'reissue'], { message: '证书类型有误' }) kind?: string;
  @IsOptional() @IsIn(['unreported', 'pending', 'reported', 'failed'], { message: '上报状态有误' }) reportedStatus?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '开始日期格式应为 YYYY-MM-DD' }) issuedFrom?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '结束日期格式应为 YYYY-MM-DD' }) issuedTo?: string;
  @IsOptional() @IsUUID('all', { message: '发证单位有误' }) issuerOrgId?: string;
}

export class RevokeCertificateDto {
  @IsInt({ message: '版本号有误' }) version: number;
  @IsString() @MinLength(2, { message: '请填写撤销原因' }) @MaxLength(500, { message: '原因不能超过500字' }) reason: string;
}

export class VerifyCertificateDto {
  @IsString() @MinLength(1, { message: '请输入姓名' }) @MaxLength(32, { message: '姓名过长' }) name: string;
  @IsString() @Validates(validateIdCard) idCard: string;
  @IsOptional() @IsString() @MaxLength(32, { message: '证书编号过长' }) certificateNo?: string;
  @IsOptional() @IsString() @MaxLength(16, { message: '验证码过长' }) verificationCode?: string;
}

/** P-05: an OFD file as base64 (the request body limit applies: about 700 KB of file). */
export class VerifyOfdDto {
  @IsString({ message: '请上传 OFD 文件' }) @MinLength(1, { message: '请上传 OFD 文件' }) @MaxLength(1_000_000, { message: 'OFD 文件过大' })
  @Matches(/^[A-Za-z0-9+/=\s]+$/, { message: 'OFD 文件应以 base64 编码上传' })
  ofd: string;
}

/** P-05: the text read from an e-certificate's QR code. */
export class VerifyQrDto {
  @IsString({ message: '请输入二维码内容' }) @MinLength(1, { message: '请输入二维码内容' }) @MaxLength(2000, { message: '二维码内容过长' }) text: string;
}

/** H-15: a verification grant (purpose, validity in days ≤ 90). */
export class CreateGrantDto {
  @IsString({ message: '请填写用途' }) @MinLength(2, { message: '请填写用途（至少 2 个字）' }) @MaxLength(100, { message: '用途最多 100 个字' }) purpose: string;
  @Type(() => Number) @IsInt({ message: '有效期应为整数天' }) @Min(1, { message: '有效期至少 1 天' }) @Max(90, { message: '有效期最长 90 天' }) validDays: number;
}

export class ReconcileQueryDto {
  @IsOptional() @IsDateString({ strict: true }, { message: '日期格式应为 YYYY-MM-DD' }) date?: string;
}

export class VerifyGrantDto {
  @IsString({ message: '请输入核验码' }) @MinLength(1, { message: '请输入核验码' }) @MaxLength(16, { message: '核验码过长' }) code: string;
}

export class IssueItemDto {
  @IsString() @MinLength(1) @MaxLength(200) issueKey: string;
  @IsOptional() @IsUUID('all', { message: '申报标识有误' }) sourceDeclarationId?: string;
  @IsOptional() @IsUUID('all', { message: '持证人账号有误' }) holderUserId?: string;
  @IsString() @MinLength(1, { message: '请输入持证人姓名' }) @MaxLength(32) holderName: string;
  @IsString() @Validates(validateIdCard) holderIdCard: string;
  @IsString() @MinLength(1, { message: '请输入职称名称' }) @MaxLength(100) titleName: string;
  @IsString() @Matches(/^[A-Z0-9]{1,16}$/, { message: '系列代码有误' }) seriesCode: string;
  @IsString() @MinLength(1, { message: '请输入专业' }) @MaxLength(100) professionName: string;
  @IsIn(TITLE_LEVELS, { message: '职称级别有误' }) titleLevel: string;
  @IsDateString({ strict: true }, { message: '取得资格时间格式应为 YYYY-MM-DD' }) qualificationDate: string;
  @IsString() @MinLength(1, { message: '请输入批准文号' }) @MaxLength(100) approvalDocNo: string;
  @IsString() @MinLength(1, { message: '请输入评委会名称' }) @MaxLength(200) committeeName: string;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeOrgId?: string;
  @IsUUID('all', { message: '请选择发证单位' }) issuerOrgId: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '发证日期格式应为 YYYY-MM-DD' }) issueDate?: string;
  @IsOptional() @IsBoolean() hasECertificate?: boolean;
}

export class IssueCertificatesDto {
  @IsArray() @ArrayMinSize(1, { message: '请选择要发证的人员' }) @ArrayMaxSize(1000, { message: '一次最多发证1000人' })
  @ValidateNested({ each: true }) @Type(() => IssueItemDto)
  items: IssueItemDto[];
}

export class PdfQueryDto {
  @IsOptional() @IsIn(['1', 'true', '0', 'false']) download?: string;
}

export class IssueDeclarationsDto {
  @IsArray() @ArrayMinSize(1, { message: '请选择要发证的申报' }) @ArrayMaxSize(10000, { message: '一次最多发证10000人' })
  @IsUUID('all', { each: true, message: '申报标识有误' })
  declarationIds: string[];
  @IsString() @MinLength(1, { message: '请输入批准文号' }) @MaxLength(100) approvalDocNo: string;
  @IsUUID('all', { message: '请选择发证单位' }) issuerOrgId: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '取得资格时间格式应为 YYYY-MM-DD' }) qualificationDate?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '发证日期格式应为 YYYY-MM-DD' }) issueDate?: string;
}

/** filters of filed-and-passed declarations (the issuing screen's list, and the "by query condition" source). */
export class IssuableQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID('all', { message: '批次有误' }) batchId?: string;
  @IsOptional() @Type(() => Number) @IsInt({ message: '年度有误' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' }) year?: number;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsString() @Matches(/^[A-Z0-9]{1,16}$/, { message: '系列代码有误' }) seriesCode?: string;
  @IsOptional() @IsIn(TITLE_LEVELS, { message: '职称级别有误' }) titleLevel?: string;
  @IsOptional() @IsString() @MaxLength(64, { message: '备案文号过长' }) filingDocNo?: string;
  @IsOptional() @IsString() @MaxLength(32) name?: string;
  /** yes: already has a certificate; no: not yet (default: both). */
  @IsOptional() @IsIn(['yes', 'no'], { message: '是否已发证有误' }) issued?: 'yes' | 'no';
}

/** The "by query condition" filters as sent in a batch body (no paging). */
export class IssuableFilterDto {
  @IsOptional() @IsUUID('all', { message: '批次有误' }) batchId?: string;
  @IsOptional() @IsInt({ message: '年度有误' }) @Min(2000, { message: '年度有误' }) @Max(2100, { message: '年度有误' }) year?: number;
  @IsOptional() @IsUUID('all', { message: '评委会有误' }) committeeId?: string;
  @IsOptional() @IsString() @Matches(/^[A-Z0-9]{1,16}$/, { message: '系列代码有误' }) seriesCode?: string;
  @IsOptional() @IsIn(TITLE_LEVELS, { message: '职称级别有误' }) titleLevel?: string;
  @IsOptional() @IsString() @MaxLength(64, { message: '备案文号过长' }) filingDocNo?: string;
  @IsOptional() @IsString() @MaxLength(32) name?: string;
  @IsOptional() @IsIn(['yes', 'no'], { message: '是否已发证有误' }) issued?: 'yes' | 'no';
}

/**
 * starts an issuance batch. `source` decides which field is needed: selection → declarationIds;
 * filing_doc → filingDocNo; query → filters + expectedCount (the count the user confirmed); import → importJobId.
 */
export class CreateIssueBatchDto {
  @IsIn(['selection', 'filing_doc', 'query', 'import'], { message: '发证方式有误' }) source: 'selection' | 'filing_doc' | 'query' | 'import';
  @IsUUID('all', { message: '请选择发证单位' }) issuerOrgId: string;
  @IsOptional() @IsArray() @ArrayMaxSize(10000, { message: '一次最多选择10000人' }) @IsUUID('all', { each: true, message: '申报标识有误' })
  declarationIds?: string[];
  @IsOptional() @IsString() @MinLength(1, { message: '请输入备案文号' }) @MaxLength(64, { message: '备案文号过长' }) filingDocNo?: string;
  @IsOptional() @ValidateNested() @Type(() => IssuableFilterDto) filters?: IssuableFilterDto;
  @IsOptional() @IsInt({ message: '确认人数有误' }) @Min(1, { message: '确认人数有误' }) expectedCount?: number;
  @IsOptional() @IsUUID('all', { message: '导入记录有误' }) importJobId?: string;
  /** 批准文号; empty = each declaration's filing document number. */
  @IsOptional() @IsString() @MaxLength(100, { message: '批准文号过长' }) approvalDocNo?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '取得资格时间格式应为 YYYY-MM-DD' }) qualificationDate?: string;
  @IsOptional() @IsDateString({ strict: true }, { message: '发证日期格式应为 YYYY-MM-DD' }) issueDate?: string;
}

export class IssueBatchItemsQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['pending', 'issued', 'existing', 'failed'], { message: '状态有误' }) status?: string;
}

/** report the selected certificates, or all unreported ones in scope. */
export class MinistryReportDto {
  @IsOptional() @IsArray() @ArrayMinSize(1, { message: '请选择要上报的证书' }) @ArrayMaxSize(10000, { message: '一次最多上报10000条' })
  @IsUUID('all', { each: true, message: '证书标识有误' })
  certificateIds?: string[];
  @IsOptional() @IsBoolean({ message: 'all 应为 true 或 false' }) all?: boolean;
}
