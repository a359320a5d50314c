import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { villagesIn } from '../../../shared/areas';
import { scopePrefix } from '../../../shared/auth/roles';
import { householdCategories, type HouseholdCategory } from '../../../shared/schemas/household';
import { householdSheet } from '../../../shared/exports/householdSheet';
import { useAuth, useHouseholdPage, useMatchingHouseholds, type HouseholdSearch } from '../../data';
import { ExportButton } from '../exports/ExportButton';
import { PageTitle } from '../PageTitle';
import { useDebouncedValue } from '../useDebouncedValue';
import { usePermissions } from '../usePermissions';
import { HouseholdTable } from './HouseholdTable';

const SEARCH_DELAY_MS = 200;
const VILLAGE_CODE_LENGTH = 12;
const PAGE_SIZE = 20;

/**
 * 家庭: find a household by a member's name or a whole ID number, narrow the list by village
 * and 4+N group, show archived ones on request; open one, or register a new one.
 */
export function HouseholdListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { session } = useAuth();
  const can = usePermissions();
  const scope = session ? scopePrefix(session.user.role, session.user.areaCode) : '';
  // An assistant works in one village: there is nothing to choose.
  const oneVillage = scope.length === VILLAGE_CODE_LENGTH;
  const [typed, setTyped] = useState('');
  // ?village= and ?category= preset the filters (the dashboard's figures link here).
  const [params] = useSearchParams();
  const [villageCode, setVillageCode] = useState<string | undefined>(() => params.get('village') ?? undefined);
  const [category, setCategory] = useState<HouseholdCategory | undefined>(() => {
    const value = params.get('category');
    return householdCategories.find((known) => known === value);
  });
  const [includeArchived, setIncludeArchived] = useState(false);
  const text = useDebouncedValue(typed.trim(), SEARCH_DELAY_MS);
  // A stable search object, so the data layer can use it as an effect dependency.
  const search = useMemo<HouseholdSearch>(
    () => ({ text, villageCode, category, includeArchived }),
    [text, villageCode, category, includeArchived],
  );
  // The page belongs to the search it was chosen in: a new search text or filter starts at page 1.
  const [paging, setPaging] = useState({ search, page: 1 });
  const page = paging.search === search ? paging.page : 1;
  const { households, total, loading } = useHouseholdPage(search, page, PAGE_SIZE);
  const readAll = useMatchingHouseholds(search);
  // Households archived or moved away meanwhile can leave the page past the end: show the last one.
  const lastPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- only once the page's count has come back from the database can it be found past the end.
    if (!loading && page > lastPage) setPaging({ search, page: lastPage });
  }, [loading, page, lastPage, search]);

  const villageOptions = useMemo(() => {
    if (oneVillage || !scope) return [];
    return villagesIn(scope).map((village) => ({ value: village.code, label: village.name }));
  }, [oneVillage, scope]);
  const categoryOptions = householdCategories.map((value) => ({ value, label: t(`householdExtra.category.${value}`) }));
  const filtered = Boolean(villageCode || category);

  return (
    <>
      <PageTitle
        title={t('household.list.title')}
        actions={
          <>
            <ExportButton
              build={async () => householdSheet(await readAll())}
              count={total}
              scope={{ areaPrefix: villageCode ?? scope, filter: { villageCode, category, includeArchived, textSearch: Boolean(text) } }}
              testId="household-export"
            />
            {can.canCreate('households') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/households/new')} data-testid="household-register">
                {t('household.list.register')}
              </Button>
            )}
          </>
        }
      />
      <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }} role="search">
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
          // In em: the placeholder must fit whole at every 字号.
          style={{ width: '26em', maxWidth: '100%' }}
        />
        {!oneVillage && (
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            allowClear
            options={villageOptions}
            value={villageCode}
            onChange={(value?: string) => setVillageCode(value ?? undefined)}
            placeholder={t('householdExtra.list.filterVillageAll')}
            aria-label={t('householdExtra.list.filterVillage')}
            data-testid="household-filter-village"
            style={{ width: 220 }}
          />
        )}
        <Select
          allowClear
          options={categoryOptions}
          value={category}
          onChange={(value?: HouseholdCategory) => setCategory(value ?? undefined)}
          placeholder={t('householdExtra.list.filterCategoryAll')}
          aria-label={t('householdExtra.list.filterCategory')}
          data-testid="household-filter-category"
          style={{ width: 220 }}
        />
        <Checkbox
          checked={includeArchived}
          onChange={(event) => setIncludeArchived(event.target.checked)}
          data-testid="household-show-archived"
        >
          {t('householdExtra.list.showArchived')}
        </Checkbox>
      </Flex>
      <HouseholdTable
        households={households}
        paging={{ page, pageSize: PAGE_SIZE, total, onChange: (chosen) => setPaging({ search, page: chosen }) }}
        loading={loading}
        searchText={text}
        filtered={filtered}
        onOpen={(household) => navigate(`/households/${household.id}`)}
      />
    </>
  );
}
