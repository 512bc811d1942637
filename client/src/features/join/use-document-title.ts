// The browser tab names the table: « <title> — Jeu des transitions » on its join page and at the table, so that a
// person with several tabs (or a facilitator running two tables) finds theirs. Back to the app's name when left.
import { useEffect } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";

/**
 * The tab titles asked for by mounted components, latest last: the tab shows the latest. The join form and the table
 * page both name the table while the person sits down; whichever unmounts first leaves the other's in place.
 */
const claims: { title: string }[] = [];

export function useDocumentTitle(tableTitle: string | null | undefined): void {
  const { t } = useTranslation();
  const title = tableTitle?.trim();
  useEffect(() => {
    if (!title) return;
    const claim = { title: t("joinCode.tabTitle", { title, app: t("app.name") }) };
    claims.push(claim);
    document.title = claim.title;
    return () => {
      claims.splice(claims.indexOf(claim), 1);
      document.title = claims.at(-1)?.title ?? t("app.name");
    };
  }, [title, t]);
}
