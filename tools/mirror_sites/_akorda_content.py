"""Article texts for the akorda.kz mirror (tools/mirror_sites/akorda_kz.py).

One story = one item of the President's site in kz, ru and en, under the same numeric id with a
language-specific slug (sites.md §3). `origin`:
- "written": text written for the mirror;
- "sidebar": the kz title, slug, id and date are REAL (they appear in the sidebar of the real saved
  page, ../shared/fixtures/real/akorda/akorda_kz_speech_article_1.html); the body and the ru/en
  versions are written for the mirror;
- "zakon_ru_6507353": a speech written for the mirror around the real quotation printed in
  ../shared/fixtures/real/zakon_ru/text/6507353.json (the expanded Government session of 10 Feb 2026).
`section` is the listing the item belongs to; events and legal acts print `h2.mt-5` + `h5` date,
speeches and addresses print no date (sites.md §3).
"""

from __future__ import annotations

STORIES: list[dict] = [
    {
        "id": "418265",
        "section": "events",
        "date": "2026-03-21",
        "origin": "written",
        "image": "nauryz-2026-1",
        "slug": {
            "kz": "memleket-basshysy-kazakstandyktardy-nauryz-merekesimen-kuttyktady",
            "ru": "glava-gosudarstva-pozdravil-kazahstancev-s-prazdnikom-nauryz",
            "en": "head-of-state-congratulated-kazakhstanis-on-nauryz-holiday",
        },
        "title": {
            "kz": "Мемлекет басшысы қазақстандықтарды Наурыз мерекесімен құттықтады",
            "ru": "Глава государства поздравил казахстанцев с праздником Наурыз",
            "en": "Head of State congratulated Kazakhstanis on Nauryz holiday",
        },
        "body": {
            "kz": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаев Наурыз мейрамы қарсаңында Қазақстан халқына құттықтау жолдады. Президент Ұлыстың ұлы күні – бірлік пен жаңару мерекесі екенін, ол ұрпақтар сабақтастығын және ел ішіндегі татулықты нығайтатынын атап өтті.",
                "«Наурыз – ізгілік пен береке мерекесі. Бұл күні біз бір-бірімізге жақсылық тілеп, ренішті ұмытып, жаңа істерге бел буамыз. Еліміздің болашағы әрбір азаматтың адал еңбегіне байланысты», – деді Қасым-Жомарт Тоқаев.",
                "Мемлекет басшысы биылғы жыл жаңа Конституция күшіне енетін тарихи кезең екенін еске салды. Президент Тоқаевтың айтуынша, Заң мен тәртіп қағидаты, еңбекқорлық пен білімге ұмтылыс Әділетті Қазақстанның негізгі құндылықтары болып қала береді.",
                "Құттықтау соңында Президент барша қазақстандықтарға амандық, отбасыларына құт-береке тіледі және мереке күндері ауыл-аймақтағы қарттар мен жалғызбасты азаматтарға қамқорлық көрсетуге шақырды.",
            ],
            "ru": [
                "Глава государства Касым-Жомарт Токаев обратился к народу Казахстана с поздравлением по случаю праздника Наурыз. Президент отметил, что Ұлыстың ұлы күні – праздник единства и обновления, который укрепляет преемственность поколений и согласие в обществе.",
                "«Наурыз – праздник добра и благополучия. В этот день мы желаем друг другу добра, забываем обиды и беремся за новые дела. Будущее страны зависит от честного труда каждого гражданина», – сказал Касым-Жомарт Токаев.",
                "Глава государства напомнил, что нынешний год – исторический период вступления в силу новой Конституции. По словам Президента Токаева, принцип «Закон и Порядок», трудолюбие и стремление к знаниям остаются основными ценностями Справедливого Казахстана.",
                "В завершение Президент пожелал всем казахстанцам здоровья, их семьям – благополучия и призвал в праздничные дни проявить заботу о пожилых и одиноких людях в каждом селе и городе.",
            ],
            "en": [
                "Head of State Kassym-Jomart Tokayev addressed the people of Kazakhstan with congratulations on the Nauryz holiday. The President noted that Ulystyn uly kuni is a celebration of unity and renewal that strengthens the continuity of generations and harmony in society.",
                '"Nauryz is a holiday of kindness and abundance. On this day we wish each other well, forget grievances and take up new endeavours. The future of the country depends on the honest work of every citizen," Kassym-Jomart Tokayev said.',
                "The Head of State recalled that this year is the historic period in which the new Constitution enters into force. According to President Tokayev, the principle of Law and Order, hard work and the pursuit of knowledge remain the core values of a Just Kazakhstan.",
                "In conclusion, the President wished all Kazakhstanis good health and their families prosperity, and called on people to care for the elderly and those living alone in every village and town during the holidays.",
            ],
        },
    },
    {
        "id": "738120",
        "section": "events",
        "date": "2026-04-15",
        "origin": "written",
        "image": "aliyev-phone-2026",
        "slug": {
            "kz": "memleket-basshysy-azerbayzhan-prezidenti-ilham-alievpen-telefon-arkyly-soylesti",
            "ru": "glava-gosudarstva-provel-telefonnyy-razgovor-s-prezidentom-azerbaydzhana-ilhamom-alievym",
            "en": "head-of-state-held-a-telephone-conversation-with-president-of-azerbaijan-ilham-aliyev",
        },
        "title": {
            "kz": "Мемлекет басшысы Әзербайжан Президенті Ильхам Әлиевпен телефон арқылы сөйлесті",
            "ru": "Глава государства провел телефонный разговор с Президентом Азербайджана Ильхамом Алиевым",
            "en": "Head of State held a telephone conversation with President of Azerbaijan Ilham Aliyev",
        },
        "body": {
            "kz": [
                "Қасым-Жомарт Тоқаев Әзербайжан Президенті Ильхам Әлиевпен телефон арқылы сөйлесті. Әңгіме барысында екі ел арасындағы стратегиялық әріптестік пен одақтастық қатынастарды одан әрі нығайту мәселелері талқыланды.",
                "Тараптар Транскаспий халықаралық көлік бағытының, яғни Орта дәліздің өткізу қабілетін арттыру, Ақтау және Баку порттарының жүктерді өңдеу қуатын кеңейту жөніндегі бірлескен жобалардың барысын қарады. Каспий теңізінің түбімен өтетін талшықты-оптикалық байланыс желісінің маңызы ерекше аталды.",
                "Ильхам Әлиев Тоқаевқа Әзербайжанмен ынтымақтастықты дамытуға қосып жүрген үлесі үшін алғыс айтып, жуырда өтетін Жоғары мемлекетаралық кеңестің отырысына дайындық жұмыстары жақсы жүріп жатқанын атап өтті.",
                "Мемлекет басшылары сауда айналымын 2030 жылға дейін 1 миллиард долларға жеткізу міндетін растап, үкіметтерге энергетика, ауыл шаруашылығы және цифрлық технологиялар салаларындағы келісімдер пакетін әзірлеуді тапсырды.",
            ],
            "ru": [
                "Касым-Жомарт Токаев провел телефонный разговор с Президентом Азербайджана Ильхамом Алиевым. В ходе беседы обсуждены вопросы дальнейшего укрепления стратегического партнерства и союзнических отношений между двумя странами.",
                "Стороны рассмотрели ход совместных проектов по увеличению пропускной способности Транскаспийского международного транспортного маршрута, так называемого Среднего коридора, и расширению мощностей портов Актау и Баку. Особо отмечено значение волоконно-оптической линии связи по дну Каспийского моря.",
                "Ильхам Алиев поблагодарил Токаева за вклад в развитие сотрудничества с Азербайджаном и отметил, что подготовка к предстоящему заседанию Высшего межгосударственного совета идет хорошими темпами.",
                "Главы государств подтвердили задачу довести товарооборот до 1 миллиарда долларов к 2030 году и поручили правительствам подготовить пакет соглашений в сферах энергетики, сельского хозяйства и цифровых технологий.",
            ],
            "en": [
                "Kassym-Jomart Tokayev held a telephone conversation with President of Azerbaijan Ilham Aliyev. The two leaders discussed further strengthening the strategic partnership and allied relations between the two countries.",
                "The sides reviewed joint projects to raise the capacity of the Trans-Caspian International Transport Route, known as the Middle Corridor, and to expand the cargo handling capacity of the ports of Aktau and Baku. The importance of the fibre-optic line laid along the bed of the Caspian Sea was specially noted.",
                "Ilham Aliyev thanked Tokayev for his contribution to developing cooperation with Azerbaijan and noted that preparations for the upcoming meeting of the Supreme Interstate Council are well under way.",
                "The heads of state confirmed the goal of bringing bilateral trade to 1 billion dollars by 2030 and instructed their governments to prepare a package of agreements on energy, agriculture and digital technologies.",
            ],
        },
    },
    {
        "id": "1053377",
        "section": "events",
        "date": "2026-05-28",
        "origin": "written",
        "image": "mfa-report-2026-05",
        "slug": {
            "kz": "memleket-basshysy-syrtky-ister-ministrin-kabyldady",
            "ru": "glava-gosudarstva-prinyal-ministra-inostrannyh-del",
            "en": "head-of-state-received-the-minister-of-foreign-affairs",
        },
        "title": {
            "kz": "Мемлекет басшысы Сыртқы істер министрін қабылдады",
            "ru": "Глава государства принял министра иностранных дел",
            "en": "Head of State received the Minister of Foreign Affairs",
        },
        "body": {
            "kz": [
                "Мемлекет басшысына Сыртқы істер министрі сыртқы саяси ведомствоның ағымдағы қызметі және Президенттің алдағы халықаралық сапарларына дайындық барысы туралы баяндады.",
                "Министр Қасым-Жомарт Тоқаевтың биылғы жылдың басынан бері жүзеге асырылған шетелдік сапарларының қорытындысы бойынша 140-тан астам құжатқа қол қойылғанын, олардың ішінде инвестициялық келісімдердің жалпы құны 17 миллиард долларға жеткенін хабарлады.",
                "Президентке Орталық Азия мемлекеттері басшыларының консультативтік кездесуіне дайындық, сондай-ақ Біріккен Ұлттар Ұйымы Бас Ассамблеясының сессиясына қатысу жоспары туралы ақпарат берілді.",
                "Мемлекет басшысы экономикалық дипломатияны күшейтуді, шетелдегі қазақстандықтардың құқықтарын қорғауға баса мән беруді және қол жеткізілген уағдаластықтардың орындалуын жүйелі бақылауды тапсырды.",
            ],
            "ru": [
                "Главе государства доложено о текущей деятельности внешнеполитического ведомства и ходе подготовки к предстоящим международным визитам Президента.",
                "Министр сообщил, что по итогам зарубежных визитов Касым-Жомарта Токаева с начала года подписано более 140 документов, в том числе инвестиционные соглашения общей стоимостью 17 миллиардов долларов.",
                "Президенту также представлена информация о подготовке к Консультативной встрече глав государств Центральной Азии и о плане участия в сессии Генеральной Ассамблеи Организации Объединенных Наций.",
                "Глава государства поручил усилить экономическую дипломатию, уделить особое внимание защите прав казахстанцев за рубежом и обеспечить системный контроль за исполнением достигнутых договоренностей.",
            ],
            "en": [
                "The Head of State received a report from the Minister of Foreign Affairs on the current work of the foreign ministry and on preparations for the President's upcoming international visits.",
                "The Minister said that more than 140 documents had been signed as a result of Kassym-Jomart Tokayev's foreign visits since the beginning of the year, including investment agreements worth a total of 17 billion dollars.",
                "The President was also briefed on preparations for the Consultative Meeting of the Heads of State of Central Asia and on the plan for taking part in the session of the United Nations General Assembly.",
                "The Head of State instructed the ministry to strengthen economic diplomacy, to pay particular attention to protecting the rights of Kazakh citizens abroad and to monitor systematically the implementation of the agreements reached.",
            ],
        },
    },
    {
        "id": "953023",
        "section": "legal_acts",
        "date": "2026-06-09",
        "origin": "sidebar",
        "image": "digital-qazaqstan-decree",
        "slug": {
            "kz": "memleket-basshysy-aukymdy-cifrlandyrudyn-zhane-zhasandy-intellekt-tehnologiyalaryn-zhappay-endirudin-2029-zhylga-deyingi-digital-qazaqstan-zhalpyulttyk-strategiyasyn-bekitu-turaly-zharlykka-kol-koydy",
            "ru": "glava-gosudarstva-podpisal-ukaz-ob-utverzhdenii-obshchenacionalnoy-strategii-digital-qazaqstan-do-2029-goda",
            "en": "head-of-state-signed-a-decree-approving-the-digital-qazaqstan-national-strategy-until-2029",
        },
        "title": {
            "kz": "Мемлекет басшысы «Ауқымды цифрландырудың және жасанды интеллект технологияларын жаппай ендірудің 2029 жылға дейінгі «Digital Qazaqstan» жалпыұлттық стратегиясын бекіту туралы» Жарлыққа қол қойды",
            "ru": "Глава государства подписал Указ «Об утверждении общенациональной стратегии масштабной цифровизации и массового внедрения технологий искусственного интеллекта «Digital Qazaqstan» до 2029 года»",
            "en": "Head of State signed a Decree approving the Digital Qazaqstan national strategy for large-scale digitalisation and mass adoption of artificial intelligence technologies until 2029",
        },
        "body": {
            "kz": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаев «Ауқымды цифрландырудың және жасанды интеллект технологияларын жаппай ендірудің 2029 жылға дейінгі «Digital Qazaqstan» жалпыұлттық стратегиясын бекіту туралы» Жарлыққа қол қойды.",
                "Стратегия мемлекеттік басқаруды, экономиканың нақты секторын және әлеуметтік саланы цифрлық трансформациялауды, деректерді өңдеу орталықтарын салуды, жасанды интеллект саласындағы мамандарды даярлауды көздейді. 2029 жылға қарай мемлекеттік қызметтердің 95 пайызын проактивті және композиттік форматта көрсету жоспарланған.",
                "Жарлыққа сәйкес Үкіметке стратегияны іске асыру жөніндегі іс-шаралар жоспарын үш ай мерзімде бекіту, ал орталық және жергілікті атқарушы органдарға өз салаларында цифрландыру жобаларын жүзеге асыру тапсырылды.",
                "Жарлық қол қойылған күннен бастап қолданысқа енгізіледі. Құжаттың толық мәтіні ресми жариялануда.",
            ],
            "ru": [
                "Глава государства Касым-Жомарт Токаев подписал Указ «Об утверждении общенациональной стратегии масштабной цифровизации и массового внедрения технологий искусственного интеллекта «Digital Qazaqstan» до 2029 года».",
                "Стратегия предусматривает цифровую трансформацию государственного управления, реального сектора экономики и социальной сферы, строительство центров обработки данных и подготовку специалистов в области искусственного интеллекта. К 2029 году 95 процентов государственных услуг планируется оказывать в проактивном и композитном формате.",
                "Согласно Указу, Правительству поручено в трехмесячный срок утвердить план мероприятий по реализации стратегии, а центральным и местным исполнительным органам – реализовать проекты цифровизации в своих отраслях.",
                "Указ вводится в действие со дня подписания. Полный текст документа публикуется в официальных источниках.",
            ],
            "en": [
                "Head of State Kassym-Jomart Tokayev signed a Decree approving the Digital Qazaqstan national strategy for large-scale digitalisation and mass adoption of artificial intelligence technologies until 2029.",
                "The strategy provides for the digital transformation of public administration, the real sector of the economy and the social sphere, the construction of data centres and the training of specialists in artificial intelligence. By 2029, 95 percent of public services are to be provided in a proactive and composite format.",
                "Under the Decree, the Government is to approve an action plan for implementing the strategy within three months, and central and local executive bodies are to carry out digitalisation projects in their sectors.",
                "The Decree enters into force on the day it is signed. The full text of the document is being published in official sources.",
            ],
        },
    },
    {
        "id": "125229",
        "section": "legal_acts",
        "date": "2026-06-12",
        "origin": "sidebar",
        "image": "law-anticorruption-2026",
        "slug": {
            "kz": "memleket-basshysy-kazakstan-respublikasynyn-keybir-zannamalyk-aktilerine-sybaylas-zhemkorlykka-karsy-is-kimyl-maseleleri-boyynsha-ozgerister-men-tolyktyrular-engizu-turaly-kazakstan-respublikasynyn-zanyna-kol-koydy",
            "ru": "glava-gosudarstva-podpisal-zakon-respubliki-kazahstan-o-vnesenii-izmeneniy-i-dopolneniy-v-nekotorye-zakonodatelnye-akty-po-voprosam-protivodeystviya-korrupcii",
            "en": "head-of-state-signed-the-law-on-amendments-to-certain-legislative-acts-on-combating-corruption",
        },
        "title": {
            "kz": "Мемлекет басшысы «Қазақстан Республикасының кейбір заңнамалық актілеріне сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері бойынша өзгерістер мен толықтырулар енгізу туралы» Қазақстан Республикасының Заңына қол қойды",
            "ru": "Глава государства подписал Закон Республики Казахстан «О внесении изменений и дополнений в некоторые законодательные акты Республики Казахстан по вопросам противодействия коррупции»",
            "en": "Head of State signed the Law of the Republic of Kazakhstan on amendments and additions to certain legislative acts on combating corruption",
        },
        "body": {
            "kz": [
                "Мемлекет басшысы Қасым-Жомарт Тоқаев «Қазақстан Республикасының кейбір заңнамалық актілеріне сыбайлас жемқорлыққа қарсы іс-қимыл мәселелері бойынша өзгерістер мен толықтырулар енгізу туралы» Қазақстан Республикасының Заңына қол қойды.",
                "Заң мемлекеттік сатып алу, квазимемлекеттік сектор және жер қатынастары салаларындағы сыбайлас жемқорлық тәуекелдерін азайтуға бағытталған. Мүдделер қақтығысын реттеу тетіктері нақтыланып, лауазымды тұлғалардың туыстарына қатысты шектеулер кеңейтілді.",
                "Сондай-ақ құжатта сыбайлас жемқорлық құқық бұзушылықтар туралы хабарлаған азаматтарды қорғау және көтермелеу тәртібі жетілдіріліп, мемлекеттік органдардың шешімдерін ашық жариялау талаптары күшейтілді.",
                "Заң ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.",
            ],
            "ru": [
                "Глава государства Касым-Жомарт Токаев подписал Закон Республики Казахстан «О внесении изменений и дополнений в некоторые законодательные акты Республики Казахстан по вопросам противодействия коррупции».",
                "Закон направлен на снижение коррупционных рисков в сферах государственных закупок, квазигосударственного сектора и земельных отношений. Уточнены механизмы урегулирования конфликта интересов, расширены ограничения в отношении родственников должностных лиц.",
                "Кроме того, документом усовершенствован порядок защиты и поощрения граждан, сообщивших о коррупционных правонарушениях, и усилены требования к открытой публикации решений государственных органов.",
                "Закон вводится в действие по истечении десяти календарных дней после дня его первого официального опубликования.",
            ],
            "en": [
                "Head of State Kassym-Jomart Tokayev signed the Law of the Republic of Kazakhstan on amendments and additions to certain legislative acts of the Republic of Kazakhstan on combating corruption.",
                "The Law aims to reduce corruption risks in public procurement, the quasi-public sector and land relations. It clarifies the mechanisms for resolving conflicts of interest and widens the restrictions that apply to relatives of officials.",
                "The document also improves the procedure for protecting and rewarding citizens who report corruption offences and tightens the requirements for the open publication of decisions taken by government bodies.",
                "The Law enters into force ten calendar days after the day of its first official publication.",
            ],
        },
    },
    {
        "id": "604918",
        "section": "events",
        "date": "2026-06-13",
        "origin": "sidebar",
        "image": "charles-mail-169",
        "image_ext": "png",
        "slug": {
            "kz": "memleket-basshysy-ulybritaniya-zhane-soltustik-irlandiya-birikken-koroldiginin-koroli-iii-charlzdin-tugan-kunine-baylanysty-kuttyktau-hatyn-zholdady",
            "ru": "glava-gosudarstva-napravil-pozdravitelnoe-pismo-korolyu-soedinennogo-korolevstva-karlu-iii-po-sluchayu-dnya-rozhdeniya",
            "en": "head-of-state-sent-a-congratulatory-letter-to-king-charles-iii-on-his-birthday",
        },
        "title": {
            "kz": "Мемлекет басшысы Ұлыбритания және Солтүстік Ирландия Біріккен Корольдігінің Королі ІІІ Чарльздің туған күніне байланысты құттықтау хатын жолдады",
            "ru": "Глава государства направил поздравительное письмо Королю Соединенного Королевства Великобритании и Северной Ирландии Карлу III по случаю дня рождения",
            "en": "Head of State sent a congratulatory letter to King Charles III of the United Kingdom of Great Britain and Northern Ireland on his birthday",
        },
        "body": {
            "kz": [
                "Қасым-Жомарт Тоқаев Ұлыбритания және Солтүстік Ирландия Біріккен Корольдігінің Королі ІІІ Чарльзге туған күніне орай құттықтау хатын жолдады.",
                "Мемлекет басшысы Қазақстан мен Ұлыбритания арасындағы стратегиялық әріптестік сауда, инвестиция, білім беру және ғылым салаларында табысты дамып келе жатқанын атап өтті. Британ компаниялары Қазақстан экономикасына салынған ірі инвесторлардың қатарында.",
                "Президент Тоқаев маңызды минералдар, жасыл энергетика және қаржы секторындағы ынтымақтастықтың зор әлеуеті бар екенін, Астана халықаралық қаржы орталығы ағылшын құқығы қағидаттарына сүйенетінін еске салды.",
                "Хат соңында Мемлекет басшысы Король ІІІ Чарльзге зор денсаулық, Ұлыбритания халқына амандық пен береке тіледі.",
            ],
            "ru": [
                "Касым-Жомарт Токаев направил поздравительное письмо Королю Соединенного Королевства Великобритании и Северной Ирландии Карлу III по случаю дня рождения.",
                "Глава государства отметил, что стратегическое партнерство Казахстана и Великобритании успешно развивается в торговле, инвестициях, образовании и науке. Британские компании входят в число крупнейших инвесторов в экономику Казахстана.",
                "Президент Токаев напомнил о большом потенциале сотрудничества в сфере критически важных минералов, зеленой энергетики и финансового сектора, отметив, что Международный финансовый центр «Астана» опирается на принципы английского права.",
                "В завершение письма Глава государства пожелал Королю Карлу III крепкого здоровья, а народу Великобритании – мира и благополучия.",
            ],
            "en": [
                "Kassym-Jomart Tokayev sent a congratulatory letter to King Charles III of the United Kingdom of Great Britain and Northern Ireland on the occasion of his birthday.",
                "The Head of State noted that the strategic partnership between Kazakhstan and the United Kingdom is developing successfully in trade, investment, education and science. British companies are among the largest investors in the Kazakh economy.",
                "President Tokayev pointed to the great potential for cooperation in critical minerals, green energy and the financial sector, recalling that the Astana International Financial Centre is based on the principles of English law.",
                "In closing, the Head of State wished King Charles III good health and the people of the United Kingdom peace and prosperity.",
            ],
        },
    },
    {
        "id": "314072",
        "section": "speeches",
        "date": "2026-02-10",
        "origin": "zakon_ru_6507353",
        "image": "gov-session-2026-02",
        "slug": {
            "kz": "memleket-basshysy-kasym-zhomart-tokaevtyn-ukimettin-keneytilgen-otyrysynda-soylegen-sozi",
            "ru": "vystuplenie-glavy-gosudarstva-kasym-zhomarta-tokaeva-na-rasshirennom-zasedanii-pravitelstva",
            "en": "speech-by-president-kassym-jomart-tokayev-at-the-expanded-government-meeting",
        },
        "title": {
            "kz": "Мемлекет басшысы Қасым-Жомарт Тоқаевтың Үкіметтің кеңейтілген отырысында сөйлеген сөзі",
            "ru": "Выступление Главы государства Касым-Жомарта Токаева на расширенном заседании Правительства",
            "en": "Speech by President Kassym-Jomart Tokayev at the expanded Government meeting",
        },
        "body": {
            "ru": [
                "Уважаемые участники заседания!",
                "Мы собрались, чтобы подвести итоги социально-экономического развития страны за прошлый год и определить задачи на ближайшую перспективу. Рост экономики составил 6 процентов, однако этот результат во многом обеспечен ценами на сырье. Нам нужен устойчивый рост за счет обрабатывающей промышленности, транспорта и цифровых технологий.",
                "Из бесед с некоторыми членами Правительства я понял, что не все с должным вниманием прочитали мое недавнее интервью газете Turkistan. То же самое касается и моего выступления на заседании Национального курултая в Кызылорде. Под влиянием интернета, видимо, сложно стало читать длинные тексты, но это не красит госслужащих. Надо читать, читать и еще раз читать. Читайте больше.",
                "Правительству предстоит обеспечить снижение инфляции, завершить реформу тарифной политики и ускорить модернизацию коммунальной инфраструктуры. Каждый министр должен отвечать за конкретный результат, а не за количество совещаний и отчетов.",
                "Уверен, что при слаженной работе мы выполним все поставленные задачи. Благодарю за внимание.",
            ],
            "kz": [
                "Құрметті отырысқа қатысушылар!",
                "Біз елдің өткен жылғы әлеуметтік-экономикалық даму қорытындысын шығарып, жақын болашаққа арналған міндеттерді айқындау үшін жиналдық. Экономика 6 пайызға өсті, алайда бұл нәтиже көп жағдайда шикізат бағасының арқасында қамтамасыз етілді. Бізге өңдеу өнеркәсібі, көлік және цифрлық технологиялар есебінен тұрақты өсім қажет.",
                "Үкімет мүшелерінің кейбірімен әңгімелескенде, менің Turkistan газетіне берген жақындағы сұхбатымды бәрі бірдей мұқият оқымағанын түсіндім. Бұл Қызылордадағы Ұлттық құрылтай отырысында сөйлеген сөзіме де қатысты. Интернеттің ықпалымен ұзақ мәтіндерді оқу қиынға соққан сияқты, бірақ бұл мемлекеттік қызметшіге абырой әкелмейді. Оқу керек, оқу керек және тағы да оқу керек. Көбірек оқыңыздар.",
                "Үкімет инфляцияның төмендеуін қамтамасыз етуі, тарифтік саясат реформасын аяқтауы және коммуналдық инфрақұрылымды жаңғыртуды жеделдетуі тиіс. Әрбір министр кеңестер мен есептердің санына емес, нақты нәтижеге жауап беруі керек.",
                "Үйлесімді жұмыс істесек, алға қойған барлық міндетті орындайтынымызға сенімдімін. Назарларыңызға рахмет.",
            ],
            "en": [
                "Dear participants of the meeting!",
                "We have gathered to review the results of the country's social and economic development last year and to set the tasks for the near term. The economy grew by 6 percent, but this result was largely due to commodity prices. We need sustainable growth driven by manufacturing, transport and digital technologies.",
                "From conversations with some members of the Government I understood that not everyone read my recent interview with the Turkistan newspaper with due attention. The same applies to my speech at the meeting of the National Kurultai in Kyzylorda. Under the influence of the internet it seems to have become hard to read long texts, but this does not do civil servants credit. One must read, read and read again. Read more.",
                "The Government must bring inflation down, complete the reform of tariff policy and speed up the modernisation of utility infrastructure. Every minister must answer for a concrete result, not for the number of meetings and reports.",
                "I am confident that by working together we will accomplish all the tasks set. Thank you for your attention.",
            ],
        },
    },
    {
        "id": None,
        "section": "addresses",
        "date": "2025-09-08",
        "origin": "written",
        "image": "address-2025",
        "path": {
            "kz": "addresses/addresses_of_president/memleket-basshysy-kasym-zhomart-tokaevtyn-kazakstan-halkyna-zholdauy-2025-zhylgy-8-kyrkuyek",
            "ru": "addresses/addresses_of_president/poslanie-glavy-gosudarstva-kasym-zhomarta-tokaeva-narodu-kazahstana-8-sentyabrya-2025-g",
            "en": "addresses/addresses_of_president/state-of-the-nation-address-by-president-kassym-jomart-tokayev-september-8-2025",
        },
        "title": {
            "kz": "Мемлекет басшысы Қасым-Жомарт Тоқаевтың Қазақстан халқына Жолдауы",
            "ru": "Послание Главы государства Касым-Жомарта Токаева народу Казахстана",
            "en": "State of the Nation Address by President Kassym-Jomart Tokayev",
        },
        "body": {
            "kz": [
                "Құрметті отандастар! Құрметті Парламент депутаттары!",
                "Бүгін біз жаңа саяси маусымды бастап отырмыз. Әлем жасанды интеллект дәуіріне қадам басты. Технологиялар экономиканы, білім беруді, мемлекеттік басқаруды түбегейлі өзгертуде. Қазақстан бұл үдерістің сыртында қалмауы тиіс, біз оның көшбасшыларының қатарында болуымыз керек.",
                "Сондықтан мен Үкіметке үш жыл ішінде ауқымды цифрландыру стратегиясын әзірлеп, іске асыруды тапсырамын. Мемлекеттік қызметтер толықтай цифрлық форматқа көшуі, ал деректерді өңдеу орталықтары мен байланыс инфрақұрылымы жаңа деңгейге көтерілуі қажет.",
                "Екінші маңызды бағыт – Заң мен тәртіп. Әділетті Қазақстан құру үшін заңның үстемдігі бәріне ортақ болуы керек. Біз сот жүйесінің тәуелсіздігін нығайтуды, азаматтардың құқықтарын қорғауды жалғастырамыз.",
                "Біздің басты байлығымыз – адам капиталы. Білімге, еңбекке және жасампаздыққа негізделген қоғам ғана жаңа дәуірдің сын-қатерлеріне төтеп бере алады. Баршаңызға табыс тілеймін!",
            ],
            "ru": [
                "Уважаемые соотечественники! Уважаемые депутаты Парламента!",
                "Сегодня мы открываем новый политический сезон. Мир вступил в эпоху искусственного интеллекта. Технологии коренным образом меняют экономику, образование и государственное управление. Казахстан не должен остаться в стороне от этого процесса, мы должны быть в числе его лидеров.",
                "Поэтому поручаю Правительству в течение трех лет разработать и реализовать стратегию масштабной цифровизации. Государственные услуги должны полностью перейти в цифровой формат, а центры обработки данных и инфраструктура связи – выйти на новый уровень.",
                "Второе важное направление – Закон и Порядок. Для построения Справедливого Казахстана верховенство закона должно быть единым для всех. Мы продолжим укреплять независимость судебной системы и защиту прав граждан.",
                "Наше главное богатство – человеческий капитал. Только общество, основанное на знаниях, труде и созидании, способно ответить на вызовы новой эпохи. Желаю всем успехов!",
            ],
            "en": [
                "Dear compatriots! Dear members of Parliament!",
                "Today we open a new political season. The world has entered the era of artificial intelligence. Technology is fundamentally changing the economy, education and public administration. Kazakhstan must not stand aside from this process; we must be among its leaders.",
                "I therefore instruct the Government to develop and implement a strategy of large-scale digitalisation within three years. Public services must move entirely to digital form, and data centres and communications infrastructure must reach a new level.",
                "The second important area is Law and Order. To build a Just Kazakhstan, the rule of law must be the same for everyone. We will continue to strengthen the independence of the judiciary and the protection of citizens' rights.",
                "Our main wealth is human capital. Only a society based on knowledge, work and creativity can meet the challenges of the new era. I wish you all success!",
            ],
        },
    },
]

# The real saved speech page (served byte-for-byte): its card in the kz speeches listing is
# rebuilt. Date ASSUMED 2026-06-12: the speech says "Мен бүгін бес конституциялық заңға қол қойдым"
# ("today I signed five constitutional laws"), the newest law in its sidebar is dated
# "2026 жылғы 12 маусым", and the saved copy ends with the comment <!--2026-06-14 11:11:06-->.
REAL_SPEECH = {
    "id": "555737",
    "section": "speeches",
    "date": "2026-06-12",
    "slug": "memleket-basshysy-kasym-zhomart-tokaevtyn-akimshilik-adilet-zhane-onyn-kukyk-ustemdigin-kamtamasyz-etu-isindegi-roli-atty-halykaralyk-forumda-soylegen-sozi",
    "title": "Мемлекет басшысы Қасым-Жомарт Тоқаевтың «Әкімшілік әділет және оның құқық үстемдігін қамтамасыз ету ісіндегі рөлі» атты халықаралық форумда сөйлеген сөзі",
    "image": "kz1-0793-2",
}
