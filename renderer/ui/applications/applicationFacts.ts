/**
 * What the application pages read off an application and its household: names, the dates the
 * deadlines count from, the eligibility preview's input. Pure functions, no React.
 */
import { areaPath, CITY_CODE, naturalAreaCode } from '../../../shared/areas';
import { chinaDateOf } from '../../../shared/domain/chinaTime';
import type { IsoDate } from '../../../shared/rules/dates';
import { policyInForce } from '../../../shared/rules/policyInForce';
import { applicationDeadlines, type Deadline } from '../../../shared/rules/deadlines';
import type {
  DisabilityGrade,
  EligibilityInput,
  EligibilityMember,
  EligibilityPolicy,
} from '../../../shared/rules/eligibility';
import type { Application, DocumentKind } from '../../../shared/schemas/application';
import type { ApplicationSummary } from '../../../shared/rules/applicationSummary';
import type { Household, Member } from '../../../shared/schemas/household';
import type { Policy } from '../../../shared/schemas/reference';
import { deadlineInputOf } from '../../../shared/rules/deadlineInput';

export function memberOf(household: Household | undefined, memberId: string): Member | undefined {
  return household?.members.find((member) => member.id === memberId);
}

export { deadlineInputOf };

export function deadlinesOf(application: ApplicationSummary, today: string): Deadline[] {
  return applicationDeadlines(deadlineInputOf(application), today);
}

/** The earliest deadline still open (not done), or undefined. */
export function nextDeadline(deadlines: Deadline[]): Deadline | undefined {
  return deadlines
    .filter((deadline) => deadline.state !== 'done')
    .sort((a, b) => a.due.localeCompare(b.due))[0];
}

/**
 * Documents the one-time notice lists: those marked missing, and those the township listed
 * when it returned the application, each once, in the checklist's order.
 */
export function missingDocumentsOf(application: Application): DocumentKind[] {
  const listed = new Set<DocumentKind>(application.documents.filter((doc) => doc.state === 'missing').map((doc) => doc.kind));
  if (application.status === 'returned') {
    for (const kind of application.returnNotice?.missingDocuments ?? []) listed.add(kind);
  }
  return [...listed];
}

import { householdResidence } from '../../../shared/rules/residence';

export { householdResidence, residenceOf } from '../../../shared/rules/residence';

function countyNameOf(areaCode: string): string {
  const county = naturalAreaCode(areaCode).slice(0, 6);
  return areaPath(county).find((area) => area.level === 'county')?.name ?? county;
}

/**
 * The application's date, whose figures the preview uses: the day it was first recorded (its
 * first history entry, China time); a draft that has none yet uses today.
 */
export function applicationDateOf(application: Application, today: IsoDate): IsoDate {
  const first = application.history[0];
  return first ? chinaDateOf(first.at) : today;
}

/** The county's figures in force on `date` as the rules read them (the city's filling what it left 待配置). */
export function eligibilityPolicyOf(policies: readonly Policy[], areaCode: string, date: IsoDate): EligibilityPolicy {
  return {
    county: countyNameOf(areaCode),
    date,
    figures: policyInForce(policies, naturalAreaCode(areaCode).slice(0, 6), CITY_CODE, date).figures,
  };
}

function eligibilityMemberOf(member: Member): EligibilityMember {
  const result: EligibilityMember = { id: member.id, birthDate: member.birthDate };
  if (member.disability) {
    result.disability = { category: member.disability.category, grade: member.disability.grade as DisabilityGrade };
  }
  if (member.seriousIllness !== undefined) result.seriousIllness = member.seriousIllness;
  if (member.labourAbility) result.labourAbility = member.labourAbility;
  return result;
}

/** Whether the household is already 低保, 特困 or 低保边缘; unknown when no category was recorded. */
function isDibaoOrTekunOrEdge(household: Household): boolean | undefined {
  if (household.categories === undefined) return undefined;
  return household.categories.some((category) => category === 'dibao' || category === 'tekun' || category === 'dibaoEdge');
}

export function eligibilityInputOf(application: Application, household: Household, policy: EligibilityPolicy): EligibilityInput {
  const spending = application.essentialSpending;
  const flag = isDibaoOrTekunOrEdge(household);
  return {
    members: household.members.map(eligibilityMemberOf),
    policy,
    application: {
      type: application.type,
      residence: householdResidence(household, application.areaCode),
      coveredMemberIds: application.coveredMemberIds,
      singlePersonUnit: application.singlePersonUnit,
      incomeItems: application.incomeItems.map((item) => ({
        ...(item.memberId ? { memberId: item.memberId } : {}),
        kind: item.kind,
        monthlyAmount: item.monthlyAmount,
        treatment: item.treatment,
      })),
      ...(spending ? { essentialSpending12m: { ...spending } } : {}),
      ...(application.medical ? { medical: { ...application.medical } } : {}),
      ...(flag === undefined ? {} : { isDibaoOrTekunOrEdge: flag }),
      propertyItems: application.propertyItems.map((item) => ({
        description: item.description,
        exempt: item.exempt,
        ...(item.value === undefined ? {} : { value: item.value }),
      })),
      ...(application.facts?.propertyWithinLimits === undefined ? {} : { propertyWithinLimits: application.facts.propertyWithinLimits }),
      ...(application.facts?.legalSupporterAbleToSupport === undefined
        ? {}
        : { legalSupporterAbleToSupport: application.facts.legalSupporterAbleToSupport }),
      ...(application.facts?.selfCare === undefined ? {} : { selfCare: application.facts.selfCare }),
    },
  };
}
