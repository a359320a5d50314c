import { FileProtectOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { chinaToday } from '../../../shared/domain/chinaTime';
import type { Household } from '../../../shared/schemas/household';
import { useApplications } from '../../data';
import { usePermissions } from '../usePermissions';
import { ApplicationTable } from './ApplicationTable';

/** 救助申请 of one household, on its detail page. */
export function HouseholdApplications({ household }: { household: Household }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const filter = useMemo(() => ({ householdId: household.id }), [household.id]);
  const { applications, loading } = useApplications(filter);
  const households = useMemo(() => new Map([[household.id, household]]), [household]);

  return (
    <section aria-labelledby="household-applications-title">
      <Typography.Title level={3} id="household-applications-title" style={{ marginBlock: 24 }}>
        {t('application.household.title')}
      </Typography.Title>
      <ApplicationTable
        applications={applications}
        households={households}
        loading={loading}
        today={chinaToday()}
        emptyText={t('application.household.empty')}
        onOpen={(application) => navigate(`/applications/${application.id}`)}
        compact
      />
    </section>
  );
}

/** 发起救助申请, for the roles that take applications (协理员, 乡镇). */
export function NewApplicationButton({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (!usePermissions().canCreate('applications')) return null;
  return (
    <Button icon={<FileProtectOutlined />} onClick={() => navigate(`/households/${householdId}/applications/new`)} data-testid="application-new">
      {t('application.household.new')}
    </Button>
  );
}
