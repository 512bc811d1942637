// Continue a story: a JSON file exported from a table opens a new table that goes on from it, with me as facilitator.
import { useLocation } from "wouter";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { importStory } from "#client/net/api.ts";
import { LIMITS } from "#shared/model.ts";
import { Field } from "#client/ui/Field.tsx";
import { enterAsFacilitator } from "../table/auto-join.ts";
import { ImportFileForm } from "./ImportFileForm.tsx";

export function ImportStoryForm() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const texts = {
    heading: t("home.import.heading"),
    intro: t("home.import.intro"),
    file: t("home.import.file"),
    fileRequired: t("home.import.fileRequired"),
    submit: t("home.import.submit"),
    submitting: t("home.submitting"),
  };
  const open = async (text: string, form: FormData) =>
    enterAsFacilitator(await importStory(text), {
      name: String(form.get("name") ?? ""),
      role: String(form.get("role") ?? ""),
    });

  return (
    <ImportFileForm id="import" texts={texts} open={open} onOpened={navigate}>
      <Field label={t("home.facilitatorName")}>
        {(id) => <input id={id} name="name" required maxLength={LIMITS.nameLength} />}
      </Field>
      <Field label={t("home.facilitatorRole")}>
        {(id) => (
          <input
            id={id}
            name="role"
            required
            maxLength={LIMITS.roleLength}
            defaultValue={t("home.facilitatorRoleDefault")}
          />
        )}
      </Field>
    </ImportFileForm>
  );
}
