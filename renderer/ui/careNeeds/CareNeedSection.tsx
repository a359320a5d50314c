import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Household } from '../../../shared/schemas/household';
import { useCareNeeds } from '../../data';
import { CareNeedTable } from './CareNeedTable';

export interface CareNeedSectionProps {
  household: Household;
  /** Social workers add and change care needs; others only look. */
  canEdit: boolean;
}

/** 照料需求 on a household's page, with 新增照料需求 for social workers. */
export function CareNeedSection({ household, canEdit }: CareNeedSectionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const needs = useCareNeeds({ householdId: household.id });
  const households = useMemo(() => new Map([[household.id, household]]), [household]);
  return (
    <section aria-labelledby="care-needs-title" data-testid="care-need-section">
      <Flex align="center" justify="space-between" wrap gap={12} style={{ marginBlock: 24 }}>
        <Typography.Title level={3} id="care-needs-title" style={{ margin: 0 }}>
          {t('careNeed.section.title')}
        </Typography.Title>
        {canEdit && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/households/${household.id}/care-needs/new`)} data-testid="care-need-new">
            {t('careNeed.section.add')}
          </Button>
        )}
      </Flex>
      <CareNeedTable
        needs={needs}
        households={households}
        showHousehold={false}
        emptyText={t('careNeed.section.empty')}
        onOpen={(need) => navigate(`/care-needs/${need.id}`)}
      />
    </section>
  );
}
