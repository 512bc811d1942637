// Routes: the home page opens a table; /t/:tableId is the table itself (join, then play); /confidentialite says what
// the app keeps about people.
import { Route, Switch } from "wouter";
import { useTranslation } from "react-i18next";
import { PRIVACY_PAGE } from "../../shared/protocol.ts";
import { HomePage } from "./features/home/HomePage.tsx";
import { PrivacyPage } from "./features/privacy/PrivacyPage.tsx";
import { TablePage } from "./features/table/TablePage.tsx";
import { Attribution } from "./ui/Attribution.tsx";

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <main id="main">
        <Switch>
          <Route path={PRIVACY_PAGE}>
            <PrivacyPage />
          </Route>
          <Route path="/t/:tableId">{(params) => <TablePage tableId={params.tableId} />}</Route>
          <Route>
            <HomePage />
          </Route>
        </Switch>
      </main>
      <Attribution />
    </>
  );
}
