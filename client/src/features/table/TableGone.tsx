// What a table's link shows once the table is gone (deleted by its facilitator or after RETENTION_DAYS, or never was):
// the reason, and the way home. Nothing of the table is kept in this browser any more.
import { useTranslation } from "#client/i18n/use-translation.ts";
import { Link } from "wouter";

export function TableGone({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1>{t("deletion.goneHeading")}</h1>
      <p role="alert">{message}</p>
      <p>
        <Link href="/">{t("deletion.goHome")}</Link>
      </p>
    </div>
  );
}
