// STUB (owned by the overview helper): the workshop facilitator's live overview.
export function Dashboard(_props: { workshopId: string; facilitatorKey: string }) {
  return null;
}
