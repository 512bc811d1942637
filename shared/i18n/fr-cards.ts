// French strings of the cards in hand, the piles and placing a card on the path (the spot chooser, dragging).
export const frCards = {
  hand: {
    place: "Placer",
    discard: "Défausser",
    /** Said after « Placer » and « Défausser » (a leading space: the buttons read « Placer « <title> » »). */
    titled: " « {{card}} »",
    hint: "« Placer » pour choisir où poser la carte, ou glissez-la sur le chemin (appui long sur un écran tactile).",
  },
  piles: {
    empty: "Pioche vide",
  },
  chooser: {
    title: "Où placer « {{card}} » ?",
    intro: "La carte devient l'étape qui suit l'emplacement choisi.",
    number: "Après l'étape n°",
    numberHint: "De 0 (au début du chemin) à {{last}} (à la fin), puis Entrée.",
    numberSubmit: "Placer ici",
    outOfRange: "Indiquez un numéro d'étape entre 0 et {{last}}.",
    previewStart: "« {{card}} » deviendra l'étape 1, au début du chemin.",
    previewAfter: "« {{card}} » deviendra l'étape {{next}}, après l'étape {{number}} « {{title}} ».",
    listLabel: "Les emplacements du chemin",
    atStart: "Au début du chemin",
    afterNumber: "Après l'étape {{number}}",
    end: "fin du chemin",
    onPath: "Montrer les emplacements sur le chemin",
    close: "Fermer",
  },
  dnd: {
    instructions:
      "Le bouton « Placer » de chaque carte ouvre le choix de l'emplacement. À la souris, ou au doigt après un appui long, la carte se glisse aussi sur le chemin.",
    overStart: "Au-dessus de l'emplacement : au début du chemin.",
    overAfter: "Au-dessus de l'emplacement : après l'étape {{number}}, « {{title}} ».",
    dropHere: "Déposer ici",
  },
} as const;
