import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UsedFigure } from '../../../shared/rules/eligibility';
import { policyFigureTerms } from '../../../shared/vocabulary';
import { formatMoney } from './money';

/** Units whose values are money (two decimals); multiples, shares, days and houses are shown as they are. */
const moneyUnits = new Set(['yuanPerPersonMonth', 'yuanPerYear', 'yuan']);

/** The county's figures a rule used: each with its value, its period and its source. */
export function UsedFiguresList({ figures }: { figures: UsedFigure[] }) {
  const { t } = useTranslation();
  return (
    <ul style={{ margin: '0 0 8px', paddingInlineStart: 20 }} data-testid="eligibility-policy-figures">
      {figures.map((figure) => {
        const unit = policyFigureTerms[figure.name].unit;
        const period =
          figure.validTo === undefined
            ? t('application.detail.eligibility.periodFrom', { from: figure.validFrom })
            : t('application.detail.eligibility.periodFromTo', { from: figure.validFrom, to: figure.validTo });
        const marks = [figure.cityWide ? t('application.detail.eligibility.cityWide') : '', figure.example ? t('application.detail.eligibility.example') : '']
          .filter(Boolean)
          .map((mark) => `［${mark}］`)
          .join('');
        return (
          <li key={figure.name} data-testid="eligibility-policy-figure" data-name={figure.name}>
            <Typography.Text>
              {t('application.detail.eligibility.figureUsed', {
                name: t(`policies.figure.${figure.name}`),
                value: moneyUnits.has(unit) ? formatMoney(figure.value) : String(figure.value),
                unit: t(`policies.unit.${unit}`),
                period,
                source: figure.source,
              })}
              {marks}
            </Typography.Text>
          </li>
        );
      })}
    </ul>
  );
}
