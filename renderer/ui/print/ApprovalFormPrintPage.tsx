import { areaLabel } from '../../../shared/areas';
import { chinaToday } from '../../../shared/domain/chinaTime';
import { approvalFormLines, approvalFormText } from '../../../shared/exports/approvalForm';
import { formLabels, labelled } from '../../../shared/exports/formText';
import { disabilityText } from '../../../shared/exports/householdSheet';
import { applicationTypeWords, relationWords, sexWords, statusWords } from '../../../shared/exports/labels';
import { headOf } from '../../../shared/schemas/household';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';
import { useApplicationToPrint } from './useApplicationToPrint';

const text = approvalFormText;

/**
 * /print/applications/:id/approval-form — 审批表: the household, the members covered, income and
 * property, the investigation, 初审, 公示, 信息核对 and the decision, signed by township and county.
 */
export function ApprovalFormPrintPage() {
  const found = useApplicationToPrint();
  if (found.state !== 'ready') return <PageState kind={found.state} />;
  const { application, household, applicant } = found;
  const lines = approvalFormLines(application);
  const covered = household.members.filter((member) => application.coveredMemberIds.includes(member.id));
  const title = text.title(applicationTypeWords[application.type]);
  const today = chinaToday();
  const section = (label: string, value: string, testId: string) => (
    <tr>
      <th>{label}</th>
      <td colSpan={3} className="print-text" data-testid={testId}>
        {value}
      </td>
    </tr>
  );
  return (
    <PrintPage kind="approvalForm" documentId={application.id} areaCode={application.areaCode} fileTitle={`${title}-${today}`}>
      <h1>{title}</h1>
      <table className="print-block">
        <tbody>
          <tr>
            <th>{formLabels.applicant}</th>
            <td data-testid="print-applicant">{applicant?.name ?? ''}</td>
            <th>{formLabels.household}</th>
            <td>{headOf(household)?.name ?? ''}</td>
          </tr>
          <tr>
            <th>{formLabels.area}</th>
            <td colSpan={3}>{areaLabel(application.areaCode)}</td>
          </tr>
          <tr>
            <th>{formLabels.address}</th>
            <td colSpan={3}>{household.address}</td>
          </tr>
          <tr>
            <th>{formLabels.program}</th>
            <td>{applicationTypeWords[application.type]}</td>
            <th>{formLabels.status}</th>
            <td data-testid="print-status">{statusWords[application.status]}</td>
          </tr>
        </tbody>
      </table>

      <h2>{text.sections.members}</h2>
      <table className="print-block" data-testid="print-covered-members">
        <thead>
          <tr>
            <th>{formLabels.memberName}</th>
            <th>{formLabels.relation}</th>
            <th>{formLabels.sex}</th>
            <th>{formLabels.birthDate}</th>
            <th>{text.idNumber}</th>
            <th>{formLabels.disability}</th>
          </tr>
        </thead>
        <tbody>
          {covered.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{relationWords[member.relation]}</td>
              <td>{sexWords[member.sex]}</td>
              <td>{member.birthDate}</td>
              <td>{member.idNumber}</td>
              <td>{disabilityText(member)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table className="print-block">
        <tbody>
          {section(text.sections.income, lines.income, 'print-approval-income')}
          {section(text.sections.property, lines.property, 'print-approval-property')}
          {section(text.sections.investigation, lines.investigation, 'print-approval-investigation')}
          {section(text.sections.preliminaryReview, lines.preliminaryReview, 'print-approval-preliminary')}
          {section(text.sections.publicNotice, lines.publicNotice, 'print-approval-notice')}
          {section(text.sections.verification, lines.verification, 'print-approval-verification')}
          {section(text.sections.decision, lines.decision, 'print-approval-decision')}
        </tbody>
      </table>
      <SignatureLines labels={text.signatures} />
      <p className="print-meta">{labelled(formLabels.printedOn, today)}</p>
    </PrintPage>
  );
}
