// The kit's CC BY 3.0 FR attribution, the credit of the game's rule, the independence of this adaptation, and the link
// to the privacy page, shown on every page.
import { useTranslation } from "../i18n/use-translation.ts";
import { Link } from "wouter";
import { PRIVACY_PAGE } from "#shared/protocol-constants.ts";
import attribution from "#cards/attribution.json";

export function Attribution() {
  const { t } = useTranslation();
  return (
    <footer className="attribution">
      <h2 className="visually-hidden">{t("app.attributionHeading")}</h2>
      <p>
        {attribution.text}{" "}
        <a href={attribution.licenseUrl} rel="license noreferrer" target="_blank">
          {attribution.license}
        </a>
      </p>
      <p>
        {t("credits.rule")} {t("credits.independence")}
      </p>
      <p>
        <Link href={PRIVACY_PAGE}>{t("privacy.footerLink")}</Link>
      </p>
    </footer>
  );
}
