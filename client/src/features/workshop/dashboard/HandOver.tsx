// « Confier cette table »: that table's own facilitator link (rights on that table only), asked for when shown.
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { sendWorkshopCommand } from "#client/net/workshop-connection.ts";
import { CopyField } from "#client/ui/CopyField.tsx";

export function HandOver({ tableId, name }: { tableId: string; name: string }) {
  const { t } = useTranslation();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    sendWorkshopCommand({ type: "tableLink", tableId }).then(
      (reply) => {
        if (!current) return;
        if (reply.path) setLink(`${window.location.origin}${reply.path}`);
        else setError(reply.results[0]?.message ?? t("connection.actionNotSent"));
      },
      (failure: Error) => current && setError(failure.message),
    );
    return () => {
      current = false;
    };
  }, [tableId, t]);

  return (
    <div className="table-card__panel">
      <p className="field__hint">{t("workshopOverview.handOverHint")}</p>
      {link && (
        <CopyField
          label={t("workshopOverview.handOverLink", { name })}
          value={link}
          copyLabel={t("workshopOverview.copy")}
          small
        />
      )}
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
    </div>
  );
}
