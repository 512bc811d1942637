// What the app keeps, for how long, and how to have it deleted: the same content as the README's "Privacy" section.
import { useEffect, useState } from "react";
import { useTranslation } from "#client/i18n/use-translation.ts";
import { Link } from "wouter";
import { fetchHosting } from "#client/net/api.ts";

const STORED = ["table", "people", "texts", "keys"] as const;
const NOT_STORED = ["account", "tracking", "cookies", "thirdParties", "addresses"] as const;
const DELETION = ["facilitator", "participant", "host"] as const;

export function PrivacyPage() {
  const { t } = useTranslation();
  const [retentionDays, setRetentionDays] = useState<number | null>(null);

  useEffect(() => {
    const previous = document.title;
    document.title = t("privacy.title");
    return () => void (document.title = previous);
  }, [t]);

  useEffect(() => {
    // The host's own setting when the server says it; the default sentence otherwise.
    fetchHosting().then(
      (hosting) => setRetentionDays(hosting.retentionDays),
      () => setRetentionDays(null),
    );
  }, []);

  return (
    <article className="page page--narrow privacy" aria-labelledby="privacy-heading">
      <h1 id="privacy-heading">{t("privacy.heading")}</h1>
      <p>{t("privacy.intro")}</p>

      <section aria-labelledby="privacy-stored">
        <h2 id="privacy-stored">{t("privacy.storedHeading")}</h2>
        <ul>
          {STORED.map((key) => (
            <li key={key}>{t(`privacy.stored.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-not-stored">
        <h2 id="privacy-not-stored">{t("privacy.notStoredHeading")}</h2>
        <ul>
          {NOT_STORED.map((key) => (
            <li key={key}>{t(`privacy.notStored.${key}`)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="privacy-browser">
        <h2 id="privacy-browser">{t("privacy.browserHeading")}</h2>
        <p>{t("privacy.browser")}</p>
      </section>

      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t("privacy.retentionHeading")}</h2>
        <p>
          {retentionDays === null ? t("privacy.retentionDefault") : t("privacy.retention", { count: retentionDays })}
        </p>
        <p>{t("privacy.retentionBackups")}</p>
      </section>

      <section aria-labelledby="privacy-deletion">
        <h2 id="privacy-deletion">{t("privacy.deletionHeading")}</h2>
        <ul>
          {DELETION.map((key) => (
            <li key={key}>{t(`privacy.deletion.${key}`)}</li>
          ))}
        </ul>
      </section>

      <p>
        <Link href="/">{t("privacy.back")}</Link>
      </p>
    </article>
  );
}
