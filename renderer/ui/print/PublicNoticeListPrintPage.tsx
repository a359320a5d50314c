import { Alert, Segmented } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { findArea } from '../../../shared/areas';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { formLabels, labelled } from '../../../shared/exports/formText';
import {
  buildPublicNoticeList,
  publicNoticeListText,
  type PublicNoticeListKind,
  type PublicNoticeRow,
} from '../../../shared/exports/publicNoticeList';
import { addMonths } from '../../../shared/rules/dates';
import { yearMonthField } from '../../../shared/schemas/application';
import { useApplications, useHouseholdsByIds } from '../../data';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';

const text = publicNoticeListText;

function amountText(row: PublicNoticeRow): string {
  if (row.monthlyAmount !== undefined) return text.monthly(row.monthlyAmount);
  if (row.oneOffAmount !== undefined) return text.oneOff(row.oneOffAmount);
  return '';
}

/**
 * /print/public-notice/:villageCode — 村级公示名单 of the applications in 公示 in one village;
 * `?month=YYYY-MM` lists those approved in that month instead. The rows come from
 * buildPublicNoticeList, which keeps only what the rules let be published.
 */
export function PublicNoticeListPrintPage() {
  const { t } = useTranslation();
  const { villageCode = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const monthParam = params.get('month');
  const month = monthParam && yearMonthField.safeParse(monthParam).success ? monthParam : undefined;
  const kind: PublicNoticeListKind = month ? 'approved' : 'publicNotice';
  const { applications, loading } = useApplications({ statuses: [kind] });
  const inVillage = useMemo(() => applications.filter((application) => application.areaCode === villageCode), [applications, villageCode]);
  const householdIds = useMemo(() => inVillage.map((application) => application.householdId), [inVillage]);
  const { byId: households, loading: readingHouseholds } = useHouseholdsByIds(householdIds);

  if (findArea(villageCode)?.level !== 'village') return <PageState kind="notFound" />;
  if (loading || readingHouseholds) return <PageState kind="loading" />;

  // 公示中, or the approvals of this month or the two before (a month's results go up after it closes).
  const months = [0, -1, -2].map((n) => addMonths(`${chinaToday().slice(0, 7)}-01`, n).slice(0, 7));
  const choice = (
    <div className="print-screen-only">
      <Segmented<string>
        value={month ?? ''}
        onChange={(value) => setParams(value ? { month: value } : {}, { replace: true })}
        options={[
          { value: '', label: <span data-testid="public-notice-choose-notice">{t('exports.print.inNoticeList')}</span> },
          ...months.map((value) => ({
            value,
            label: <span data-testid={`public-notice-choose-${value}`}>{t('exports.print.approvedList', { month: value })}</span>,
          })),
        ]}
      />
    </div>
  );
  const list = buildPublicNoticeList({ kind, villageCode, ...(month ? { month } : {}), applications: inVillage, households });
  const today = chinaToday();
  const title = text.title(kind);
  return (
    <PrintPage
      kind="publicNoticeList"
      areaCode={villageCode}
      rowCount={list.rows.length}
      filter={{ villageCode }}
      fileTitle={`${list.village}${title}-${today}`}
    >
      {choice}
      {list.householdsMissing > 0 && (
        <Alert
          className="print-screen-only"
          type="warning"
          showIcon
          title={t('exports.print.householdsMissing', { count: list.householdsMissing })}
          data-testid="public-notice-incomplete"
        />
      )}
      <h1>{title}</h1>
      <p>{text.opening(list)}</p>
      {list.rows.length === 0 ? (
        <p data-testid="public-notice-empty">{text.empty(kind)}</p>
      ) : (
        <table data-testid="public-notice-rows">
          <thead>
            <tr>
              <th>{text.columns.index}</th>
              <th>{text.columns.name}</th>
              <th>{text.columns.village}</th>
              <th>{text.columns.peopleCovered}</th>
              <th>{text.columns.programme}</th>
              {kind === 'approved' ? <th>{text.columns.amount}</th> : null}
              {kind === 'approved' ? <th>{text.columns.approvedOn}</th> : <th>{text.columns.noticePeriod}</th>}
            </tr>
          </thead>
          <tbody>
            {list.rows.map((row, index) => (
              <tr key={`${row.name}-${index}`} data-testid="public-notice-row">
                <td>{index + 1}</td>
                <td data-testid="public-notice-name">{row.name}</td>
                <td>{row.village}</td>
                <td>{row.peopleCovered}</td>
                <td>{row.programme}</td>
                {kind === 'approved' ? <td>{amountText(row)}</td> : null}
                {kind === 'approved' ? (
                  <td>{row.approvedOn ?? ''}</td>
                ) : (
                  <td data-testid="public-notice-period">{row.noticeStart && row.noticeEnd ? text.period(row.noticeStart, row.noticeEnd) : ''}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>{text.objection(list)}</p>
      <p>{labelled(text.hotline, '＿＿＿＿＿＿＿＿＿＿＿＿')}</p>
      <p className="print-note">{text.privacy}</p>
      <p className="print-issuer">{text.issuer(list.township)}</p>
      <p className="print-issuer">{labelled(text.postedOn, formLabels.yearMonthDay)}</p>
      <p className="print-meta">{labelled(formLabels.printedOn, today)}</p>
    </PrintPage>
  );
}
