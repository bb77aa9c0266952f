"""News items for the gov.kz API mirror (tools/mirror_sites/gov_kz.py): texts written for the mirror.

One item = one API id with kk, ru and en versions (the API answers by language; sites.md §4).
Paragraphs become the HTML `body`; `img` paragraphs are inline images with relative
`/uploads/...` paths, as the real bodies carry. `created` is the API's `created_date` exactly as
served: migrated items carry a bare midnight `T00:00:00` (not a real publication time).
"""

from __future__ import annotations

MFA: list[dict] = [
    {
        "id": 1284117,
        "created": "2026-09-24T18:30:00Z",
        "slug": "glava-mid-rk-vystupil-na-81-y-sessii-generalnoy-assamblei-oon",
        "hero": "/uploads/2026/9/24/unga81-speech_original.jpg",
        "img": "/uploads/2026/9/24/unga81-hall_original.jpg",
        "title": {
            "ru": "Глава МИД РК выступил на 81-й сессии Генеральной Ассамблеи ООН",
            "kk": "ҚР СІМ басшысы БҰҰ Бас Ассамблеясының 81-сессиясында сөз сөйледі",
            "en": "Kazakh Foreign Minister addressed the 81st session of the UN General Assembly",
        },
        "body": {
            "ru": [
                "Министр иностранных дел Республики Казахстан выступил в ходе общих дебатов 81-й сессии Генеральной Ассамблеи ООН в Нью-Йорке. В своем выступлении он изложил позицию Казахстана по вопросам глобальной безопасности, ядерного разоружения и реформы Совета Безопасности ООН.",
                "Глава внешнеполитического ведомства напомнил об инициативе Главы государства Касым-Жомарта Токаева о создании Международного агентства по биологической безопасности и призвал государства-члены поддержать ее практическую реализацию.",
                "На полях сессии министр провел более двадцати двусторонних встреч, в том числе с коллегами из стран Центральной Азии, Европейского союза и Персидского залива, обсудив вопросы торговли, транзита и инвестиций.",
            ],
            "kk": [
                "Қазақстан Республикасының Сыртқы істер министрі Нью-Йоркте БҰҰ Бас Ассамблеясының 81-сессиясының жалпы дебаттары барысында сөз сөйледі. Ол өз сөзінде жаһандық қауіпсіздік, ядролық қарусыздану және БҰҰ Қауіпсіздік Кеңесін реформалау мәселелері бойынша Қазақстанның ұстанымын баяндады.",
                "Сыртқы саяси ведомство басшысы Мемлекет басшысы Қасым-Жомарт Тоқаевтың Халықаралық биологиялық қауіпсіздік агенттігін құру туралы бастамасын еске салып, мүше мемлекеттерді оны іс жүзінде іске асыруды қолдауға шақырды.",
                "Сессия аясында министр жиырмадан астам екіжақты кездесу өткізіп, Орталық Азия, Еуропалық одақ және Парсы шығанағы елдеріндегі әріптестерімен сауда, транзит және инвестиция мәселелерін талқылады.",
            ],
            "en": [
                "The Minister of Foreign Affairs of the Republic of Kazakhstan spoke during the general debate of the 81st session of the UN General Assembly in New York. He set out Kazakhstan's position on global security, nuclear disarmament and the reform of the UN Security Council.",
                "The head of the foreign ministry recalled President Kassym-Jomart Tokayev's initiative to establish an International Agency for Biological Safety and called on member states to support its practical implementation.",
                "On the sidelines of the session the minister held more than twenty bilateral meetings, including with counterparts from Central Asia, the European Union and the Gulf states, discussing trade, transit and investment.",
            ],
        },
    },
    {
        "id": 1281902,
        "created": "2026-09-18T10:15:00Z",
        "slug": "kazahstan-i-vetnam-proveli-politicheskie-konsultacii",
        "hero": "/uploads/2026/9/18/kz-vn-consultations_original.jpg",
        "img": None,
        "title": {
            "ru": "Казахстан и Вьетнам провели политические консультации",
            "kk": "Қазақстан мен Вьетнам саяси консультациялар өткізді",
            "en": "Kazakhstan and Vietnam held political consultations",
        },
        "body": {
            "ru": [
                "В Астане состоялся очередной раунд политических консультаций между министерствами иностранных дел Казахстана и Вьетнама. Делегации возглавили заместители министров иностранных дел двух стран.",
                "Стороны обсудили подготовку к предстоящим контактам на высшем уровне, расширение торгово-экономического сотрудничества и открытие прямого авиасообщения между Алматы и Ханоем. Товарооборот между странами по итогам первого полугодия вырос на 18 процентов.",
                "Отдельное внимание уделено сотрудничеству в сфере образования: вьетнамская сторона заинтересована в обучении студентов в казахстанских вузах по техническим специальностям. По итогам встречи подписан план консультаций на 2027–2028 годы.",
            ],
            "kk": [
                "Астанада Қазақстан мен Вьетнам сыртқы істер министрліктері арасындағы саяси консультациялардың кезекті раунды өтті. Делегацияларды екі елдің сыртқы істер министрлерінің орынбасарлары басқарды.",
                "Тараптар алдағы жоғары деңгейдегі байланыстарға дайындықты, сауда-экономикалық ынтымақтастықты кеңейтуді және Алматы мен Ханой арасында тікелей әуе қатынасын ашуды талқылады. Бірінші жартыжылдықтың қорытындысы бойынша елдер арасындағы тауар айналымы 18 пайызға өсті.",
                "Білім беру саласындағы ынтымақтастыққа ерекше назар аударылды: вьетнам тарапы студенттерді қазақстандық жоғары оқу орындарында техникалық мамандықтар бойынша оқытуға мүдделі. Кездесу қорытындысы бойынша 2027–2028 жылдарға арналған консультациялар жоспарына қол қойылды.",
            ],
            "en": [
                "Astana hosted a new round of political consultations between the foreign ministries of Kazakhstan and Vietnam. The delegations were led by the deputy foreign ministers of the two countries.",
                "The sides discussed preparations for upcoming high-level contacts, the expansion of trade and economic cooperation and the launch of direct flights between Almaty and Hanoi. Trade between the two countries grew by 18 percent in the first half of the year.",
                "Particular attention was paid to cooperation in education: the Vietnamese side is interested in having students trained at Kazakh universities in technical fields. At the end of the meeting a plan of consultations for 2027–2028 was signed.",
            ],
        },
    },
    {
        "id": 1279455,
        "created": "2026-09-10T09:00:00Z",
        "slug": "mid-rk-informiruet-o-pravilah-vezda-v-strany-shengenskoy-zony",
        "hero": "/uploads/2026/9/10/ees-border_original.png",
        "img": "/uploads/2026/9/10/ees-infographic_original.png",
        "title": {
            "ru": "МИД РК информирует о правилах въезда в страны Шенгенской зоны",
            "kk": "ҚР СІМ Шенген аймағы елдеріне кіру ережелері туралы хабарлайды",
            "en": "Kazakh Foreign Ministry informs about rules of entry to Schengen countries",
        },
        "body": {
            "ru": [
                "Министерство иностранных дел Республики Казахстан напоминает гражданам, планирующим поездки в страны Шенгенской зоны, о действии Системы въезда/выезда Европейского союза. При первом пересечении внешней границы ЕС у путешественников снимаются отпечатки пальцев и фотография лица.",
                "Процедура регистрации может занять дополнительное время, поэтому гражданам рекомендуется заранее прибывать в аэропорты и на пограничные пункты. Данные хранятся в системе и используются при последующих поездках, что ускоряет прохождение контроля.",
                "По всем вопросам, связанным с пребыванием за рубежом, казахстанцы могут обращаться в загранучреждения Казахстана и в круглосуточный консульский колл-центр МИД. Актуальная информация также публикуется в мобильном приложении «Консул».",
            ],
            "kk": [
                "Қазақстан Республикасының Сыртқы істер министрлігі Шенген аймағы елдеріне сапар жоспарлап жүрген азаматтарға Еуропалық одақтың Кіру/шығу жүйесінің қолданылатынын еске салады. ЕО-ның сыртқы шекарасын алғаш кесіп өткенде саяхатшылардың саусақ іздері мен бет-әлпетінің суреті алынады.",
                "Тіркеу рәсімі қосымша уақыт алуы мүмкін, сондықтан азаматтарға әуежайлар мен шекара бекеттеріне ертерек келу ұсынылады. Деректер жүйеде сақталып, кейінгі сапарларда пайдаланылады, бұл бақылаудан өтуді жеделдетеді.",
                "Шетелде болуға байланысты барлық мәселе бойынша қазақстандықтар Қазақстанның шетелдік мекемелеріне және СІМ-нің тәулік бойы жұмыс істейтін консулдық колл-орталығына жүгіне алады. Өзекті ақпарат «Консул» мобильді қосымшасында да жарияланады.",
            ],
            "en": [
                "The Ministry of Foreign Affairs of the Republic of Kazakhstan reminds citizens planning trips to Schengen countries that the European Union's Entry/Exit System is in operation. On the first crossing of the EU's external border, travellers' fingerprints and a facial image are taken.",
                "Registration may take extra time, so citizens are advised to arrive early at airports and border crossings. The data are kept in the system and used on later trips, which speeds up border checks.",
                "On any question related to staying abroad, Kazakh citizens can contact Kazakhstan's missions abroad and the ministry's 24-hour consular call centre. Up-to-date information is also published in the Consul mobile application.",
            ],
        },
    },
    {
        "id": 1276310,
        "created": "2026-08-27T12:40:00Z",
        "slug": "zamestitel-ministra-vstretilsya-so-specpredstavitelem-es-po-centralnoy-azii",
        "hero": "/uploads/2026/8/27/eusr-meeting_original.jpg",
        "img": None,
        "title": {
            "ru": "Заместитель министра встретился со спецпредставителем ЕС по Центральной Азии",
            "kk": "Министр орынбасары ЕО-ның Орталық Азия жөніндегі арнаулы өкілімен кездесті",
            "en": "Deputy Minister met the EU Special Representative for Central Asia",
        },
        "body": {
            "ru": [
                "Заместитель министра иностранных дел Республики Казахстан провел встречу со Специальным представителем Европейского союза по Центральной Азии, находящимся в Астане с рабочим визитом.",
                "Собеседники обсудили реализацию договоренностей, достигнутых на саммите «Центральная Азия – ЕС», в том числе проекты по развитию Транскаспийского транспортного маршрута, добыче критически важного сырья и производству зеленого водорода. Европейский союз остается крупнейшим торговым и инвестиционным партнером Казахстана.",
                "Стороны также затронули вопросы упрощения визового режима для граждан Казахстана и расширения программ академической мобильности. Договорено продолжить регулярный диалог на уровне старших должностных лиц.",
            ],
            "kk": [
                "Қазақстан Республикасының Сыртқы істер министрінің орынбасары Астанаға жұмыс сапарымен келген Еуропалық одақтың Орталық Азия жөніндегі арнаулы өкілімен кездесу өткізді.",
                "Әңгімелесушілер «Орталық Азия – ЕО» саммитінде қол жеткізілген уағдаластықтарды, соның ішінде Транскаспий көлік бағытын дамыту, аса маңызды шикізат өндіру және жасыл сутегі өндірісі жобаларын іске асыруды талқылады. Еуропалық одақ Қазақстанның ең ірі сауда және инвестициялық серіктесі болып қала береді.",
                "Тараптар сондай-ақ Қазақстан азаматтары үшін визалық режимді жеңілдету және академиялық ұтқырлық бағдарламаларын кеңейту мәселелерін қозғады. Жоғары лауазымды тұлғалар деңгейінде тұрақты диалогты жалғастыру туралы уағдаласылды.",
            ],
            "en": [
                "The Deputy Minister of Foreign Affairs of the Republic of Kazakhstan met the European Union Special Representative for Central Asia, who was in Astana on a working visit.",
                "They discussed the implementation of the agreements reached at the Central Asia – EU summit, including projects to develop the Trans-Caspian transport route, to extract critical raw materials and to produce green hydrogen. The European Union remains Kazakhstan's largest trade and investment partner.",
                "The sides also touched on easing the visa regime for Kazakh citizens and expanding academic mobility programmes. They agreed to continue a regular dialogue at the level of senior officials.",
            ],
        },
    },
    {
        "id": 1272688,
        "created": "2026-08-14T07:05:00Z",
        "slug": "v-barselone-otkryto-pochetnoe-konsulstvo-kazahstana",
        "hero": "/uploads/2026/8/14/barcelona-consulate_original.jpg",
        "img": "/uploads/2026/8/14/barcelona-ribbon_original.jpg",
        "title": {
            "ru": "В Барселоне открыто почетное консульство Казахстана",
            "kk": "Барселонада Қазақстанның құрметті консулдығы ашылды",
            "en": "Honorary Consulate of Kazakhstan opened in Barcelona",
        },
        "body": {
            "ru": [
                "В Барселоне состоялась церемония открытия почетного консульства Республики Казахстан, консульский округ которого охватывает Каталонию, Арагон и Балеарские острова. В церемонии приняли участие посол Казахстана в Испании, представители региональных властей и деловых кругов.",
                "Почетный консул будет содействовать развитию торгово-экономических связей, туризма и культурных обменов, а также оказывать помощь гражданам Казахстана, находящимся в регионе. Ежегодно Каталонию посещают более 40 тысяч казахстанских туристов.",
                "Посол отметил, что открытие консульства станет важным шагом в продвижении казахстанского экспорта на рынки Южной Европы, в том числе продукции агропромышленного комплекса и металлургии.",
            ],
            "kk": [
                "Барселонада Қазақстан Республикасының құрметті консулдығын ашу рәсімі өтті, оның консулдық округі Каталонияны, Арагонды және Балеар аралдарын қамтиды. Рәсімге Қазақстанның Испаниядағы елшісі, өңірлік билік пен іскер топтардың өкілдері қатысты.",
                "Құрметті консул сауда-экономикалық байланыстарды, туризм мен мәдени алмасуды дамытуға жәрдемдесіп, өңірде жүрген Қазақстан азаматтарына көмек көрсетеді. Каталонияға жыл сайын 40 мыңнан астам қазақстандық турист барады.",
                "Елші консулдықтың ашылуы қазақстандық экспортты, соның ішінде агроөнеркәсіптік кешен мен металлургия өнімдерін Оңтүстік Еуропа нарықтарына жылжытуда маңызды қадам болатынын атап өтті.",
            ],
            "en": [
                "A ceremony was held in Barcelona to open the Honorary Consulate of the Republic of Kazakhstan, whose consular district covers Catalonia, Aragon and the Balearic Islands. The Ambassador of Kazakhstan to Spain and representatives of the regional authorities and business community attended.",
                "The honorary consul will help develop trade and economic ties, tourism and cultural exchanges and will assist Kazakh citizens in the region. More than 40 thousand Kazakh tourists visit Catalonia every year.",
                "The Ambassador noted that the opening of the consulate is an important step in promoting Kazakh exports, including agricultural and metallurgical products, on the markets of Southern Europe.",
            ],
        },
    },
    {
        "id": 1268034,
        "created": "2026-07-30T13:20:00Z",
        "slug": "v-astane-sostoyalas-vstrecha-ministrov-inostrannyh-del-centralnoy-azii-i-ssagpz",
        "hero": "/uploads/2026/7/30/ca-gcc-ministers_original.jpg",
        "img": None,
        "title": {
            "ru": "В Астане состоялась встреча министров иностранных дел Центральной Азии и ССАГПЗ",
            "kk": "Астанада Орталық Азия мен Парсы шығанағы араб мемлекеттері ынтымақтастық кеңесі елдерінің сыртқы істер министрлері кездесті",
            "en": "Astana hosted a meeting of foreign ministers of Central Asia and the GCC",
        },
        "body": {
            "ru": [
                "В Астане прошла министерская встреча в формате «Центральная Азия – Совет сотрудничества арабских государств Персидского залива». В ней приняли участие министры иностранных дел пяти государств Центральной Азии и стран Залива, а также Генеральный секретарь ССАГПЗ.",
                "Участники обсудили ход реализации Плана совместных действий на 2023–2027 годы, включая проекты в энергетике, продовольственной безопасности, логистике и цифровой экономике. Объем инвестиций стран Залива в экономику Центральной Азии за последние три года превысил 15 миллиардов долларов.",
                "По итогам встречи принято совместное заявление, в котором стороны подтвердили намерение провести следующий саммит глав государств в формате «ЦА – ССАГПЗ» и расширить взаимодействие в сфере образования и туризма.",
            ],
            "kk": [
                "Астанада «Орталық Азия – Парсы шығанағы араб мемлекеттері ынтымақтастық кеңесі» форматындағы министрлер кездесуі өтті. Оған Орталық Азияның бес мемлекеті мен Шығанақ елдерінің сыртқы істер министрлері, сондай-ақ ПШАМЫК Бас хатшысы қатысты.",
                "Қатысушылар 2023–2027 жылдарға арналған Бірлескен іс-қимыл жоспарының, соның ішінде энергетика, азық-түлік қауіпсіздігі, логистика және цифрлық экономика салаларындағы жобалардың іске асырылу барысын талқылады. Соңғы үш жылда Шығанақ елдерінің Орталық Азия экономикасына салған инвестициясы 15 миллиард доллардан асты.",
                "Кездесу қорытындысы бойынша бірлескен мәлімдеме қабылданды, онда тараптар «ОА – ПШАМЫК» форматындағы мемлекет басшыларының келесі саммитін өткізуге және білім беру мен туризм саласындағы өзара іс-қимылды кеңейтуге ниетті екенін растады.",
            ],
            "en": [
                "Astana hosted a ministerial meeting in the Central Asia – Gulf Cooperation Council format. The foreign ministers of the five Central Asian states and of the Gulf countries took part, together with the Secretary General of the GCC.",
                "The participants discussed the implementation of the Joint Action Plan for 2023–2027, including projects in energy, food security, logistics and the digital economy. Gulf investment in the economies of Central Asia has exceeded 15 billion dollars over the past three years.",
                "The meeting adopted a joint statement in which the sides confirmed their intention to hold the next summit of heads of state in the CA – GCC format and to expand cooperation in education and tourism.",
            ],
        },
    },
    {
        "id": 417325,
        "created": "2020-11-16T00:00:00",
        "slug": "ob-organizacii-konsulskogo-priema-v-period-karantina",
        "hero": "/uploads/2020/11/16/consular-quarantine_original.jpg",
        "img": None,
        "title": {
            "ru": "Об организации консульского приема в период карантина",
            "kk": "Карантин кезеңінде консулдық қабылдауды ұйымдастыру туралы",
            "en": "On the organisation of consular reception during the quarantine",
        },
        "body": {
            "ru": [
                "В связи с введением ограничительных карантинных мер Министерство иностранных дел Республики Казахстан сообщает об изменении порядка консульского приема в загранучреждениях. Прием граждан осуществляется по предварительной записи с соблюдением санитарных требований.",
                "Документы на оформление паспортов, свидетельств на возвращение и консульский учет принимаются также через электронную почту загранучреждений. Срок рассмотрения обращений может быть увеличен в зависимости от эпидемиологической ситуации в стране пребывания.",
                "Гражданам, находящимся за рубежом и нуждающимся в помощи для возвращения на Родину, рекомендуется заполнить анкету на сайте загранучреждения и следить за информацией о вывозных рейсах.",
            ],
            "kk": [
                "Шектеу карантиндік шараларының енгізілуіне байланысты Қазақстан Республикасының Сыртқы істер министрлігі шетелдік мекемелердегі консулдық қабылдау тәртібінің өзгергенін хабарлайды. Азаматтарды қабылдау санитариялық талаптарды сақтай отырып, алдын ала жазылу бойынша жүзеге асырылады.",
                "Паспорттарды, елге қайту куәліктерін ресімдеуге және консулдық есепке алуға арналған құжаттар шетелдік мекемелердің электрондық поштасы арқылы да қабылданады. Өтініштерді қарау мерзімі болу елдегі эпидемиологиялық жағдайға байланысты ұзартылуы мүмкін.",
                "Шетелде жүрген және Отанына оралу үшін көмекке мұқтаж азаматтарға шетелдік мекеменің сайтындағы сауалнаманы толтыру және әуе рейстері туралы ақпаратты қадағалап отыру ұсынылады.",
            ],
            "en": [
                "In connection with the restrictive quarantine measures, the Ministry of Foreign Affairs of the Republic of Kazakhstan announces changes to consular reception at its missions abroad. Citizens are received by appointment and in compliance with sanitary requirements.",
                "Documents for passports, return certificates and consular registration are also accepted by the missions' e-mail. Processing times may be extended depending on the epidemiological situation in the host country.",
                "Citizens abroad who need assistance to return home are advised to fill in the questionnaire on the mission's website and to follow the information about repatriation flights.",
            ],
        },
    },
    {
        "id": 229804,
        "created": "2019-12-05T00:00:00",
        "slug": "v-mid-proshla-vystavka-posvyashchennaya-istorii-diplomaticheskoy-sluzhby",
        "hero": "/uploads/2019/12/5/diplomacy-exhibition_original.jpg",
        "img": "/uploads/2019/12/5/diplomacy-exhibition-2_original.jpg",
        "title": {
            "ru": "В МИД прошла выставка, посвященная истории дипломатической службы Казахстана",
            "kk": "СІМ-де Қазақстанның дипломатиялық қызметі тарихына арналған көрме өтті",
            "en": "Exhibition on the history of Kazakhstan's diplomatic service held at the Foreign Ministry",
        },
        "body": {
            "ru": [
                "В Министерстве иностранных дел Республики Казахстан открылась выставка, посвященная истории становления дипломатической службы независимого Казахстана. В экспозиции представлены архивные документы, фотографии и личные вещи первых казахстанских дипломатов.",
                "Особое место на выставке занимают материалы об установлении дипломатических отношений с иностранными государствами в первые годы независимости и о вступлении Казахстана в Организацию Объединенных Наций в марте 1992 года.",
                "Выставка будет открыта для студентов профильных вузов и всех желающих по предварительной записи. Организаторы планируют в дальнейшем создать на ее основе постоянную музейную экспозицию.",
            ],
            "kk": [
                "Қазақстан Республикасының Сыртқы істер министрлігінде тәуелсіз Қазақстанның дипломатиялық қызметінің қалыптасу тарихына арналған көрме ашылды. Экспозицияда алғашқы қазақстандық дипломаттардың мұрағат құжаттары, фотосуреттері мен жеке заттары көрсетілген.",
                "Көрмеде тәуелсіздіктің алғашқы жылдарында шет мемлекеттермен дипломатиялық қатынастар орнату және Қазақстанның 1992 жылғы наурызда Біріккен Ұлттар Ұйымына мүше болуы туралы материалдар ерекше орын алады.",
                "Көрме бейінді жоғары оқу орындарының студенттері мен барлық тілек білдірушілер үшін алдын ала жазылу бойынша ашық болады. Ұйымдастырушылар болашақта оның негізінде тұрақты музей экспозициясын құруды жоспарлап отыр.",
            ],
            "en": [
                "An exhibition on the history of the diplomatic service of independent Kazakhstan opened at the Ministry of Foreign Affairs of the Republic of Kazakhstan. It displays archival documents, photographs and personal belongings of the first Kazakh diplomats.",
                "A special place is given to materials on the establishment of diplomatic relations with foreign states in the first years of independence and on Kazakhstan's admission to the United Nations in March 1992.",
                "The exhibition is open to students of international relations and to anyone interested, by appointment. The organisers plan to turn it into a permanent museum display.",
            ],
        },
    },
]

MINFIN: list[dict] = [
    {
        "id": 1285560,
        "created": "2026-09-29T11:00:00Z",
        "slug": "ob-ispolnenii-respublikanskogo-byudzheta-za-8-mesyacev-2026-goda",
        "hero": "/uploads/2026/9/29/budget-8m_original.png",
        "img": "/uploads/2026/9/29/budget-8m-chart_original.png",
        "title": {
            "ru": "Об исполнении республиканского бюджета за 8 месяцев 2026 года",
            "kk": "2026 жылғы 8 айдағы республикалық бюджеттің атқарылуы туралы",
            "en": "On the execution of the republican budget for 8 months of 2026",
        },
        "body": {
            "ru": [
                "Министерство финансов Республики Казахстан сообщает, что за январь–август 2026 года доходы республиканского бюджета без учета трансфертов составили 12,4 трлн тенге, план исполнен на 101,2 процента. Налоговые поступления выросли на 14 процентов по сравнению с аналогичным периодом прошлого года.",
                "Расходы республиканского бюджета исполнены на 98,6 процента и составили 17,9 трлн тенге. Неосвоение средств сложилось в основном по капитальным расходам в связи с длительными конкурсными процедурами и экономией по итогам государственных закупок.",
                "Дефицит республиканского бюджета сложился на уровне 2,1 процента к валовому внутреннему продукту. Министерство продолжает мониторинг исполнения бюджетных программ и своевременности расчетов с подрядчиками.",
            ],
            "kk": [
                "Қазақстан Республикасының Қаржы министрлігі 2026 жылғы қаңтар–тамызда республикалық бюджеттің трансферттерді есепке алмағандағы кірістері 12,4 трлн теңгені құрағанын, жоспар 101,2 пайызға орындалғанын хабарлайды. Салық түсімдері өткен жылдың осы кезеңімен салыстырғанда 14 пайызға өсті.",
                "Республикалық бюджеттің шығыстары 98,6 пайызға атқарылып, 17,9 трлн теңгені құрады. Қаражатты игермеу негізінен конкурстық рәсімдердің ұзаққа созылуына және мемлекеттік сатып алу қорытындысы бойынша үнемдеуге байланысты күрделі шығыстар бойынша қалыптасты.",
                "Республикалық бюджеттің тапшылығы жалпы ішкі өнімге шаққанда 2,1 пайыз деңгейінде қалыптасты. Министрлік бюджеттік бағдарламалардың атқарылуына және мердігерлермен есеп айырысудың уақтылығына мониторингті жалғастыруда.",
            ],
            "en": [
                "The Ministry of Finance of the Republic of Kazakhstan reports that in January–August 2026 republican budget revenues excluding transfers amounted to 12.4 trillion tenge, 101.2 percent of the plan. Tax receipts grew by 14 percent compared with the same period last year.",
                "Republican budget expenditures were executed at 98.6 percent and amounted to 17.9 trillion tenge. Underspending arose mainly in capital expenditures because of lengthy tender procedures and savings from public procurement.",
                "The republican budget deficit stood at 2.1 percent of gross domestic product. The ministry continues to monitor the execution of budget programmes and the timeliness of payments to contractors.",
            ],
        },
    },
    {
        "id": 1282741,
        "created": "2026-09-15T08:30:00Z",
        "slug": "proekt-respublikanskogo-byudzheta-na-2027-2029-gody-vnesen-v-mazhilis",
        "hero": "/uploads/2026/9/15/budget-2027-2029_original.jpg",
        "img": None,
        "title": {
            "ru": "Проект республиканского бюджета на 2027–2029 годы внесен в Мажилис",
            "kk": "2027–2029 жылдарға арналған республикалық бюджет жобасы Мәжіліске енгізілді",
            "en": "Draft republican budget for 2027–2029 submitted to the Mazhilis",
        },
        "body": {
            "ru": [
                "Правительство внесло на рассмотрение Мажилиса Парламента проект закона о республиканском бюджете на 2027–2029 годы. Проект сформирован с учетом прогноза социально-экономического развития, предусматривающего рост экономики в 2027 году на уровне 5,4 процента.",
                "Доходы республиканского бюджета на 2027 год прогнозируются в объеме 21,3 трлн тенге, расходы – 26,8 трлн тенге. Приоритетами остаются социальные обязательства государства, образование, здравоохранение, а также модернизация инфраструктуры.",
                "Министр финансов отметил, что размер гарантированного трансферта из Национального фонда снижается в соответствии с бюджетными правилами, а дефицит бюджета планируется сократить до 1,8 процента к ВВП к 2029 году.",
            ],
            "kk": [
                "Үкімет Парламент Мәжілісінің қарауына 2027–2029 жылдарға арналған республикалық бюджет туралы заң жобасын енгізді. Жоба 2027 жылы экономиканың 5,4 пайыз деңгейінде өсуін көздейтін әлеуметтік-экономикалық даму болжамы ескеріле отырып қалыптастырылды.",
                "2027 жылға арналған республикалық бюджеттің кірістері 21,3 трлн теңге, шығыстары 26,8 трлн теңге көлемінде болжануда. Мемлекеттің әлеуметтік міндеттемелері, білім беру, денсаулық сақтау, сондай-ақ инфрақұрылымды жаңғырту басым бағыттар болып қала береді.",
                "Қаржы министрі Ұлттық қордан берілетін кепілдендірілген трансферт мөлшері бюджеттік қағидаларға сәйкес азаятынын, ал бюджет тапшылығын 2029 жылға қарай ЖІӨ-ге шаққанда 1,8 пайызға дейін қысқарту жоспарланғанын атап өтті.",
            ],
            "en": [
                "The Government submitted to the Mazhilis of Parliament the draft law on the republican budget for 2027–2029. The draft is based on a socio-economic forecast that expects the economy to grow by 5.4 percent in 2027.",
                "Republican budget revenues for 2027 are forecast at 21.3 trillion tenge and expenditures at 26.8 trillion tenge. The state's social obligations, education, health care and the modernisation of infrastructure remain the priorities.",
                "The Minister of Finance noted that the guaranteed transfer from the National Fund is being reduced in line with the budget rules and that the budget deficit is planned to fall to 1.8 percent of GDP by 2029.",
            ],
        },
    },
    {
        "id": 1279833,
        "created": "2026-09-02T10:10:00Z",
        "slug": "kgd-razyasnyaet-poryadok-primeneniya-specialnyh-nalogovyh-rezhimov-dlya-malogo-biznesa",
        "hero": "/uploads/2026/9/2/sme-tax_original.jpg",
        "img": "/uploads/2026/9/2/sme-tax-table_original.png",
        "title": {
            "ru": "КГД разъясняет порядок применения специальных налоговых режимов для малого бизнеса",
            "kk": "МКК шағын бизнеске арналған арнаулы салық режимдерін қолдану тәртібін түсіндіреді",
            "en": "State Revenue Committee explains special tax regimes for small businesses",
        },
        "body": {
            "ru": [
                "Комитет государственных доходов Министерства финансов разъясняет порядок применения специальных налоговых режимов для субъектов малого бизнеса в соответствии с новым Налоговым кодексом. Предприниматели могут выбрать режим на основе упрощенной декларации или режим для самозанятых.",
                "Переход на специальный режим осуществляется путем подачи уведомления в личном кабинете налогоплательщика или через мобильное приложение. Для индивидуальных предпринимателей, работающих в режиме самозанятых, предусмотрена уплата единого платежа с дохода без представления отчетности.",
                "Консультации по вопросам налогообложения можно получить в контакт-центре КГД, а также на семинарах, которые проводят департаменты государственных доходов во всех регионах страны.",
            ],
            "kk": [
                "Қаржы министрлігінің Мемлекеттік кірістер комитеті жаңа Салық кодексіне сәйкес шағын бизнес субъектілері үшін арнаулы салық режимдерін қолдану тәртібін түсіндіреді. Кәсіпкерлер оңайлатылған декларация негізіндегі режимді немесе өзін-өзі жұмыспен қамтығандарға арналған режимді таңдай алады.",
                "Арнаулы режимге көшу салық төлеушінің жеке кабинетінде немесе мобильді қосымша арқылы хабарлама беру жолымен жүзеге асырылады. Өзін-өзі жұмыспен қамтығандар режимінде жұмыс істейтін жеке кәсіпкерлер үшін есептілік тапсырмай, табыстан бірыңғай төлем төлеу көзделген.",
                "Салық салу мәселелері бойынша кеңесті МКК байланыс орталығынан, сондай-ақ елдің барлық өңірінде мемлекеттік кірістер департаменттері өткізетін семинарлардан алуға болады.",
            ],
            "en": [
                "The State Revenue Committee of the Ministry of Finance explains how small businesses can use the special tax regimes under the new Tax Code. Entrepreneurs may choose the regime based on a simplified declaration or the regime for the self-employed.",
                "To switch to a special regime, a taxpayer files a notification in the taxpayer's online account or through the mobile application. Individual entrepreneurs working under the self-employed regime pay a single payment on their income without filing returns.",
                "Advice on taxation is available from the Committee's contact centre and at seminars held by the state revenue departments in every region of the country.",
            ],
        },
    },
    {
        "id": 1275506,
        "created": "2026-08-20T06:45:00Z",
        "slug": "minfin-razmestil-gosudarstvennye-cennye-bumagi-na-150-mlrd-tenge",
        "hero": "/uploads/2026/8/20/kase-bonds_original.jpg",
        "img": None,
        "title": {
            "ru": "Минфин разместил государственные ценные бумаги на 150 млрд тенге",
            "kk": "Қаржы министрлігі 150 млрд теңгеге мемлекеттік бағалы қағаздар орналастырды",
            "en": "Ministry of Finance placed government securities worth 150 billion tenge",
        },
        "body": {
            "ru": [
                "Министерство финансов Республики Казахстан провело на Казахстанской фондовой бирже аукцион по размещению среднесрочных казначейских обязательств МЕУКАМ-84 на сумму 150 млрд тенге. Спрос инвесторов превысил предложение в 1,7 раза.",
                "Средневзвешенная доходность по итогам аукциона составила 13,9 процента годовых. Основными покупателями выступили банки второго уровня и Единый накопительный пенсионный фонд, доля нерезидентов составила около 12 процентов.",
                "Привлеченные средства направляются на финансирование дефицита республиканского бюджета. График выпусков государственных ценных бумаг на четвертый квартал опубликован на сайте министерства.",
            ],
            "kk": [
                "Қазақстан Республикасының Қаржы министрлігі Қазақстан қор биржасында 150 млрд теңге сомасына МЕУКАМ-84 орта мерзімді қазынашылық міндеттемелерін орналастыру бойынша аукцион өткізді. Инвесторлардың сұранысы ұсыныстан 1,7 есе асып түсті.",
                "Аукцион қорытындысы бойынша орташа алынған кірістілік жылдық 13,9 пайызды құрады. Негізгі сатып алушылар екінші деңгейдегі банктер мен Бірыңғай жинақтаушы зейнетақы қоры болды, бейрезиденттердің үлесі шамамен 12 пайызды құрады.",
                "Тартылған қаражат республикалық бюджеттің тапшылығын қаржыландыруға бағытталады. Төртінші тоқсанға арналған мемлекеттік бағалы қағаздарды шығару кестесі министрліктің сайтында жарияланды.",
            ],
            "en": [
                "The Ministry of Finance of the Republic of Kazakhstan held an auction on the Kazakhstan Stock Exchange to place medium-term MEUKAM-84 treasury bonds worth 150 billion tenge. Investor demand exceeded the offer 1.7 times.",
                "The weighted average yield at the auction was 13.9 percent per year. The main buyers were second-tier banks and the Unified Accumulative Pension Fund; non-residents took about 12 percent.",
                "The funds raised go to finance the republican budget deficit. The schedule of government securities issues for the fourth quarter is published on the ministry's website, together with the results of earlier auctions.",
            ],
        },
    },
    {
        "id": 1271194,
        "created": "2026-08-05T09:25:00Z",
        "slug": "v-goszakupkah-vnedryaetsya-avtomaticheskaya-proverka-podryadchikov",
        "hero": "/uploads/2026/8/5/procurement-check_original.png",
        "img": None,
        "title": {
            "ru": "В госзакупках внедряется автоматическая проверка подрядчиков",
            "kk": "Мемлекеттік сатып алуда өнім берушілерді автоматты тексеру енгізілуде",
            "en": "Automatic checks of contractors introduced in public procurement",
        },
        "body": {
            "ru": [
                "Министерство финансов сообщает о запуске на веб-портале государственных закупок модуля автоматической проверки потенциальных поставщиков. Система в режиме реального времени сверяет сведения о квалификации, налоговой задолженности и участии в реестре недобросовестных поставщиков.",
                "По оценке министерства, автоматизация позволит сократить сроки рассмотрения заявок в среднем на три рабочих дня и исключить субъективный подход при допуске участников к конкурсам. За время пилотной эксплуатации система отклонила более 2 тысяч заявок с недостоверными сведениями.",
                "Заказчикам и поставщикам рекомендовано ознакомиться с обновленной инструкцией на портале. Вопросы по работе модуля принимаются службой поддержки единого оператора в сфере государственных закупок.",
            ],
            "kk": [
                "Қаржы министрлігі мемлекеттік сатып алу веб-порталында әлеуетті өнім берушілерді автоматты тексеру модулінің іске қосылғанын хабарлайды. Жүйе біліктілік, салық берешегі және жосықсыз өнім берушілер тізіліміне енгізілу туралы мәліметтерді нақты уақыт режимінде салыстырады.",
                "Министрліктің бағалауынша, автоматтандыру өтінімдерді қарау мерзімін орта есеппен үш жұмыс күніне қысқартуға және қатысушыларды конкурстарға жіберу кезіндегі субъективті тәсілді болдырмауға мүмкіндік береді. Пилоттық пайдалану кезінде жүйе дұрыс емес мәліметтері бар 2 мыңнан астам өтінімді қабылдамады.",
                "Тапсырыс берушілер мен өнім берушілерге порталдағы жаңартылған нұсқаулықпен танысу ұсынылады. Модульдің жұмысы бойынша сұрақтарды мемлекеттік сатып алу саласындағы бірыңғай оператордың қолдау қызметі қабылдайды.",
            ],
            "en": [
                "The Ministry of Finance announces the launch on the public procurement web portal of a module that automatically checks potential suppliers. The system verifies qualifications, tax arrears and listing in the register of unreliable suppliers in real time.",
                "The ministry estimates that automation will shorten the review of bids by three working days on average and remove subjective judgement when admitting participants to tenders. During the pilot the system rejected more than 2 thousand bids containing false information.",
                "Customers and suppliers are advised to read the updated instructions on the portal. Questions about the module are handled by the support service of the single operator in public procurement.",
            ],
        },
    },
    {
        "id": 1267720,
        "created": "2026-07-22T12:00:00Z",
        "slug": "na-granice-zapushchena-sistema-avtomaticheskogo-vypuska-tovarov",
        "hero": "/uploads/2026/7/22/customs-auto-release_original.jpg",
        "img": "/uploads/2026/7/22/customs-post_original.jpg",
        "title": {
            "ru": "На границе запущена система автоматического выпуска товаров",
            "kk": "Шекарада тауарларды автоматты түрде шығару жүйесі іске қосылды",
            "en": "Automatic release of goods launched at the border",
        },
        "body": {
            "ru": [
                "Комитет государственных доходов Министерства финансов запустил систему автоматической регистрации и выпуска товаров по декларациям на товары с низким уровнем риска. Решение о выпуске принимается информационной системой «Астана-1» без участия должностного лица.",
                "В настоящее время в автоматическом режиме выпускается около 60 процентов деклараций, а среднее время выпуска сократилось до 15 минут. Декларации с высоким уровнем риска по-прежнему проходят документальный и фактический контроль.",
                "В министерстве отмечают, что автоматизация таможенных операций снижает издержки бизнеса и коррупционные риски, а также повышает транзитную привлекательность страны на маршрутах между Китаем и Европой.",
            ],
            "kk": [
                "Қаржы министрлігінің Мемлекеттік кірістер комитеті тәуекел деңгейі төмен тауарларға арналған декларациялар бойынша тауарларды автоматты түрде тіркеу және шығару жүйесін іске қосты. Шығару туралы шешімді лауазымды тұлғаның қатысуынсыз «Астана-1» ақпараттық жүйесі қабылдайды.",
                "Қазіргі уақытта декларациялардың шамамен 60 пайызы автоматты режимде шығарылады, ал шығарудың орташа уақыты 15 минутқа дейін қысқарды. Тәуекел деңгейі жоғары декларациялар бұрынғыдай құжаттамалық және нақты бақылаудан өтеді.",
                "Министрлікте кедендік операцияларды автоматтандыру бизнестің шығындары мен сыбайлас жемқорлық тәуекелдерін азайтатынын, сондай-ақ Қытай мен Еуропа арасындағы бағыттарда елдің транзиттік тартымдылығын арттыратынын атап өтті.",
            ],
            "en": [
                "The State Revenue Committee of the Ministry of Finance has launched automatic registration and release of goods under low-risk customs declarations. The release decision is taken by the Astana-1 information system without an official's involvement.",
                "About 60 percent of declarations are now released automatically, and the average release time has fallen to 15 minutes. High-risk declarations still undergo documentary and physical checks.",
                "The ministry notes that automating customs operations lowers costs for business and corruption risks and makes the country more attractive for transit on routes between China and Europe.",
            ],
        },
    },
    {
        "id": 1263342,
        "created": "2026-07-08T05:50:00Z",
        "slug": "postupleniya-v-nacionalnyy-fond-za-pervoe-polugodie-2026-goda",
        "hero": "/uploads/2026/7/8/national-fund_original.png",
        "img": None,
        "title": {
            "ru": "Поступления в Национальный фонд за первое полугодие 2026 года",
            "kk": "2026 жылғы бірінші жартыжылдықта Ұлттық қорға түскен түсімдер",
            "en": "National Fund receipts in the first half of 2026",
        },
        "body": {
            "ru": [
                "Министерство финансов информирует, что за первое полугодие 2026 года поступления в Национальный фонд Республики Казахстан составили 3,1 трлн тенге. Основную часть составили прямые налоги от организаций нефтяного сектора.",
                "Из Национального фонда в республиканский бюджет выделен гарантированный трансферт в размере 1,9 трлн тенге в соответствии с законом о республиканском бюджете. Целевые трансферты в отчетном периоде не выделялись.",
                "Активы Национального фонда на 1 июля 2026 года составили около 62 млрд долларов США. Подробная отчетность о поступлениях и использовании средств фонда размещена в открытом доступе на интернет-ресурсе министерства.",
            ],
            "kk": [
                "Қаржы министрлігі 2026 жылғы бірінші жартыжылдықта Қазақстан Республикасының Ұлттық қорына түскен түсімдер 3,1 трлн теңгені құрағанын хабарлайды. Олардың негізгі бөлігін мұнай секторы ұйымдарынан түскен тікелей салықтар құрады.",
                "Республикалық бюджет туралы заңға сәйкес Ұлттық қордан республикалық бюджетке 1,9 трлн теңге мөлшерінде кепілдендірілген трансферт бөлінді. Есепті кезеңде нысаналы трансферттер бөлінген жоқ.",
                "2026 жылғы 1 шілдедегі жағдай бойынша Ұлттық қордың активтері шамамен 62 млрд АҚШ долларын құрады. Қорға түскен түсімдер мен оның қаражатын пайдалану туралы толық есеп министрліктің интернет-ресурсында ашық жарияланған.",
            ],
            "en": [
                "The Ministry of Finance reports that receipts to the National Fund of the Republic of Kazakhstan in the first half of 2026 amounted to 3.1 trillion tenge. Most of this came from direct taxes paid by oil sector companies.",
                "A guaranteed transfer of 1.9 trillion tenge was allocated from the National Fund to the republican budget in accordance with the law on the republican budget. No targeted transfers were made in the period.",
                "The National Fund's assets stood at about 62 billion US dollars as of 1 July 2026. Detailed reports on the fund's receipts and the use of its money are published openly on the ministry's website.",
            ],
        },
    },
    {
        "id": 512276,
        "created": "2021-03-10T00:00:00",
        "slug": "ob-ispolnenii-respublikanskogo-byudzheta-za-2020-god",
        "hero": "/uploads/2021/3/10/budget-2020_original.jpg",
        "img": None,
        "title": {
            "ru": "Об исполнении республиканского бюджета за 2020 год",
            "kk": "2020 жылғы республикалық бюджеттің атқарылуы туралы",
            "en": "On the execution of the republican budget for 2020",
        },
        "body": {
            "ru": [
                "Министерство финансов Республики Казахстан представило отчет об исполнении республиканского бюджета за 2020 год. Несмотря на последствия пандемии, план по доходам без учета трансфертов исполнен на 100,4 процента.",
                "Значительная часть расходов была направлена на меры поддержки населения и бизнеса в период чрезвычайного положения, включая социальные выплаты, льготное кредитование и реализацию Дорожной карты занятости.",
                "Отчет будет рассмотрен Высшей аудиторской палатой и Парламентом в установленном порядке. Годовая отчетность, включая сведения о расходах по каждой бюджетной программе, опубликована на интернет-ресурсе министерства в разделе «Бюджет».",
            ],
            "kk": [
                "Қазақстан Республикасының Қаржы министрлігі 2020 жылғы республикалық бюджеттің атқарылуы туралы есеп ұсынды. Пандемияның салдарына қарамастан, трансферттерді есепке алмағандағы кірістер жоспары 100,4 пайызға орындалды.",
                "Шығыстардың едәуір бөлігі төтенше жағдай кезеңінде халық пен бизнесті қолдау шараларына, соның ішінде әлеуметтік төлемдерге, жеңілдетілген несиелеуге және Жұмыспен қамтудың жол картасын іске асыруға бағытталды.",
                "Есепті белгіленген тәртіппен Жоғары аудиторлық палата мен Парламент қарайды. Әрбір бюджеттік бағдарлама бойынша шығыстар туралы мәліметтерді қоса алғанда, жылдық есептілік министрліктің интернет-ресурсында «Бюджет» бөлімінде жарияланды.",
            ],
            "en": [
                "The Ministry of Finance of the Republic of Kazakhstan presented its report on the execution of the republican budget for 2020. Despite the consequences of the pandemic, the revenue plan excluding transfers was fulfilled at 100.4 percent.",
                "A large part of spending went to measures supporting people and businesses during the state of emergency, including social payments, concessional lending and the Employment Roadmap.",
                "The report will be reviewed by the Supreme Audit Chamber and Parliament in the established manner. The annual statements, including spending under each budget programme, are published on the ministry's website in the Budget section.",
            ],
        },
    },
]
