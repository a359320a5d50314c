import { chinaDateOf, chinaToday } from '../../../shared/domain/chinaTime';
import { figuresInForce, periodInForceOn, type FigureLookup } from '../../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../../shared/schemas/application';
import { useCountyPolicyRecords } from '../../data';

/** 滨州市: a figure its county leaves unset (待配置) is the city's, where the city set one for every county. */
const CITY_AREA = '371600000000';

/** The application's date, whose figures apply: the day it was first recorded (its first step). */
function applicationDate(application: Pick<Application, 'history'>): string {
  const first = application.history[0];
  return first ? chinaDateOf(first.at) : chinaToday();
}

/**
 * The county's figures a programme's step needs (medical-aid ratios, the 急难 limit …), by the
 * policy figure's name, from the period in force on the application's date — the city-wide
 * period's where the county's leaves one unset, as the policies rules read them.
 */
export function useProgrammeFigures(application: Pick<Application, 'areaCode' | 'history'>): FigureLookup {
  const county = useCountyPolicyRecords(application.areaCode);
  const city = useCountyPolicyRecords(CITY_AREA);
  return figuresInForce(county, city, applicationDate(application));
}

/** Whether the figures in force on the application's date are the demo's examples (示例), never to be shown as real. */
export function useProgrammeFiguresAreExample(application: Pick<Application, 'areaCode' | 'history'>): boolean {
  const county = useCountyPolicyRecords(application.areaCode);
  const city = useCountyPolicyRecords(CITY_AREA);
  const date = applicationDate(application);
  return [periodInForceOn(county, date), periodInForceOn(city, date)].some((period) => period?.['example'] === true);
}
