import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../shared/domain/idNumber';
import type { Member } from '../../../shared/schemas/household';
import { formatDate } from '../format';

/** 家庭成员 with ID numbers masked (3716**********123X) until 显示 is pressed. */
export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const columns: TableColumnsType<Member> = [
    { key: 'name', dataIndex: 'name', title: t('household.detail.columns.name') },
    {
      key: 'relation',
      title: t('household.detail.columns.relation'),
      render: (_, member) => t(`household.relation.${member.relation}`),
    },
    {
      key: 'idNumber',
      title: t('household.detail.columns.idNumber'),
      render: (_, member) => (
        <span data-testid="member-id-number" style={{ fontFamily: 'monospace', fontSize: 16 }}>
          {revealed ? member.idNumber : maskIdNumber(member.idNumber)}
        </span>
      ),
    },
    { key: 'birthDate', title: t('household.detail.columns.birthDate'), render: (_, member) => formatDate(member.birthDate) },
    { key: 'sex', title: t('household.detail.columns.sex'), render: (_, member) => t(`household.sex.${member.sex}`) },
  ];

  return (
    <section aria-labelledby="members-title">
      <Flex align="center" justify="space-between" style={{ marginBlock: 24 }}>
        <Typography.Title level={3} id="members-title" style={{ margin: 0 }}>
          {t('household.detail.members')}
        </Typography.Title>
        <Button
          icon={revealed ? <EyeInvisibleOutlined /> : <EyeOutlined />}
          onClick={() => setRevealed((shown) => !shown)}
          aria-pressed={revealed}
          data-testid="toggle-id-numbers"
        >
          {revealed ? t('household.detail.hideIds') : t('household.detail.showIds')}
        </Button>
      </Flex>
      <Table<Member> rowKey="id" columns={columns} dataSource={members} pagination={false} data-testid="members-table" />
    </section>
  );
}
