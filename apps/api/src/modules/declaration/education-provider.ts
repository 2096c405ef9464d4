import type { EducationFetchResult, ModuleRow } from '@zhicheng/contracts';

/** H-04 "auto-fetch" education: the national education registry in production, simulated in development. */
export interface EducationProvider {
  fetch(person: { realName: string; idCard: string }): Promise<EducationFetchResult>;
}
export const EDUCATION_PROVIDER = Symbol('EDUCATION_PROVIDER');

const NOT_FOUND = '未查询到学历信息，请手动添加';

/**
 * Development provider: deterministic, derived from the ID number. An ID whose sequence digit
 * (17th) is 9 finds nothing; any other ID finds one 本科/学士 row graduating at 22.
 */
export class DevEducationProvider implements EducationProvider {
  async fetch(person: { realName: string; idCard: string }): Promise<EducationFetchResult> {
    const id = person.idCard;
    if (!/^\d{17}[\dX]$/.test(id) || id[16] === '9') return { found: false, rows: [], message: NOT_FOUND };
    const birthYear = Number(id.slice(6, 10));
    const serial = id.slice(10, 16);
    const row: ModuleRow = {
      school: '南京示范大学',
      major: '电子信息工程',
      educationLevel: '本科',
      degree: '学士',
      startDate: `${birthYear + 18}-09-01`,
      endDate: `${birthYear + 22}-07-01`,
      diplomaNo: `10${serial}${birthYear + 22}0001`,
      degreeNo: `40${serial}${birthYear + 22}0001`,
      highest: true,
    };
    return { found: true, rows: [row], message: '已从学历信息库获取1条学历记录，请核对并上传证书' };
  }
}
