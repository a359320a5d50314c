import { PrinterOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { visitSheet } from '../../../shared/exports/visitSheet';
import type { Visit } from '../../../shared/schemas/visit';
import { useHousehold } from '../../data';
import { ExportButton } from './ExportButton';

/** 导出Excel of one household's visits, as the list shows them. */
export function VisitsExportButton({ householdId, visits }: { householdId: string; visits: Visit[] }) {
  const household = useHousehold(householdId);
  const households = useMemo(() => new Map(household ? [[household.id, household]] : []), [household]);
  return (
    <ExportButton
      build={() => visitSheet(visits, households)}
      count={visits.length}
      scope={{ areaPrefix: household?.areaCode ?? '', filter: { householdId } }}
      testId="visit-export"
    />
  );
}

/** 打印 of one visit: opens its 入户调查表. */
export function VisitPrintButton({ visit }: { visit: Visit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      icon={<PrinterOutlined />}
      onClick={(event) => {
        event.stopPropagation();
        navigate(`/print/visits/${visit.id}`);
      }}
      aria-label={t('exports.print.visitRecord')}
      data-testid="visit-print"
    >
      {t('exports.print.button')}
    </Button>
  );
}
