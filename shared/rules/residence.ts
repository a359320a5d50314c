/**
 * 城市 or 农村, for which 低保 standard applies: the township's mark on the household, else a guess
 * from the place (the 统计用区划代码 does not carry the urban-rural class, so a 社区 or 居委会, or
 * any place under a 街道, counts as urban; villages as rural).
 */
import { areaPath } from '../areas';
import type { Residence } from '../vocabulary/residences';

export function residenceOf(areaCode: string): Residence {
  const path = areaPath(areaCode);
  const village = path[path.length - 1]?.name ?? '';
  const township = path.find((area) => area.level === 'township')?.name ?? '';
  return /社区|居委会|居民委员会/.test(village) || township.endsWith('街道') ? 'urban' : 'rural';
}

/** The household's 城市/农村 mark as the township set it, else the area's guess. */
export function householdResidence(household: { residence?: Residence | undefined }, areaCode: string): Residence {
  return household.residence ?? residenceOf(areaCode);
}
