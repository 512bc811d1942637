// STUB (owned by the plenary helper): the workshop's book (HTML, Markdown, JSON).
export function BookDownloads(_props: { workshopId: string; facilitatorKey: string }) {
  return null;
}
