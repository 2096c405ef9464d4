import { ArrayMaxSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { TITLE_LEVELS } from './certificate.dto.js';

export const REISSUE_REASONS = ['遗失补发', '损毁换发', '信息变更换发'] as const;

export class CreateCertificateApplicationDto {
  @IsIn(['historical', 'reissue'], { message: '申请类型有误' }) kind: 'historical' | 'reissue';
  @IsString() @MinLength(1, { message: '请输入职称名称' }) @MaxLength(100) titleName: string;
  @IsString() @Matches(/^[A-Z0-9]{1,16}$/, { message: '系列代码有误' }) seriesCode: string;
  @IsString() @MinLength(1, { message: '请输入专业' }) @MaxLength(100) professionName: string;
  @IsIn(TITLE_LEVELS, { message: '请选择职称级别' }) titleLevel: string;
  @IsDateString({ strict: true }, { message: '取得资格时间格式应为 YYYY-MM-DD' }) qualificationDate: string;
  @IsString() @MinLength(1, { message: '请输入批准文号' }) @MaxLength(100) approvalDocNo: string;
  @IsString() @MinLength(1, { message: '请输入评审委员会' }) @MaxLength(200) committeeName: string;
  @IsOptional() @IsString() @MaxLength(32, { message: '证书编号过长' }) originalCertificateNo?: string;
  @IsUUID('all', { message: '请选择发证单位' }) issuerOrgId: string;
  @IsOptional() @IsIn(REISSUE_REASONS, { message: '请选择补发/换发原因' }) reason?: string;
  @IsArray({ message: '请上传证明材料' }) @ArrayMaxSize(10, { message: '最多上传10个文件' }) @IsUUID('all', { each: true, message: '文件标识有误' }) fileIds: string[];
}

export class ReviewCertificateApplicationDto {
  @IsInt({ message: '版本号有误' }) version: number;
  @IsIn(['approve', 'reject'], { message: '请选择审核结果' }) decision: 'approve' | 'reject';
  @IsOptional() @IsString() @MaxLength(500, { message: '审核意见不能超过500字' }) comment?: string;
}

export class CertificateApplicationQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['submitted', 'approved', 'rejected'], { message: '状态有误' }) status?: string;
  @IsOptional() @IsIn(['historical', 'reissue'], { message: '申请类型有误' }) kind?: string;
}
