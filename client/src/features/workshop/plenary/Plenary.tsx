// STUB (owned by the plenary helper): the stories one table after another, and the comparison of the tables.
export function Plenary(_props: { workshopId: string; secret: { facilitatorKey?: string; observerKey?: string }; screen?: boolean }) {
  return null;
}
