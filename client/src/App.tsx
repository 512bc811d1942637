// Routes: the home page opens a table; /t/:tableId is the table itself (join, then play).
import { Route, Switch } from "wouter";
import { useTranslation } from "react-i18next";
import { HomePage } from "./features/home/HomePage.tsx";
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
