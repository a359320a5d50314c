import type { VisitSubject } from '../../renderer/ui/today/todayItems';
import type { Household } from '../../shared/schemas/household';

/**
 * A whole household as 今日's visit rules would see it with every member (none left out): the
 * reference the household index's summaries, which keep only the members that matter, must equal.
 */
export const wholeHousehold = (household: Household): VisitSubject => ({
  id: household.id,
  archived: household.archived !== undefined,
  categories: household.categories ?? [],
  createdAt: household.createdAt,
  irregularIncome: household.irregularIncome === true,
  reviewMembers: household.members,
});
