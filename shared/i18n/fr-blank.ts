// French strings of blank cards (« Défi à écrire », « Écueil à écrire »): the refusals of the rules and the forms to write one.
export const frBlank = {
  refusal: {
    blankToWrite: "Écrivez d'abord cette carte : donnez-lui un titre et un texte, puis posez-la sur le chemin.",
    cardNotBlank: "Cette carte est déjà écrite : il n'y a plus rien à y écrire.",
    blankNotYours: "Seule la personne qui a posé cette carte, ou l'animation, peut l'écrire.",
    blankNotFound: "Cette carte n'est ni dans votre main ni sur le chemin.",
    dealtBlankToWrite:
      "L'écueil tiré est une carte vierge « {{title}} » : écrivez-le (un titre et un texte) pour le poser sur le chemin.",
    pitfallNotBlank: "L'écueil du dessus de la pioche n'est plus une carte vierge : distribuez-le tel quel.",
  },
  blank: {
    inHand: "Carte vierge : écrivez-la, puis posez-la. Elle devient une carte de votre table.",
    introStep:
      "Cette carte vierge est sur le chemin sans texte : écrivez-la. Elle devient une carte de votre table, gardée dans le récit.",
    formName: "Écrire la carte « {{title}} »",
    title: "Titre de la carte",
    text: "Texte de la carte",
    submit: "Écrire la carte",
    saving: "Écriture…",
    done: "Carte « {{title}} » écrite.",
    deal: {
      heading: "L'écueil tiré est une carte vierge",
      intro:
        "Écrivez l'écueil que rencontre l'histoire, seul·e ou avec le groupe : il sera posé sur le chemin avec ce texte.",
      submit: "Poser l'écueil écrit",
      cancel: "Annuler",
    },
  },
} as const;
