import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskIdNumber } from '../../../shared/domain/idNumber';
import type { Member } from '../../../shared/schemas/household';
import { formatDate } from '../format';
import { formatYuan } from './formatYuan';

/**
 * 家庭成员 with ID numbers masked (3716**********123X) until 显示 is pressed, and what 更多信息
 * holds: 残疾, 重特大疾病, 劳动能力, 就业意愿, 月收入; a deceased member is marked 已故.
 */
export function MembersTable({ members }: { members: Member[] }) {
  const { t } = useTranslation();
  const [revealed, setRevealed] = useState(false);
  const columns: TableColumnsType<Member> = [
    {
      key: 'name',
      title: t('household.detail.columns.name'),
      render: (_, member) => (
        <Flex gap={6} align="center" wrap>
          <span>{member.name}</span>
          {member.deceasedOn && (
            <Tag data-testid="member-deceased">{t('householdExtra.detail.deceased', { date: formatDate(member.deceasedOn) })}</Tag>
          )}
        </Flex>
      ),
    },
    {
      key: 'relation',
      title: t('household.detail.columns.relation'),
      render: (_, member) => t(`household.relation.${member.relation}`),
    },
    {
      key: 'idNumber',
      title: t('household.detail.columns.idNumber'),
      render: (_, member) => (
        <span data-testid="member-id-number" style={{ fontFamily: 'monospace', fontSize: '1rem' }}>
          {revealed ? member.idNumber : maskIdNumber(member.idNumber)}
        </span>
      ),
    },
    { key: 'birthDate', title: t('household.detail.columns.birthDate'), render: (_, member) => formatDate(member.birthDate) },
    { key: 'sex', title: t('household.detail.columns.sex'), render: (_, member) => t(`household.sex.${member.sex}`) },
    {
      key: 'health',
      title: t('householdExtra.detail.columns.health'),
      render: (_, member) => {
        if (!member.disability && !member.seriousIllness) return '—';
        return (
          <Flex vertical gap={2} style={{ maxWidth: 280 }}>
            {member.disability && (
              <span data-testid="member-disability">
                {t(`householdExtra.disability.${member.disability.category}`)} {t('householdExtra.grade', { grade: member.disability.grade })}
              </span>
            )}
            {member.seriousIllness && (
              <span data-testid="member-serious-illness">
                <Tag color="volcano">{t('householdExtra.detail.seriousIllness')}</Tag>
                {member.illnessNote}
              </span>
            )}
          </Flex>
        );
      },
    },
    {
      key: 'work',
      title: t('householdExtra.detail.columns.work'),
      render: (_, member) => {
        const income = typeof member.monthlyIncome === 'number' ? member.monthlyIncome : undefined;
        if (!member.labourAbility && !member.wantsEmployment && income === undefined) return '—';
        return (
          <Flex vertical gap={2}>
            {member.labourAbility && <span>{t(`householdExtra.labour.${member.labourAbility}`)}</span>}
            {member.wantsEmployment && <span data-testid="member-wants-employment">{t('householdExtra.form.wantsEmployment')}</span>}
            {income !== undefined && (
              <span data-testid="member-monthly-income">{t('householdExtra.detail.incomeShort', { amount: formatYuan(income) })}</span>
            )}
          </Flex>
        );
      },
    },
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
      <Table<Member>
        rowKey="id"
        columns={columns}
        dataSource={members}
        pagination={false}
        scroll={{ x: 'max-content' }}
        data-testid="members-table"
      />
    </section>
  );
}
