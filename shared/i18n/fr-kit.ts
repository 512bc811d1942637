// French strings of the cards' fidelity to the Kit AgirLocal: our labels and theme choices shown as ours, where a
// card's words are in the kit, the credit of the game's rule and the independence of this adaptation.
export const frKit = {
  kit: {
    /** A short label we added to a challenge, shown small under its question. */
    labelOurs: "intitulé ajouté : {{label}}",
    labelOursHint: "Intitulé ajouté par le jeu, absent du kit : la question du kit est la face du défi.",
    themes: "Thèmes",
    theme: "Thème",
    themeByApp: "choix du jeu : le kit ne range pas ce défi dans un thème",
    environment: "Appliqué à l'environnement",
    kitText: "Texte du kit",
    kitTextHint: "Le texte de la carte corrige le kit (voir cards/CHANGES.md).",
    sourceHeading: "Source",
    source: "Kit AgirLocal, {{part}}, {{chapter}}, ligne {{line}} de la version texte",
    license: "Licence : {{license}}",
    notFromKit: "Carte hors du kit",
  },
  credits: {
    rule: "La règle du jeu vient du « Jeu de la transition » du Cahier d'enjeux Questions Numériques « Transitions » (Fing, 2015), que le kit recommande.",
    independence:
      "Adaptation indépendante : ce jeu n'est pas un produit de la Fing ni de Transitions², qui ne l'ont ni produit ni approuvé.",
  },
} as const;
