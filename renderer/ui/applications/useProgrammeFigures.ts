import { chinaToday } from '../../../shared/domain/chinaTime';
import { lookupIn, type FigureLookup } from '../../../shared/rules/programmes/programmeFigures';
import type { Application } from '../../../shared/schemas/application';
import { usePolicy } from '../../data';

/**
 * The county's figures a programme's step needs (medical-aid ratios, the 急难 limit …), by the
 * policy figure's name. The one place that knows where they come from: today the county's policy
 * record for the year, read loosely so that the figures of the reworked policies (in force on the
 * application's date) can be handed in here without touching the forms.
 */
export function useProgrammeFigures(application: Pick<Application, 'areaCode'>): FigureLookup {
  const policy = usePolicy(application.areaCode, Number(chinaToday().slice(0, 4)));
  return lookupIn(policy as Readonly<Record<string, unknown>> | null);
}
