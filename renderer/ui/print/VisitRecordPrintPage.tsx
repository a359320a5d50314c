import { useParams } from 'react-router';
import { areaLabel } from '../../../shared/areas';
import { formLabels, visitRecordText } from '../../../shared/exports/formText';
import { disabilityText } from '../../../shared/exports/householdSheet';
import {
  labourWords,
  LIST_SEPARATOR,
  needWords,
  relationWords,
  sexWords,
  visitTypeWords,
} from '../../../shared/exports/labels';
import { headOf } from '../../../shared/schemas/household';
import { useHousehold, useVisit } from '../../data';
import { PageState } from '../PageState';
import { PrintPage } from './PrintPage';
import { SignatureLines } from './SignatureLines';

const conditionKeys = ['income', 'property', 'food', 'clothing', 'housing', 'dailyUse'] as const;

/** /print/visits/:id — 入户调查表: the household, who was there, what the investigators saw, and lines to sign. */
export function VisitRecordPrintPage() {
  const { id = '' } = useParams();
  const visit = useVisit(id);
  const household = useHousehold(visit?.householdId ?? '');
  if (visit === undefined || (visit && household === undefined)) return <PageState kind="loading" />;
  if (visit === null || !household) return <PageState kind="notFound" />;

  const present = new Set(visit.membersPresent ?? []);
  const title = visitRecordText.title(visit.type === 'investigation');
  const investigatorLines = Math.max(2, visit.investigators.length);
  return (
    <PrintPage kind="visitRecord" documentId={visit.id} areaCode={visit.areaCode} fileTitle={`${title}-${visit.visitDate}`}>
      <h1>{title}</h1>
      <table className="print-block">
        <tbody>
          <tr>
            <th>{formLabels.household}</th>
            <td data-testid="print-household-head">{headOf(household)?.name ?? ''}</td>
            <th>{formLabels.phone}</th>
            <td>{household.phone ?? ''}</td>
          </tr>
          <tr>
            <th>{formLabels.area}</th>
            <td colSpan={3}>{areaLabel(household.areaCode)}</td>
          </tr>
          <tr>
            <th>{formLabels.address}</th>
            <td colSpan={3}>{household.address}</td>
          </tr>
          <tr>
            <th>{formLabels.visitDate}</th>
            <td>{visit.visitDate}</td>
            <th>{formLabels.visitType}</th>
            <td>{visitTypeWords[visit.type]}</td>
          </tr>
          <tr>
            <th>{formLabels.investigators}</th>
            <td colSpan={3}>{visit.investigators.join(LIST_SEPARATOR)}</td>
          </tr>
        </tbody>
      </table>

      <h2>{formLabels.members}</h2>
      <table className="print-block">
        <thead>
          <tr>
            <th>{formLabels.memberName}</th>
            <th>{formLabels.relation}</th>
            <th>{formLabels.sex}</th>
            <th>{formLabels.birthDate}</th>
            <th>{formLabels.disability}</th>
            <th>{formLabels.labour}</th>
            <th>{formLabels.present}</th>
          </tr>
        </thead>
        <tbody>
          {household.members.map((member) => (
            <tr key={member.id}>
              <td>{member.name}</td>
              <td>{relationWords[member.relation]}</td>
              <td>{sexWords[member.sex]}</td>
              <td>{member.birthDate}</td>
              <td>{disabilityText(member)}</td>
              <td>{member.labourAbility ? labourWords[member.labourAbility] : ''}</td>
              <td>{present.has(member.id) ? formLabels.presentYes : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{formLabels.livingConditions}</h2>
      <table className="print-block">
        <tbody>
          {conditionKeys.map((key) => (
            <tr key={key}>
              <th>{visitRecordText.conditions[key]}</th>
              <td className="print-text">{visit.conditions?.[key] ?? ''}</td>
            </tr>
          ))}
          <tr>
            <th>{formLabels.healthChanges}</th>
            <td className="print-text">{visit.healthChanges ?? ''}</td>
          </tr>
        </tbody>
      </table>

      <h2>{formLabels.findings}</h2>
      <p className="print-text" data-testid="print-findings">
        {visit.findings}
      </p>
      <table className="print-block">
        <tbody>
          <tr>
            <th>{formLabels.needsFound}</th>
            <td>{(visit.needsFound ?? []).map((need) => needWords[need]).join(LIST_SEPARATOR) || formLabels.none}</td>
          </tr>
          <tr>
            <th>{formLabels.nextVisitDate}</th>
            <td>{visit.nextVisitDate ?? ''}</td>
          </tr>
        </tbody>
      </table>

      <p>{visitRecordText.declaration}</p>
      <SignatureLines
        labels={visitRecordText.signatures}
        repeat={{ [visitRecordText.signatures[0]]: investigatorLines, [visitRecordText.signatures[1]]: Math.max(1, present.size) }}
      />
    </PrintPage>
  );
}
