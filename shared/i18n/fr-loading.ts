// French strings of the parts of the app that load when they are needed (the table, the home page, the privacy page).
export const frLoading = {
  loading: {
    /** While a page's code arrives (a second at most on a phone). */
    page: "Chargement…",
    /** Seated: the table's screen is on its way. */
    table: "Ouverture de la table…",
    /** The page's code could not be fetched (network lost): reloading brings the person back where they were. */
    failed: "Cette partie de la page n'a pas pu se charger. Vérifiez votre connexion, puis rechargez la page.",
    reload: "Recharger la page",
  },
} as const;
