// French strings of anonymisation (GDPR): the name and role someone takes once anonymised, the refusals, and the words
// of the "M'anonymiser" confirmation and of the facilitator's "Anonymiser…" for someone who asked them.
export const frAnonymise = {
  refusal: {
    nameReserved: "« {{name}} » est un nom réservé aux personnes anonymisées : choisissez-en un autre.",
  },
  anonymise: {
    /** What an anonymised person is called everywhere: N is their place in the order of arrival at the table. */
    name: "Participant·e {{number}}",
    /** The role an anonymised person shows instead of the one they typed. */
    role: "participant·e",
    me: {
      open: "M'anonymiser",
      heading: "M'anonymiser à cette table",
      explain:
        "Votre nom et votre rôle deviennent « {{name}} » et « {{role}} » pour tout le monde : dans la liste des personnes, dans le récit et dans tous ses téléchargements faits ensuite. Votre vrai nom est effacé de ce que le serveur garde de cette table.",
      keeps:
        "Ce que vous avez écrit (narrations, « oui, et… », débrief, cartes) reste dans le récit, signé « {{name}} ».",
      irreversible: "On ne peut pas revenir en arrière.",
      confirm: "Confirmer : m'anonymiser",
      cancel: "Annuler",
      done: "Vous êtes anonymisé·e : vous apparaissez comme « {{name}} ».",
    },
    other: {
      open: "Anonymiser {{name}}",
      explain:
        "À sa demande : le nom et le rôle {{name, de}} deviennent « {{anonymous}} » et « {{role}} » pour tout le monde, dans le récit et ses téléchargements faits ensuite, et son vrai nom est effacé de ce que le serveur garde. Ses textes restent. On ne peut pas revenir en arrière.",
      confirm: "Confirmer : anonymiser {{name}}",
    },
  },
} as const;
