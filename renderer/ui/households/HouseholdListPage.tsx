import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Input } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useHouseholds } from '../../data';
import { PageTitle } from '../PageTitle';
import { useDebouncedValue } from '../useDebouncedValue';
import { HouseholdTable } from './HouseholdTable';

const SEARCH_DELAY_MS = 200;

/** 家庭: search by a member's name, open a household, or register a new one. */
export function HouseholdListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [typed, setTyped] = useState('');
  const text = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  // A stable search object, so the data layer can use it as an effect dependency.
  const search = useMemo(() => ({ text }), [text]);
  const { households, loading } = useHouseholds(search);

  return (
    <>
      <PageTitle
        title={t('household.list.title')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/households/new')} data-testid="household-register">
            {t('household.list.register')}
          </Button>
        }
      />
      <Input
        id="household-search"
        type="search"
        allowClear
        prefix={<SearchOutlined aria-hidden />}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        placeholder={t('household.list.searchPlaceholder')}
        aria-label={t('household.list.searchLabel')}
        data-testid="household-search"
        style={{ maxWidth: 420, marginBottom: 16 }}
      />
      <HouseholdTable
        households={households}
        loading={loading}
        searchText={text}
        onOpen={(household) => navigate(`/households/${household.id}`)}
      />
    </>
  );
}
