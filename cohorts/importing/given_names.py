"""Common Romanian given names, folded (lower case, no diacritics).

Used only to vote on the name order of a file ("Popescu Ana" or "Ana Popescu");
a name missing here costs a vote, never a row. Some are also family names
(Matei, Constantin, Toma): such a row simply casts no vote.
"""

_WORDS = """
    adela adelina adi adina adrian adriana alecsandra alex alexandra alexandru
    alexia alin alina amalia ana anabela anamaria anca andra andrada andreea andrei
    angela angelica anisia antonia antonio aurel aurelia aurelian aurora
    beatrice bianca bogdan bogdana calin camelia camil carina carla carmen catalin
    catalina cezar cezara ciprian claudia claudiu codrin codruta cornel cornelia
    corina cosmin cosmina costel costin crina cristi cristian cristiana cristina
    dan dana daniel daniela darius david daria debora delia demis denis denisa
    diana dorin dorina dragos doru ecaterina edi eduard elena eliza elisa ema
    emanuel emanuela emil emilia erik eric estera eugen eugenia fabian felicia
    filip flavia flavius florentina florian florin florina gabriel gabriela
    george georgeta georgiana ghe gheorghe gigel gina horia iacob ileana ilie
    ilinca ioan ioana ion ionel ionela ionut iosif irina isabela iulia iulian
    iuliana ivona larisa laura laurentiu lavinia liana lidia liliana
    livia lorena lorenzo luca lucia lucian luciana luiza madalin madalina
    magdalena malina marcel marcela marco marian mariana maria marina marius
    matei mara medeea mihaela mihai mihail miruna mircea mirela monica nadia
    natalia nicolae nicoleta nicusor nicu nora octavian oana olivia otilia ovidiu
    patricia paul paula paun petra petru petronela rares radu rafael raluca ramona
    raul razvan rebeca remus renata riana robert roberta roxana ruxandra sabina
    samuel sandra sara sebastian sergiu silvia silviu simona sonia sorin sorina
    stefan stefania stefana stelian stela suzana teodor teodora timea timotei
    toma tudor tudora valentin valentina valeria valeriu vasile veronica victor
    victoria viorel viorica vlad vladimir xenia yasmina zoe
"""

GIVEN_NAMES = frozenset(_WORDS.split())
