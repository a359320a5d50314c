import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export interface PageTitleProps {
  title: ReactNode;
  /** Where 返回 leads; no back button when absent. */
  backTo?: string;
  backLabel?: string;
  /** Buttons on the right. */
  actions?: ReactNode;
}

/** A page's heading row: optional 返回, the title, and its main actions. */
export function PageTitle({ title, backTo, backLabel, actions }: PageTitleProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Flex align="center" justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
      <Flex align="center" gap={12}>
        {backTo && (
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(backTo)} data-testid="page-back">
            {backLabel ?? t('common.back')}
          </Button>
        )}
        <Typography.Title level={2} id="page-title" style={{ margin: 0 }}>
          {title}
        </Typography.Title>
      </Flex>
      {actions && (
        <Flex gap={12} wrap>
          {actions}
        </Flex>
      )}
    </Flex>
  );
}
