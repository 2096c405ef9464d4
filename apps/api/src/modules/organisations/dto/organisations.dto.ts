import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { AdminLevel, OrgType, UnitNature, validateCreditCode } from '@zhicheng/contracts';
import { PageQueryDto } from '../../../common/pagination/page-query.dto.js';
import { Validates } from '../../../common/validation/validates.decorator.js';

export class OrgQueryDto extends PageQueryDto {
  @IsOptional() @IsString() @MaxLength(100) keyword?: string;
  @IsOptional() @IsIn(Object.values(OrgType), { message: '机构类型有误' }) type?: string;
  @IsOptional() @Matches(/^\d{2,6}$/, { message: '行政区划代码格式有误' }) regionCode?: string;
  @IsOptional() @IsIn(Object.values(AdminLevel), { message: '级别有误' }) level?: string;
  @IsOptional() @IsIn(['active', 'deregistered'], { message: '状态有误' }) status?: string;
  @IsOptional() @IsIn(['true', 'false'], { message: '权限状态有误' }) permitted?: string;
  @IsOptional() @IsIn(['name', 'regionCode', 'createdAt'], { message: '排序字段有误' }) sort?: string;
}

export class OrgDtoIn {
  @IsString() @IsNotEmpty({ message: '请输入机构名称' }) @MaxLength(200, { message: '机构名称不能超过200字' }) name: string;
  @IsIn(Object.values(OrgType), { message: '请选择机构类型' }) type: OrgType;
  @IsString() @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsOptional() @IsIn(Object.values(AdminLevel), { message: '级别有误' }) level?: AdminLevel;
  @ValidateIf((o: OrgDtoIn) => o.type === 'unit' || !!o.creditCode) @IsString({ message: '请输入统一社会信用代码' }) @Validates(validateCreditCode) creditCode?: string;
  @ValidateIf((o: OrgDtoIn) => o.type === 'unit') @IsIn(Object.values(UnitNature), { message: '请选择单位性质' }) nature?: UnitNature;
  @IsOptional() @IsString() @MaxLength(64) contactName?: string;
  @IsOptional() @IsString() @MaxLength(32) contactPhone?: string;
  /** Acceptance institutions: the name printed on certificates, and the declaration notice. */
  @ValidateIf((o: OrgDtoIn) => o.type === 'acceptance') @IsString() @IsNotEmpty({ message: '请输入证书打印名称' }) @MaxLength(200) certificateName?: string;
  @IsOptional() @IsString() @MaxLength(20000) declarationNotice?: string;
  /** Issuers: the 4-digit issuer code. */
  @ValidateIf((o: OrgDtoIn) => o.type === 'issuer') @Matches(/^\d{4}$/, { message: '发证单位代码应为4位数字' }) issuerCode?: string;
}

export class UpdateOrgDto extends OrgDtoIn {
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class DeregisterDto {
  @IsString() @IsNotEmpty({ message: '请填写注销原因' }) @MaxLength(500, { message: '注销原因不能超过500字' }) reason: string;
}

export class UnitPermissionApplyDto {
  @IsOptional() @IsString({ each: true }) @MaxLength(64, { each: true }) attachments?: string[];
  @IsOptional() @IsString() @MaxLength(1000, { message: '说明不能超过1000字' }) remark?: string;
}

export class UnitPermissionResubmitDto extends UnitPermissionApplyDto {
  @IsString() @IsNotEmpty({ message: '请输入单位名称' }) @MaxLength(200) unitName: string;
  @IsString() @Validates(validateCreditCode) creditCode: string;
  @IsString() @Matches(/^\d{6}$/, { message: '请选择所在地区' }) regionCode: string;
  @IsIn(Object.values(UnitNature), { message: '请选择单位性质' }) nature: UnitNature;
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class UnitPermissionReviewDto {
  @IsIn(['approve', 'reject'], { message: '请选择审核结果' }) decision: 'approve' | 'reject';
  @ValidateIf((o: UnitPermissionReviewDto) => o.decision === 'reject') @IsString() @IsNotEmpty({ message: '退回时请填写审核意见' }) @MaxLength(1000) opinion?: string;
  @IsInt({ message: '缺少版本号' }) version: number;
}

export class UnitPermissionQueryDto extends PageQueryDto {
  @IsOptional() @IsIn(['pending', 'approved', 'rejected'], { message: '状态有误' }) status?: string;
  @IsOptional() @IsString() @MaxLength(100) keyword?: string;
}
