// French strings of joining by code: the home page's form, the server's answers, the browser tab naming the table.
export const frJoinCode = {
  joinCode: {
    heading: "Rejoindre avec un code",
    intro:
      "L'animateur·rice vous donne un code de 8 caractères : tapez-le ici pour arriver à la table, ou à l'accueil de l'atelier.",
    label: "Code de la table ou de l'atelier",
    hint: "Par exemple K7PQ-2MXR : majuscules ou minuscules, avec ou sans tiret.",
    submit: "Valider le code",
    submitting: "Recherche…",
    /** Checked in the browser and by the server, before anything is looked up. */
    invalid:
      "Un code a 8 caractères : des chiffres de 2 à 9 et des lettres, sans I, L, O ni U. Vérifiez ce que vous avez tapé.",
    unknown:
      "Aucune table ni aucun atelier n'a ce code. Vérifiez-le auprès de l'animateur·rice (il change quand le lien des participant·es change).",
    rateLimited:
      "Trop de codes erronés depuis votre adresse : réessayez dans {{minutes}} min, ou ouvrez le lien ou le QR code que partage l'animateur·rice.",
    /** The browser tab, on the join page and at the table. */
    tabTitle: "{{title}} — {{app}}",
  },
} as const;
