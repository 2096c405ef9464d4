import type { UnitNature, UnitPermissionStatus } from '@zhicheng/contracts';

export interface UnitPermissionApplication {
  id: string;
  organisationId: string;
  unitName: string;
  creditCode: string;
  regionCode: string;
  nature: UnitNature | null;
  attachments: string[];
  remark: string | null;
  autoCheck: { creditCodeValid?: boolean; nameUnique?: boolean; regionConsistent?: boolean };
  status: UnitPermissionStatus;
  opinion: string | null;
  reviewedAt: string | null;
  submissions: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface MyUnitPermission {
  permitted: boolean;
  organisation: { id: string; name: string; creditCode: string | null; regionCode: string; nature: UnitNature | null };
  applications: UnitPermissionApplication[];
}
