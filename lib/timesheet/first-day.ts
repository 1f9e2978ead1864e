// The first day of the week lives in the shared model (the popup's Logged today uses it too).
export { DEFAULT_FIRST_DAY, firstDayForRegion, firstDayOfWeek } from '@/lib/model/first-day';
