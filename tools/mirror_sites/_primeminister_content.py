"""Article texts for the primeminister.kz mirror (tools/mirror_sites/primeminister_kz.py).

Each story is one Government release in its language versions (the same trailing id, a
language-specific slug, sites.md §2). `origin` says where the text comes from:
- "zakon_ru_6503515": adapted for the mirror from the real Zakon.kz retelling in
  ../shared/fixtures/real/zakon_ru/text/6503515.json (new lead, no "передает корреспондент
  Zakon.kz", one paragraph more); the kz/en versions are translations written for the mirror;
- "zakon_kk_trans_caspian": adapted from the real kaz.zakon.kz text in
  ../shared/fixtures/real/zakon_kk/trans_caspian_fiber_optic.txt (the "деп хабарлайды Zakon.kz"
  attribution removed, the extractor's broken lines rejoined);
- "written": news prose written for the mirror about plausible Government business. Where the
  URL itself is real (quoted in sites.md §2), `real_url` names the language whose URL is real.
"""

from __future__ import annotations

STORIES: list[dict] = [
    {
        "id": 30618,
        "category": "digital_office",
        "published": "2025-12-10T11:20:00+05:00",
        "origin": "written",
        "slug": {
            "ru": "v-pravitelstve-obsudili-vnedrenie-ii-assistenta-na-portale-egov",
            "kz": "ukimette-egov-portalyna-zhasandy-intellekt-komekshisin-engizu-talkylandy",
            "en": "government-discusses-introduction-of-ai-assistant-on-egov-portal",
        },
        "title": {
            "ru": "В Правительстве обсудили внедрение ИИ-ассистента на портале eGov",
            "kz": "Үкіметте eGov порталына жасанды интеллект көмекшісін енгізу талқыланды",
            "en": "Government discusses introduction of AI assistant on eGov portal",
        },
        "body": {
            "ru": [
                "На заседании Проектного офиса цифровой трансформации под председательством Премьер-министра Олжаса Бектенова рассмотрен ход внедрения ИИ-ассистента на портале электронного правительства eGov.kz. Министр искусственного интеллекта и цифрового развития доложил, что пилотная версия ассистента уже отвечает на вопросы граждан о 40 наиболее востребованных государственных услугах.",
                "По данным министерства, за первый месяц тестирования к ассистенту обратились более 310 тысяч пользователей, а доля запросов, решенных без участия оператора колл-центра, составила 72 процента. Ассистент работает на казахском и русском языках, до конца первого квартала 2026 года планируется добавить английский.",
                "Глава Правительства поручил до 1 марта подключить к ассистенту услуги социального блока, земельные и жилищные вопросы, а также обеспечить защиту персональных данных в соответствии с требованиями законодательства. Отдельное внимание уделено качеству ответов на государственном языке.",
                "«Цифровые сервисы должны экономить время людей, а не создавать новые очереди, только уже в онлайне. Каждое обращение, которое ассистент не смог решить, нужно разбирать и дорабатывать», — отметил Олжас Бектенов.",
            ],
            "kz": [
                "Премьер-Министр Олжас Бектеновтің төрағалығымен өткен Цифрлық трансформация жобалық кеңсесінің отырысында eGov.kz электрондық үкімет порталына жасанды интеллект көмекшісін енгізу барысы қаралды. Жасанды интеллект және цифрлық даму министрі көмекшінің пилоттық нұсқасы азаматтардың ең көп сұралатын 40 мемлекеттік қызмет туралы сұрақтарына жауап беретінін баяндады.",
                "Министрліктің мәліметінше, сынақтың алғашқы айында көмекшіге 310 мыңнан астам пайдаланушы жүгінген, ал колл-орталық операторының қатысуынсыз шешілген сұраныстардың үлесі 72 пайызды құрады. Көмекші қазақ және орыс тілдерінде жұмыс істейді, 2026 жылдың бірінші тоқсанының соңына дейін ағылшын тілін қосу жоспарланған.",
                "Үкімет басшысы 1 наурызға дейін көмекшіге әлеуметтік саладағы қызметтерді, жер және тұрғын үй мәселелерін қосуды, сондай-ақ дербес деректерді заңнама талаптарына сәйкес қорғауды қамтамасыз етуді тапсырды. Мемлекеттік тілдегі жауаптардың сапасына ерекше назар аударылды.",
                "«Цифрлық сервистер адамдардың уақытын үнемдеуі керек, онлайн форматта жаңа кезек тудырмауы тиіс. Көмекші шеше алмаған әрбір өтінішті талдап, жетілдіру қажет», — деді Олжас Бектенов.",
            ],
            "en": [
                "A meeting of the Digital Transformation Project Office chaired by Prime Minister Olzhas Bektenov reviewed progress in introducing an AI assistant on the eGov.kz e-government portal. The Minister of Artificial Intelligence and Digital Development reported that the pilot version of the assistant already answers citizens' questions about the 40 most requested public services.",
                "According to the ministry, more than 310 thousand users turned to the assistant during the first month of testing, and 72 percent of requests were resolved without a call-centre operator. The assistant works in Kazakh and Russian; English is to be added by the end of the first quarter of 2026.",
                "The Head of Government instructed the ministry to connect social services, land and housing matters to the assistant by 1 March and to ensure that personal data are protected as the law requires. Particular attention was paid to the quality of answers in the state language.",
                '"Digital services must save people\'s time, not create new queues, only online. Every request the assistant could not resolve must be analysed and fixed," Olzhas Bektenov noted.',
            ],
        },
    },
    {
        "id": 30934,
        "category": None,
        "published": "2026-01-06T13:05:00+05:00",
        "origin": "zakon_ru_6503515",
        "slug": {
            "ru": "olzhas-bektenov-na-zasedanii-pravitelstva-nado-perehodit-ot-slov-k-delu",
            "kz": "olzhas-bektenov-ukimet-otyrysynda-sozden-iske-koshu-kerek",
            "en": "olzhas-bektenov-at-government-meeting-it-is-time-to-move-from-words-to-deeds",
        },
        "title": {
            "ru": "Олжас Бектенов на заседании Правительства: надо переходить от слов к делу",
            "kz": "Олжас Бектенов Үкімет отырысында: сөзден іске көшу керек",
            "en": "Olzhas Bektenov at Government meeting: it is time to move from words to deeds",
        },
        "body": {
            "ru": [
                "6 января 2026 года под председательством Премьер-министра Олжаса Бектенова состоялось первое в новом году заседание Правительства. Рассмотрены меры по реализации задач, поставленных Главой государства Касым-Жомартом Токаевым в программном интервью.",
                "Премьер-министр обратился к государственным органам, призвав подходить к решению всех вопросов прагматично, максимально экономить бюджетные средства и обеспечивать конкретный результат.",
                "Олжас Бектенов подчеркнул, что программное интервью Президента ставит задачи на ближайшую перспективу.",
                '"Всем центральным и местным государственным органам, национальным компаниям необходимо приложить все усилия для их успешной реализации. Надо переходить от слов к делу. К решению всех вопросов подходить прагматично, максимально экономить бюджетные средства и дать конкретный результат. Отчеты, презентации прекращайте. Если нет результатов, это все просто слова. Если не можете работать по-новому, говорите открыто, мы будем решать эти вопросы", – отметил Премьер-министр.',
                "Он также поручил своим заместителям координировать работу по исполнению поручений Президента по своим направлениям.",
                "Акимам областей, городов Астаны, Алматы и Шымкента поручено до конца января представить в Правительство планы мероприятий с конкретными сроками и измеримыми показателями. Контроль за исполнением поручений возложен на Канцелярию Премьер-министра.",
            ],
            "kz": [
                "2026 жылғы 6 қаңтарда Премьер-Министр Олжас Бектеновтің төрағалығымен Үкіметтің жаңа жылдағы алғашқы отырысы өтті. Мемлекет басшысы Қасым-Жомарт Тоқаевтың бағдарламалық сұхбатында қойылған міндеттерді іске асыру шаралары қаралды.",
                "Премьер-Министр мемлекеттік органдарды барлық мәселені шешуге прагматикалық тұрғыдан қарауға, бюджет қаражатын барынша үнемдеуге және нақты нәтиже беруге шақырды.",
                "Олжас Бектенов Президенттің бағдарламалық сұхбаты жақын болашаққа арналған міндеттерді айқындайтынын атап өтті.",
                '"Барлық орталық және жергілікті мемлекеттік органдар, ұлттық компаниялар бұл міндеттерді табысты орындау үшін барын салуы қажет. Сөзден іске көшу керек. Есептер мен таныстырылымдарды доғарыңыздар. Нәтиже болмаса, мұның бәрі жай сөз. Жаңаша жұмыс істей алмасаңыздар, ашық айтыңыздар, біз бұл мәселелерді шешеміз", – деді Премьер-Министр.',
                "Ол сондай-ақ орынбасарларына өз бағыттары бойынша Президент тапсырмаларының орындалуын үйлестіруді тапсырды.",
                "Облыстардың, Астана, Алматы және Шымкент қалаларының әкімдеріне қаңтардың соңына дейін Үкіметке нақты мерзімдері мен өлшенетін көрсеткіштері бар іс-шаралар жоспарын ұсыну тапсырылды. Тапсырмалардың орындалуын бақылау Премьер-Министр Кеңсесіне жүктелді.",
            ],
            "en": [
                "On 6 January 2026 Prime Minister Olzhas Bektenov chaired the first Government meeting of the new year. The meeting considered measures to carry out the tasks set by Head of State Kassym-Jomart Tokayev in his programme interview.",
                "The Prime Minister called on government agencies to approach every issue pragmatically, to save budget funds as much as possible and to deliver concrete results.",
                "Olzhas Bektenov stressed that the President's programme interview sets tasks for the near term.",
                '"All central and local government bodies and national companies must make every effort to carry them out. It is time to move from words to deeds. Approach every issue pragmatically, save budget funds as much as possible and deliver concrete results. Stop the reports and presentations. Without results it is all just words. If you cannot work in a new way, say so openly and we will resolve these issues," the Prime Minister said.',
                "He also instructed his deputies to coordinate the implementation of the President's instructions in their areas.",
                "The akims of the regions and of Astana, Almaty and Shymkent were instructed to submit to the Government, by the end of January, action plans with specific deadlines and measurable targets. The Office of the Prime Minister will monitor implementation.",
            ],
        },
    },
    {
        "id": 31031,
        "category": None,
        "published": "2026-01-30T17:40:00+05:00",
        "origin": "written",
        "real_url": "en",
        "slug": {
            "ru": "olzhas-bektenov-proveril-hod-realizacii-porucheniy-prezidenta-po-proektu-doliny-centrov-obrabotki-dannyh-v-ekibastuze",
            "kz": "olzhas-bektenov-ekibastuzdagy-derekterdi-ondeu-ortalyktary-alkaby-zhobasy-boyynsha-prezident-tapsyrmalarynyn-oryndaluyn-tekserdi",
            "en": "olzhas-bektenov-inspected-the-implementation-of-the-presidents-instructions-on-the-data-center-valley-project-in-ekibastuz",
        },
        "title": {
            "ru": "Олжас Бектенов проверил ход реализации поручений Президента по проекту «Долина центров обработки данных» в Экибастузе",
            "kz": "Олжас Бектенов Екібастұздағы «Деректерді өңдеу орталықтары алқабы» жобасы бойынша Президент тапсырмаларының орындалуын тексерді",
            "en": "Olzhas Bektenov inspected the implementation of the President's instructions on the Data Center Valley project in Ekibastuz",
        },
        "body": {
            "ru": [
                "В ходе рабочей поездки в Павлодарскую область Премьер-министр Олжас Бектенов ознакомился с ходом реализации проекта «Долина центров обработки данных» в Экибастузе. Проект реализуется по поручению Главы государства и предусматривает размещение вычислительных мощностей рядом с источниками дешевой электроэнергии.",
                "На первом этапе на площадке площадью 120 гектаров будут построены два центра обработки данных общей мощностью 100 мегаватт. Подключение к электросетям обеспечивается от Экибастузской ГРЭС-1, проложены волоконно-оптические линии связи до Астаны и Павлодара.",
                "Глава Правительства поручил акимату области и профильным министерствам завершить подготовку инженерной инфраструктуры до конца третьего квартала, а также проработать подготовку кадров в колледжах региона: обслуживание центров потребует около 400 специалистов.",
                "Олжас Бектенов отметил, что проект должен стать частью национальной инфраструктуры искусственного интеллекта, и поручил обеспечить прозрачный отбор инвесторов и соблюдение экологических требований.",
            ],
            "kz": [
                "Павлодар облысына жұмыс сапары барысында Премьер-Министр Олжас Бектенов Екібастұздағы «Деректерді өңдеу орталықтары алқабы» жобасының іске асырылу барысымен танысты. Жоба Мемлекет басшысының тапсырмасы бойынша жүзеге асырылып жатыр және есептеу қуаттарын арзан электр энергиясы көздерінің жанына орналастыруды көздейді.",
                "Бірінші кезеңде 120 гектар аумақта жалпы қуаты 100 мегаватт болатын екі деректерді өңдеу орталығы салынады. Электр желілеріне қосылу Екібастұз МАЭС-1 арқылы қамтамасыз етіледі, Астана мен Павлодарға дейін талшықты-оптикалық байланыс желілері тартылды.",
                "Үкімет басшысы облыс әкімдігі мен салалық министрліктерге инженерлік инфрақұрылымды дайындауды үшінші тоқсанның соңына дейін аяқтауды, сондай-ақ өңір колледждерінде кадр даярлау мәселесін пысықтауды тапсырды: орталықтарға қызмет көрсету үшін 400-ге жуық маман қажет болады.",
                "Олжас Бектенов жоба жасанды интеллекттің ұлттық инфрақұрылымының бір бөлігі болуы тиіс екенін атап өтіп, инвесторларды ашық іріктеуді және экологиялық талаптардың сақталуын қамтамасыз етуді тапсырды.",
            ],
            "en": [
                "During a working trip to Pavlodar region, Prime Minister Olzhas Bektenov reviewed the progress of the Data Center Valley project in Ekibastuz. The project is being carried out on the instructions of the Head of State and places computing capacity next to sources of cheap electricity.",
                "In the first phase two data centres with a total capacity of 100 megawatts will be built on a 120-hectare site. Power is supplied from the Ekibastuz GRES-1 plant, and fibre-optic lines have been laid to Astana and Pavlodar.",
                "The Head of Government instructed the regional akimat and the relevant ministries to finish the engineering infrastructure by the end of the third quarter and to organise training in the region's colleges: running the centres will require about 400 specialists.",
                "Olzhas Bektenov noted that the project must become part of the national artificial intelligence infrastructure and instructed officials to ensure a transparent selection of investors and compliance with environmental requirements.",
            ],
        },
    },
    {
        "id": 31118,
        "category": None,
        "published": "2026-02-25T12:15:00+05:00",
        "origin": "written",
        "slug": {
            "ru": "v-pravitelstve-rassmotreli-hod-podgotovki-k-vesenne-polevym-rabotam",
            "kz": "ukimette-koktemgi-egis-zhumystaryna-dayyndyk-barysy-karaldy",
            "en": "government-reviews-preparations-for-spring-field-work",
        },
        "title": {
            "ru": "В Правительстве рассмотрели ход подготовки к весенне-полевым работам",
            "kz": "Үкіметте көктемгі егіс жұмыстарына дайындық барысы қаралды",
            "en": "Government reviews preparations for spring field work",
        },
        "body": {
            "ru": [
                "На заседании Правительства под председательством Премьер-министра Олжаса Бектенова рассмотрен ход подготовки к весенне-полевым работам 2026 года. Общая посевная площадь в этом году составит 23,9 млн гектаров, из них зерновые культуры займут около 16 млн гектаров.",
                "Министр сельского хозяйства доложил, что аграрии обеспечены семенами на 96 процентов, на льготное кредитование посевной через «Аграрную кредитную корпорацию» направлено 580 млрд тенге. Удешевленное дизельное топливо будет поставляться по цене на 20 процентов ниже рыночной.",
                "Премьер-министр поручил акиматам областей до 10 марта завершить заключение договоров на поставку топлива, а Министерству энергетики — обеспечить бесперебойную отгрузку с нефтеперерабатывающих заводов. Отдельно поставлена задача ускорить выплату субсидий, не допуская их задержек.",
                "«Сроки посевной диктует природа, а не документооборот. Все финансовые и материальные ресурсы должны быть у крестьян до выхода в поле», — подчеркнул Глава Правительства.",
            ],
            "kz": [
                "Премьер-Министр Олжас Бектеновтің төрағалығымен өткен Үкімет отырысында 2026 жылғы көктемгі егіс жұмыстарына дайындық барысы қаралды. Биыл жалпы егіс алқабы 23,9 млн гектарды құрайды, оның 16 млн гектарға жуығын дәнді дақылдар алады.",
                "Ауыл шаруашылығы министрі диқандардың тұқыммен 96 пайызға қамтамасыз етілгенін, «Аграрлық несие корпорациясы» арқылы егіс науқанын жеңілдетілген несиелеуге 580 млрд теңге бағытталғанын баяндады. Арзандатылған дизель отыны нарықтық бағадан 20 пайыз төмен бағамен жеткізіледі.",
                "Премьер-Министр облыс әкімдіктеріне 10 наурызға дейін отын жеткізу шарттарын жасасуды аяқтауды, ал Энергетика министрлігіне мұнай өңдеу зауыттарынан үздіксіз тиеп-жөнелтуді қамтамасыз етуді тапсырды. Субсидияларды кідіртпей төлеуді жеделдету міндеті жеке қойылды.",
                "«Егіс мерзімін құжат айналымы емес, табиғат белгілейді. Барлық қаржы және материалдық ресурс шаруаларға егіс басталғанға дейін жетуі тиіс», — деп атап өтті Үкімет басшысы.",
            ],
            "en": [
                "A Government meeting chaired by Prime Minister Olzhas Bektenov reviewed preparations for the 2026 spring field work. The total sown area this year will be 23.9 million hectares, of which grain crops will take about 16 million hectares.",
                "The Minister of Agriculture reported that farmers have 96 percent of the seed they need and that 580 billion tenge has been allocated for concessional loans for the sowing campaign through the Agrarian Credit Corporation. Subsidised diesel fuel will be supplied at a price 20 percent below the market.",
                "The Prime Minister instructed the regional akimats to finish signing fuel supply contracts by 10 March and the Ministry of Energy to ensure uninterrupted shipments from the oil refineries. A separate task is to speed up the payment of subsidies and avoid delays.",
                '"The timing of the sowing is set by nature, not by paperwork. All financial and material resources must reach the farmers before they go into the fields," the Head of Government stressed.',
            ],
        },
    },
    {
        "id": 31418,
        "category": None,
        "published": "2026-05-25T15:30:00+05:00",
        "origin": "written",
        "slug": {
            "ru": "pravitelstvo-utverdilo-plan-podgotovki-k-otopitelnomu-sezonu-2026-2027-godov",
            "kz": "ukimet-2026-2027-zhyldardagy-zhylytu-maysymyna-dayyndyk-zhosparyn-bekitti",
            "en": "government-approves-plan-to-prepare-for-the-2026-2027-heating-season",
        },
        "title": {
            "ru": "Правительство утвердило план подготовки к отопительному сезону 2026–2027 годов",
            "kz": "Үкімет 2026–2027 жылдардағы жылыту маусымына дайындық жоспарын бекітті",
            "en": "Government approves plan to prepare for the 2026–2027 heating season",
        },
        "body": {
            "ru": [
                "На заседании Правительства рассмотрены вопросы подготовки объектов энергетики и жилищно-коммунального хозяйства к отопительному сезону 2026–2027 годов. В текущем году запланирован ремонт 42 энергоблоков, 127 котлов и замена около 1 600 километров тепловых сетей.",
                "Министр энергетики сообщил, что на 1 мая работы начаты на 38 процентах объектов, а запасы угля на электростанциях превышают нормативный уровень. Вместе с тем в ряде городов износ сетей по-прежнему превышает 70 процентов, что требует ускоренной модернизации.",
                "Премьер-министр Олжас Бектенов поручил акимам обеспечить завершение ремонтных работ до 1 сентября, а энергопроизводящим организациям — соблюдать графики ремонтов без переноса сроков. Контроль за ходом подготовки будет осуществляться еженедельно.",
                "Отдельно рассмотрены меры по обеспечению Экибастуза, Риддера и Кокшетау, где в прошлые годы допускались аварийные отключения. Для этих городов утверждены индивидуальные планы с привлечением резервных мощностей.",
            ],
            "kz": [
                "Үкімет отырысында энергетика және тұрғын үй-коммуналдық шаруашылық нысандарын 2026–2027 жылдардағы жылыту маусымына дайындау мәселелері қаралды. Биыл 42 энергоблокты, 127 қазандықты жөндеу және 1 600 шақырымға жуық жылу желісін ауыстыру жоспарланған.",
                "Энергетика министрі 1 мамырдағы жағдай бойынша жұмыстар нысандардың 38 пайызында басталғанын, ал электр станцияларындағы көмір қоры нормативтік деңгейден асатынын хабарлады. Сонымен бірге бірқатар қалада желілердің тозуы әлі де 70 пайыздан асады, бұл жедел жаңғыртуды талап етеді.",
                "Премьер-Министр Олжас Бектенов әкімдерге жөндеу жұмыстарын 1 қыркүйекке дейін аяқтауды, ал энергия өндіруші ұйымдарға жөндеу кестелерін мерзімін ауыстырмай сақтауды тапсырды. Дайындық барысы апта сайын бақыланады.",
                "Бұрынғы жылдары апаттық ажыратулар орын алған Екібастұз, Риддер және Көкшетау қалаларын қамтамасыз ету шаралары жеке қаралды. Бұл қалалар үшін резервтік қуаттарды тарта отырып, жеке жоспарлар бекітілді.",
            ],
            "en": [
                "A Government meeting considered the preparation of energy and housing and utility facilities for the 2026–2027 heating season. This year 42 power units and 127 boilers are to be repaired and about 1,600 kilometres of heating networks replaced.",
                "The Minister of Energy reported that as of 1 May work had begun at 38 percent of the facilities and that coal stocks at power plants exceed the required level. At the same time, in a number of cities network wear still exceeds 70 percent, which calls for faster modernisation.",
                "Prime Minister Olzhas Bektenov instructed the akims to complete repairs by 1 September and the power generating companies to keep to their repair schedules without postponing them. Progress will be checked every week.",
                "Separate measures were considered for Ekibastuz, Ridder and Kokshetau, where emergency outages occurred in previous years. Individual plans drawing on reserve capacity were approved for these cities.",
            ],
        },
    },
    {
        "id": 31594,
        "category": None,
        "published": "2026-07-01T10:45:00+05:00",
        "origin": "written",
        "slug": {
            "ru": "pravitelstvo-utverdilo-plan-realizacii-novyh-konstitucionnyh-zakonov",
            "kz": "ukimet-zhana-konstituciyalyk-zandardy-iske-asyru-zhosparyn-bekitti",
            "en": "government-approves-plan-to-implement-new-constitutional-laws",
        },
        "title": {
            "ru": "Правительство утвердило план реализации новых конституционных законов",
            "kz": "Үкімет жаңа конституциялық заңдарды іске асыру жоспарын бекітті",
            "en": "Government approves plan to implement new constitutional laws",
        },
        "body": {
            "ru": [
                "В день вступления в силу новой Конституции Республики Казахстан Правительство утвердило общенациональный план по реализации конституционных законов, подписанных Главой государства Касым-Жомартом Токаевым. План включает 214 мероприятий, в том числе разработку 38 законопроектов и приведение в соответствие более 600 подзаконных актов.",
                "Как отметил Премьер-министр Олжас Бектенов, все государственные органы должны в установленные сроки пересмотреть свои нормативные правовые акты. Особое внимание будет уделено административным процедурам и защите прав граждан во взаимоотношениях с государством.",
                "Министерству юстиции поручено до 1 октября внести в Правительство сводный перечень актов, подлежащих изменению, а Агентству по делам государственной службы — организовать обучение госслужащих новым нормам.",
                "«Новая Конституция меняет не только тексты законов, но и сам подход к работе государства. Каждый государственный служащий должен знать и применять ее нормы», — подчеркнул Глава Правительства.",
            ],
            "kz": [
                "Қазақстан Республикасының жаңа Конституциясы күшіне енген күні Үкімет Мемлекет басшысы Қасым-Жомарт Тоқаев қол қойған конституциялық заңдарды іске асыру жөніндегі жалпыұлттық жоспарды бекітті. Жоспар 214 іс-шараны, соның ішінде 38 заң жобасын әзірлеуді және 600-ден астам заңға тәуелді актіні сәйкестендіруді қамтиды.",
                "Премьер-Министр Олжас Бектенов атап өткендей, барлық мемлекеттік органдар белгіленген мерзімде өз нормативтік құқықтық актілерін қайта қарауы тиіс. Әкімшілік рәсімдерге және азаматтардың мемлекетпен қарым-қатынасындағы құқықтарын қорғауға ерекше назар аударылады.",
                "Әділет министрлігіне 1 қазанға дейін Үкіметке өзгертілуге жататын актілердің жиынтық тізбесін енгізу, ал Мемлекеттік қызмет істері агенттігіне мемлекеттік қызметшілерді жаңа нормаларға оқытуды ұйымдастыру тапсырылды.",
                "«Жаңа Конституция заң мәтіндерін ғана емес, мемлекеттің жұмыс тәсілін де өзгертеді. Әрбір мемлекеттік қызметші оның нормаларын білуі және қолдануы тиіс», — деп атап өтті Үкімет басшысы.",
            ],
            "en": [
                "On the day the new Constitution of the Republic of Kazakhstan entered into force, the Government approved a national plan to implement the constitutional laws signed by Head of State Kassym-Jomart Tokayev. The plan includes 214 measures, among them drafting 38 bills and bringing more than 600 secondary acts into line.",
                "As Prime Minister Olzhas Bektenov noted, all government bodies must review their regulations within the set deadlines. Special attention will be paid to administrative procedures and to protecting citizens' rights in their dealings with the state.",
                "The Ministry of Justice was instructed to submit to the Government, by 1 October, a consolidated list of acts to be amended, and the Civil Service Agency to organise training for civil servants in the new rules.",
                '"The new Constitution changes not only the texts of laws but the way the state works. Every civil servant must know and apply its provisions," the Head of Government stressed.',
            ],
        },
    },
    {
        "id": 31656,
        "category": None,
        "published": "2026-07-15T16:00:00+05:00",
        "origin": "written",
        "real_url": "ru",
        "slug": {
            "ru": "po-porucheniyu-prezidenta-dorogu-almaty-kaskelen-rasshiryat-do-vosmi-polos",
            "kz": "prezident-tapsyrmasy-boyynsha-almaty-kaskelen-zholy-segiz-zholakka-deyin-keneytiledi",
            "en": "on-the-presidents-instructions-the-almaty-kaskelen-road-will-be-widened-to-eight-lanes",
        },
        "title": {
            "ru": "По поручению Президента дорогу Алматы – Каскелен расширят до восьми полос",
            "kz": "Президент тапсырмасы бойынша Алматы – Қаскелең жолы сегіз жолаққа дейін кеңейтіледі",
            "en": "On the President's instructions, the Almaty – Kaskelen road will be widened to eight lanes",
        },
        "body": {
            "ru": [
                "Премьер-министр Олжас Бектенов провел совещание по реконструкции автомобильной дороги Алматы – Каскелен. По поручению Главы государства участок протяженностью 24 километра будет расширен с четырех до восьми полос движения, что позволит снизить заторы на одном из самых загруженных въездов в Алматы.",
                "Проектом предусмотрено строительство четырех транспортных развязок, двух надземных пешеходных переходов и освещения на всем протяжении трассы. Интенсивность движения на участке сегодня превышает 60 тысяч автомобилей в сутки при расчетной пропускной способности в 35 тысяч.",
                "Министерству транспорта и акиматам города Алматы и Алматинской области поручено завершить работы в 2027 году, организовав движение в период строительства без полного перекрытия трассы. Отдельно поставлена задача обеспечить качество асфальтобетона и гарантийные обязательства подрядчиков.",
                "По словам Премьер-министра, реконструкция дороги станет частью программы развития агломерации Алматы, в которую также входят новые маршруты общественного транспорта и парковки перехватывающего типа.",
            ],
            "kz": [
                "Премьер-Министр Олжас Бектенов Алматы – Қаскелең автомобиль жолын қайта жаңарту жөнінде кеңес өткізді. Мемлекет басшысының тапсырмасы бойынша ұзындығы 24 шақырым учаске қозғалыстың төрт жолағынан сегіз жолағына дейін кеңейтіледі, бұл Алматыға кіретін ең жүктелген жолдардың біріндегі кептелісті азайтуға мүмкіндік береді.",
                "Жобада төрт көлік айрығын, екі жерүсті жаяу жүргінші өткелін салу және трасса бойын түгел жарықтандыру көзделген. Бүгінде учаскедегі қозғалыс қарқындылығы тәулігіне 60 мың автомобильден асады, ал есептік өткізу қабілеті 35 мың автомобиль.",
                "Көлік министрлігіне, Алматы қаласы мен Алматы облысының әкімдіктеріне жұмысты 2027 жылы аяқтау, құрылыс кезінде трассаны толық жаппай қозғалысты ұйымдастыру тапсырылды. Асфальтбетонның сапасын және мердігерлердің кепілдік міндеттемелерін қамтамасыз ету міндеті жеке қойылды.",
                "Премьер-Министрдің айтуынша, жолды қайта жаңарту Алматы агломерациясын дамыту бағдарламасының бір бөлігі болады, оған қоғамдық көліктің жаңа бағыттары мен ұстап қалатын тұрақтар да кіреді.",
            ],
            "en": [
                "Prime Minister Olzhas Bektenov held a meeting on the reconstruction of the Almaty – Kaskelen road. On the instructions of the Head of State, the 24-kilometre section will be widened from four to eight lanes, easing congestion on one of the busiest routes into Almaty.",
                "The project includes four interchanges, two pedestrian overpasses and lighting along the entire road. Traffic on the section now exceeds 60 thousand vehicles a day, against a design capacity of 35 thousand.",
                "The Ministry of Transport and the akimats of Almaty city and Almaty region were instructed to complete the work in 2027 and to keep traffic moving during construction without closing the road entirely. A separate task is to ensure the quality of the asphalt and the contractors' warranty obligations.",
                "According to the Prime Minister, the road reconstruction will be part of the Almaty agglomeration development programme, which also includes new public transport routes and park-and-ride car parks.",
            ],
        },
    },
    {
        "id": 31773,
        "category": "asset_recovery",
        "published": "2026-08-04T14:20:00+05:00",
        "origin": "written",
        "slug": {
            "ru": "v-gosudarstvo-vozvrashcheny-aktivy-na-ssummu-bolee-900-mlrd-tenge",
            "kz": "memleketke-900-mlrd-tengeden-astam-aktiv-kaytaryldy",
            "en": "assets-worth-more-than-900-billion-tenge-returned-to-the-state",
        },
        "title": {
            "ru": "В государство возвращены активы на сумму более 900 млрд тенге",
            "kz": "Мемлекетке 900 млрд теңгеден астам актив қайтарылды",
            "en": "Assets worth more than 900 billion tenge returned to the state",
        },
        "body": {
            "ru": [
                "На заседании Межведомственной комиссии по возврату незаконно выведенных активов под председательством Премьер-министра Олжаса Бектенова подведены итоги работы за первое полугодие 2026 года. С начала работы комиссии государству возвращены активы на сумму более 900 млрд тенге.",
                "Генеральная прокуратура доложила, что в доход государства обращены 28 объектов недвижимости, доли в 14 предприятиях и денежные средства на зарубежных счетах. Часть средств направлена в Фонд для народа Казахстана на строительство школ, больниц и спортивных объектов.",
                "Премьер-министр поручил ускорить работу с иностранными юрисдикциями по запросам о правовой помощи и обеспечить эффективное управление возвращенными предприятиями, чтобы они продолжали работу и сохранили рабочие места.",
                "Информация о возвращенных активах и направлениях их использования будет публиковаться на открытых ресурсах Правительства в соответствии с поручением Главы государства об открытости этой работы.",
            ],
            "kz": [
                "Премьер-Министр Олжас Бектеновтің төрағалығымен өткен Заңсыз шығарылған активтерді қайтару жөніндегі ведомствоаралық комиссияның отырысында 2026 жылдың бірінші жартыжылдығындағы жұмыс қорытындысы шығарылды. Комиссия жұмысы басталғаннан бері мемлекетке 900 млрд теңгеден астам сомаға активтер қайтарылды.",
                "Бас прокуратура мемлекет кірісіне 28 жылжымайтын мүлік нысаны, 14 кәсіпорындағы үлес және шетелдік шоттардағы ақша қаражаты айналдырылғанын баяндады. Қаражаттың бір бөлігі мектептер, ауруханалар мен спорт нысандарын салу үшін «Қазақстан халқына» қорына бағытталды.",
                "Премьер-Министр құқықтық көмек туралы сұрау салулар бойынша шетелдік юрисдикциялармен жұмысты жеделдетуді және қайтарылған кәсіпорындар жұмысын жалғастырып, жұмыс орындарын сақтап қалуы үшін оларды тиімді басқаруды қамтамасыз етуді тапсырды.",
                "Қайтарылған активтер және оларды пайдалану бағыттары туралы ақпарат Мемлекет басшысының бұл жұмыстың ашықтығы туралы тапсырмасына сәйкес Үкіметтің ашық ресурстарында жарияланып отырады.",
            ],
            "en": [
                "A meeting of the Interagency Commission for the Return of Illegally Withdrawn Assets, chaired by Prime Minister Olzhas Bektenov, reviewed the results of the first half of 2026. Since the commission began its work, assets worth more than 900 billion tenge have been returned to the state.",
                "The Prosecutor General's Office reported that 28 real estate properties, stakes in 14 companies and funds held in foreign accounts have been turned over to the state. Part of the money has been transferred to the Fund for the People of Kazakhstan to build schools, hospitals and sports facilities.",
                "The Prime Minister instructed officials to speed up work with foreign jurisdictions on requests for legal assistance and to manage the returned companies effectively, so that they keep operating and retain jobs.",
                "Information on the returned assets and on how they are used will be published on the Government's open resources, in line with the Head of State's instruction that this work be transparent.",
            ],
        },
    },
]

# The old-id (pre-redesign) Kazakh release, adapted from the real kaz.zakon.kz retelling. Its real
# publication date is not known: the text places it in 2021 (the cable is due "by the end of 2021"
# and A. Mamin is Prime Minister); the mirror assumes 2021-05-21.
TRANS_CASPIAN = {
    "id": 301457,
    "category": None,
    "published": "2021-05-21T16:10:00+06:00",
    "origin": "zakon_kk_trans_caspian",
    "slug": {"kz": "a-mamin-aktauda-trans-caspian-fiber-optic-kurylysyn-bastau-rasimine-katysty"},
    "title": {"kz": "А. Мамин Ақтауда «Trans Caspian Fiber Optic» құрылысын бастау рәсіміне қатысты"},
    "body": {
        "kz": [
            'ҚР Премьер-Министрі Асқар Мамин және Әзербайжан Премьер-Министрі Әли Асадов Ақтау қаласында өткен Каспий теңізінің түбінде екі ел арасындағы байланыстың талшықты-оптикалық желісін салу бойынша "Trans Caspian Fiber Optic"-тің құрылысын бастаудағы салтанатты рәсімге қатысты.',
            'Жоба трансқұрлықтық бола отырып, Еуропа мен Азия арасындағы цифрлық телекоммуникациялық дәлізді құрады. Каспий теңізінің түбінде ұзындығы 380-400 шақырымға жуық болатын кабель тарту жұмыстарын "Транстелеком" АҚ, "KazTransCom" АҚ және "AzerTelecom" әзербайжан байланыс операторы жүзеге асырады. Талшықты-оптикалық байланыс желісі 2021 жылдың соңына қарай пайдалануға беріледі, ол кемінде 4-6 терабит/с сыйымдылықпен ақпараттарды жеткізуге мүмкіндік береді.',
            '"Әзербайжан – Қазақстанның стратегиялық серіктесі. ҚР Тұңғыш Президенті – Елбасы Нұрсұлтан Назарбаев, әзербайжан халқының жалпыұлттық көшбасшысы Гейдар Алиев және одан кейін АР Президенті Ильхам Алиев достық пен өзара тиімді ынтымақтастық қағидаларын орнатқан. Қазақстан Президенті Қасым-Жомарт Тоқаев Елбасының сыртқы саяси бағдарын жалғастыра отырып, Әзербайжанмен екіжақты қарым-қатынасты дамытып, тереңдетуге ерекше көңіл бөледі", — деді А. Мамин.',
            'Қазақстан Үкіметінің басшысы "Trans Caspian Fiber Optic" бірлескен жобасы деректерді берудің жылдамдығы жоғары және қорғалған инфрақұрылымын дамытудың жоғары деңгейіне шығуға, жетекші Еуропа-Азия магистралды бағыттарының қатарына кіруге және әлемдік деректер транзитінде лайықты орын алуға мүмкіндік беретінін атап өтті.',
            "А. Мамин және Ә. Асадов екі елдің сауда-экономикалық, инвестициялық, көлік-логистикалық, ауыл шаруашылығы, ғарыш және мәдени-гуманитарлық салалардағы ынтымақтастығының жай-күйі мен перспективаларын талқылады.",
            'Маңғыстау облысына жұмыс сапары аясында Премьер-Министр А. Мамин метанол және олефин өндіретін зауыт құрылысы жүргізілетін жерге капсула салу рәсіміне қатысты. Жобаны сингапурлық "WestGasOil" компаниясы жүзеге асырады, инвестициялар көлемі – 1,8 млрд доллар. Зауыттың қуаттылығы – жылына 300 мың тонна метанол мен 600 мың тонна олефин. Құрылыс кезеңінде 4000 жұмыс орны құрылады, 2023 жылы пайдалануға берілген соң кәсіпорын персоналы 650 адамды құрайтын болады.',
            'Үкімет басшысы "Aktau Resort Hotel" көпфункционалды қонақ үй-туристік кешеннің салыну барысымен, сондай-ақ "ҚазАзот", "Mangystau Oil Refining" кәсіпорындарының және "Maga-Bread" нан-тоқаш зауытының жұмысымен танысты.',
            "Асқар Мамин Әбіш Кекілбаев атындағы мәдени орталыққа барып, Қазақстанның халық жазушысының музейі мен мемориалын аралады.",
        ]
    },
}
