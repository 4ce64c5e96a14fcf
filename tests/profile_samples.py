"""Self-written French (and one English) paragraphs for the profile tests."""

# Written for these tests: ordinary French prose on everyday subjects.
CORPUS = [
    "Le marché du samedi s'installe sur la place dès six heures. Les maraîchers déchargent leurs caisses "
    "de légumes pendant que les premiers clients arrivent avec leurs paniers.",
    "Ma grand-mère préparait la soupe le dimanche soir. Elle coupait les poireaux en fines rondelles et "
    "laissait mijoter le tout pendant une heure.",
    "Le conseil municipal a voté le budget de l'année prochaine. La rénovation de l'école primaire et "
    "l'entretien des routes en représentent la plus grande part.",
    "Il pleuvait depuis trois jours sur la ville. Les enfants restaient à la maison et regardaient les "
    "gouttes glisser sur les vitres.",
    "La bibliothèque ouvre ses portes le mercredi après-midi. On y trouve des romans, des bandes dessinées "
    "et un coin réservé aux plus petits.",
    "Nous sommes partis tôt pour éviter les bouchons. Sur l'autoroute, la circulation était pourtant dense "
    "et nous avons dû nous arrêter plusieurs fois.",
    "Le boulanger du quartier prend sa retraite à la fin du mois. Ses clients regrettent déjà son pain de "
    "campagne et ses croissants du matin.",
    "Les randonneurs ont atteint le refuge avant la tombée de la nuit. Ils ont partagé un repas chaud et se "
    "sont couchés de bonne heure.",
    "La rentrée scolaire approche et les familles préparent les fournitures. Les cahiers, les stylos et les "
    "cartables remplissent les rayons des magasins.",
    "Le musée présente une exposition consacrée aux peintres de la région. Les visiteurs peuvent y admirer "
    "des paysages de montagne et des scènes de la vie paysanne.",
    "Le train de huit heures est arrivé avec vingt minutes de retard. Les voyageurs attendaient sur le quai "
    "en consultant leur téléphone.",
    "Mon voisin cultive des tomates dans son jardin. Chaque été, il nous en apporte un plein panier et nous "
    "prépare même des bocaux de sauce.",
]
FLUENT = (
    "Le maire a présenté le projet aux habitants du quartier. La nouvelle place sera ouverte aux enfants "
    "et aux familles dès le printemps."
)
ENGLISH = (
    "The mayor presented the project to the residents of the neighbourhood. The new square will be open "
    "to children and families from the spring."
)

# Written for these tests: the same content twice, (human, machine): the second version is a literal,
# English-shaped rendering ("cependant", possessives, "il y a", passive) where the first says it naturally.
TWINS = [
    (
        "Le maire voulait agrandir la place, mais les riverains ont refusé le projet.",
        "Le maire voulait élargir sa place, cependant les résidents ont rejeté son projet.",
    ),
    (
        "On a rouvert la piscine hier, mais l'eau est encore froide.",
        "La piscine a été rouverte hier, cependant son eau est toujours froide.",
    ),
    (
        "Le club a perdu son match, mais les supporters sont restés jusqu'au bout.",
        "Le club a perdu son match, cependant ses supporters sont restés jusqu'à la fin.",
    ),
    (
        "La boulangerie a fermé il y a deux ans, mais on en parle toujours.",
        "La boulangerie a été fermée il y a deux ans, cependant elle est toujours discutée.",
    ),
    (
        "Les élèves ont passé l'examen, mais les résultats tardent.",
        "Les étudiants ont passé leur examen, cependant leurs résultats sont retardés.",
    ),
    (
        "Il a plu toute la nuit, mais la fête a eu lieu.",
        "Il a plu toute la nuit, cependant la fête a été tenue.",
    ),
]
