// Continue a workshop: the JSON of a workshop's book opens a new workshop whose tables go on from its stories, with me
// as its facilitator (I land on its overview).
import { useLocation } from "wouter";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { importWorkshopBook } from "#client/net/plenary-api.ts";
import { inAppPath } from "../workshop/workshop-link.ts";
import { ImportFileForm } from "./ImportFileForm.tsx";

export function ImportWorkshopForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const texts = {
    heading: t("workshopPlenary.importWorkshop.heading"),
    intro: t("workshopPlenary.importWorkshop.intro"),
    file: t("workshopPlenary.importWorkshop.file"),
    fileRequired: t("workshopPlenary.importWorkshop.fileRequired"),
    submit: t("workshopPlenary.importWorkshop.submit"),
    submitting: t("workshopPlenary.importWorkshop.submitting"),
  };
  const open = async (text: string) => inAppPath((await importWorkshopBook(text)).facilitatorLink);
  return <ImportFileForm id="import-workshop" texts={texts} open={open} onOpened={navigate} />;
}
