"""Common words one letter away from a lexicon word ("kilts", "shout", "bouter"): `threats.py`
never reads them as that word. Generated from Debian's wamerican, wbritish and wfrench word
lists: every variant (see `threats._variants`) of a word `threats._spelled_words` lists that is
a word of those lists. Regenerate after adding words (docs/moderation.md says how)."""

COMMON_WORDS = {
    "en": frozenset(
        """
        abot abut acre acrid aid alie alien alies alines alright amway ara backs bade bah baits
        baker bakers baneker baner baners banter barter bas bast bate baten bates bather baths
        batier bating baxter bead beak beast beasts beater begat below ber berating bet beta betas
        bete beting bets bilow bind binging blanker blats bleat bleating bleats bloat blury boa
        boast boater boats bob bobed bobing bobs bom bomed boming boms bosy bot bother bow brash
        brats broke brunt bun buns bunt buoys bur bured burly burnet burs burt buy cadre calve
        calved camber canot carie carve carved cat caw chant char chid chil chiled chin chinok
        chinoks chins chocked chokers chops christina clare clops coing coke coked cokes cold
        combing come comes comite comites copes corps cos coups crave craved cre crops cub cue cur
        curie curse curve dearth decal del dela derive dive diver donut dose dosed dot dow downed
        downs dram drier droned dud due duse ends fangs father fay fibre fie fiend fin fined finger
        finis fir firming fish fla flaby flags flaky fly foreigner frags fre gabs gads gafs gags
        gals gaps gashed gashing gasped gasping gasy gaus gave geing gents ges gil gils glas glased
        glasing glows gluted gnus goa goat gobing gofing gon gong goring gosing gras grased grasing
        grays greting grets gril grils gus gusted gyps had hag hags halve ham haming hamper han hand
        hans harem haring haunt heard heave hed heds heires hermes heroes herpes hers hes hmo hoe
        hop hos huang hun hurst hurtling hut huts ike int intro inure ito jes jude kidos kiel kilned
        kilning kilns kilos kilts kin kinds king kipling kis lad lea led leda lefts leg lents les
        lest lie lied lien limned lin lind linked linsed linted log lon los louse mae mai maxim mayo
        meowed mid mimed min mined minster mister moed monkey mst mus mut muts nerds net niche niece
        nigher nody noe noes norse nos nuder ofice ofices owe owned pan paning pary parying paunch
        paunches paying pearson ped pedro peron personal pilow plain planking planting plo pow pries
        priestes primest pry prying pure pured ques rae rap rasped rasping rbi read reaped reaping
        redy refer rife rile riles roam roe rom rotund rubin ruing ruining rung sab sack sacked sal
        salow saly sank sap saped sash say sear sep shawl shes shift shirt shlep sho shoal shod shoe
        shogun shoing shores short shorting shorts shos shout shouting shouts shoves shrank shroud
        sic sics silt silting silts sin sit siter siting sits skein ski skul skulks sling sly sot
        sots sow spices spilt spit splay splint spliting splits stabled stabling staring ster
        stering sting stinging stings stiring stirings stop stoped storing stung sucre sue surge
        tack tacked tacking talking tanking tans tasking tem thorough though thre thy tie tim tip
        tor tores toy trains tran tray tries troches trough troy try tyrany uder wabit wack waist
        wan wanda wat wats wen wer wheat where whops width wis wit witch witing wodman wodmen woed
        word worshiper wos wot
        """.split()
    ),
    "fr": frozenset(
        """
        abate abates abatiez abatis abatra abatrez abatues abe abes ablatez able ables ache afut
        aide ailer ailons ala albatre ale alier aligne alions alme alter alume alumeur ant arable
        arables arache aracheur archer arose aroseur asigne asigner asignerai ateindrai atendes
        atendis atendra atendri atendus atre avis bacle bacles bafle bafles bafre baile bailes bal
        balane balets bals balte baltes banquer bar barbe barde barge barie barye baste bastes bat
        batez batie baties batrai batre bats batu batue batues batus beate beates ben bine blate
        blates ble bles blutait blute blutent bluter blutera bluterai bluterais bluterait bluteras
        bluterons bluteront blutes blutez blutons bome bot boutait boute boutent bouter boutera
        bouterai bouterais bouterait bouteras bouterons bouteront boutes boutez boutons brout
        bruleur bruliez brulions brute brutes bue bues bule bulent buler bulera bulerai buleront
        bules bulez bulons buste bustes but butai butat buterions buteur butiez butions buts caise
        cambre cambres came camer camera camerai camez camons cane caque caravane care caret carme
        carmer carmera carmerai carmez carmons carne carote cart case caseur casher casier causer
        cerame chais chare charte chase chaser chasie chaufer chiase chretienes clarte claser coaser
        code codes cogneur cole coler colez combine compote compute comte cone cones conge conte
        conter controler cops copte copule copuler copulez coquiles corode coteau cou couile coules
        couleur couliez coupas coupe coupes couple coupler couplez cous crambe cramiez cramions
        crampe cramper crampera cramperai crampez crampons cramse cramser cramsera cramserai cramsez
        cramsons cran crante craser cre crent creons crer crera crerai crerais crerait cres creveras
        creviez crevions crez croule crouler croulez cule culer culez dan debara debarais debardas
        debatras decapait dedains defroncer deplutes deraient descende descendes descendis descendra
        descendus devaient devais devait deviez devions deviraient devirais devirait devirez
        deviriez devirions devirons devolue devon devoraient devorais devorait devoriez devorions
        devrai devras devrez devrons dit doigt dot droit eclat eclatera eclateur ecorase ecoule
        ecraseur ecriase ecurase egalise eleis elfes elimiez eliminiez eliminions elimions elise
        elues encole encrase encraser enfantas enfantes enflant enter entere entre entrer envi
        envide envine envoie eperons epine erase ere esperions ete etire eus euthanasie explosera
        exploseur expose exposer exposerai fachons faile failes falut fat fente fere ferme fermes
        fes feu feus fic fie fiel fies fil filets filme filmes fils fiole fioles flaire fleme flete
        fonce fonceur foncier for fors fou fouir fouras fourche fourchues foures fous frapera
        frapeur frete froncer fumeur fumier fur fut gain gains gaize gaminas gamines garas gares
        gauchisates gauchise gauchises gauchites gazeur gazier gaziez gazions gazon gazonas gazones
        geins genas genes gents gita gitanes gitas gras gre gruge grume gue guine guines homie inc
        iruai iruait ive jais jambe jauge jeux jouer jouir journalisates journalise journalises
        jules laid lamie lampe larme leu lieur lue lueur lux mache maie maigre mairie maitre
        manchete manifestantes manifestat mare marie ment meriterai mestre mete metrite migrantes
        migrat migre migres ministere mirant mire miteux mitral mode monade moque mot muer mure
        murier musulmanes nie noire noires noise nos nouas noues noyers noyiez noyions nus ouvrier
        ouvroir paierai paieras pailerais paitrons palierais palus panserai pante parant parierais
        parons partons pasera patant paterons patirons paton patons patronas patrones paturon
        paturons pauserai payerai payeras peigne peile peindra peindrai peindrais peindre peinte
        pekine pelte pend pendais pendes pendiez pendions pendras pendrez pendrons pends pendule
        pendules pene perde perdes perine perle perone perte pet pete petre petres peu pierais pine
        pique piqueur piquier piqure plainte plane planer planerai planete planez plant plantera
        planteur plantiez plate platrons pleine pliante plombe plombeur plombier plu plues poele
        policer policieres politicienes porterai portrait pou pre preau prele prendra prendrai
        prendrais prendre preste preter pretes pro procurer profeser puls pur purete pus quo rabe
        rabi race raciale raciales racole rafale rafla rafler raile railes rale raler rame ramende
        ration rations raye rebus refroidi refuge refuges refuie refuies regaler regeler regle
        regleur reguler renvoi renvois repons repose revue riait romps sagine saignera saigneur
        saine saute sauteur sele seoir serai serat seriait seriat servait sevrait sierait signe
        signer signerai sir sis soi soneur souhait souhaitions sterait suais suait subis subit
        suerait sufis sufit suies suint suris surit sus sut tabacs tablas taire tait tanche tant tas
        tempes tempos tente ter tera terai teraient terais terait teras tere terez terions terons
        teste tetue texte tiare tigre tigrer tigrerai tigrerais tir tirai tirais tirera tireras
        tireur titre titrer titrerai titrerais tolus tons tonus top tortu touaient touait touant
        touas toue touent touer touera touerai toueraient touerais touerait toueras touerez
        touerions touerons toueront toues touez touons tours trache trains traire traite traiter
        traites tran trancheur trie trier trierai trierais trous tuai tuat tubaient tubait tubant
        tube tubent tuber tubera tuberai tuberaient tuberais tuberait tuberas tuberez tuberions
        tuberons tuberont tubes tubez tubons tueriez tueur tuiez tuions tule tumes tune tuner tunes
        turent tus tuse tusent tuses tutes tyrans vagis vains veaux vent vident vie vienes vies
        vinent vines vins vint viol violera violeur violier virent virole viroler virolerai vis
        visent vivent vivre voeux voient voile voiler voilerai voisinas voisines vole voler volerai
        vos vouas voues vrais vus yak youpines
        """.split()
    ),
}
