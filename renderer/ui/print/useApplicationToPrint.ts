import { useParams } from 'react-router';
import type { Application } from '../../../shared/schemas/application';
import type { Household, Member } from '../../../shared/schemas/household';
import { useApplication, useHousehold } from '../../data';

export type ApplicationToPrint =
  | { state: 'loading' | 'notFound' }
  | { state: 'ready'; application: Application; household: Household; applicant: Member | undefined };

/** The application named in the route, with its household and applicant. */
export function useApplicationToPrint(): ApplicationToPrint {
  const { id = '' } = useParams();
  const application = useApplication(id);
  const household = useHousehold(application?.householdId ?? '');
  if (application === undefined || (application && household === undefined)) return { state: 'loading' };
  if (application === null || !household) return { state: 'notFound' };
  const applicant = household.members.find((member) => member.id === application.applicantMemberId);
  return { state: 'ready', application, household, applicant };
}
