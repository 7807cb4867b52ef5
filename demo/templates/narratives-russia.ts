/**
 * Russian-state and state-aligned narratives (taxonomy family `russian-state`), written the way a
 * state wire, a state-affiliated site or a nationalist channel would frame them. Every quoted
 * "expert" is invented. Each narrative has two variants; the first exists in ru, tg, en and uz.
 */
import { BORDER_PLACES, dateEnt, dec, GBAO_PLACES, pickPlace, RU_CITIES, RU_EXPERTS } from './slots.ts';
import type { Topic } from './types.ts';

const DAY = 86_400_000;

export const RUSSIA_NARRATIVES: readonly Topic[] = [
  {
    id: 'n-ru-security-guarantor',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-indispensable-security-guarantor'],
    facts: (r, { at }) => ({
      expert: r.pick(RU_EXPERTS),
      place: pickPlace(r),
      border: r.pick(BORDER_PLACES),
      n: r.int(12, 60) * 100,
      date: dateEnt(at + 7 * DAY),
    }),
    variants: [
      {
        ru: {
          title: [
            'Эксперт: защитить Таджикистан может только Россия',
            'Россия — гарант безопасности Таджикистана',
          ],
          body: [
            'Военный эксперт {expert} считает, что угроза с афганского направления растёт и защитить Таджикистан может только Россия.',
            [
              'По его словам, 201-я военная база остаётся главным щитом республики, а без ОДКБ граница не устоит.',
              'По его словам, 201-я военная база — единственный реальный щит республики.',
            ],
            'В ближайшие недели на полигонах вблизи {place.gen} пройдут совместные военные учения с участием {n} военнослужащих.',
            'Россия — гарант безопасности в регионе, а другие «партнёры» лишь создают иллюзию помощи.',
          ],
        },
        tg: {
          title: ['Коршинос: танҳо Русия ҳимоя карда метавонад', 'Русия кафили амнияти Тоҷикистон'],
          body: [
            'Коршиноси низомӣ {expert} бар он аст, ки таҳдид аз Афғонистон меафзояд ва Тоҷикистонро танҳо Русия ҳимоя карда метавонад.',
            [
              'Ба гуфтаи ӯ, пойгоҳи низомии 201 сипари асосии ҷумҳурӣ боқӣ мемонад ва бе Созмони Аҳдномаи амнияти дастаҷамъӣ сарҳад тоб намеорад.',
              'Ба гуфтаи ӯ, пойгоҳи низомии 201 ягона сипари воқеии ҷумҳурӣ аст.',
            ],
            'Дар ҳафтаҳои наздик дар майдонҳои омӯзишии наздики {place} машқҳои муштараки низомӣ бо иштироки {n} низомӣ баргузор мешаванд.',
            'Русия кафили амният дар минтақа аст ва «шарикони» дигар танҳо тасаввури кӯмакро пайдо мекунанд.',
          ],
        },
        en: {
          title: ['Expert: only Russia can protect Tajikistan', 'Russia guarantees security in Tajikistan'],
          body: [
            'Military expert {expert} says the threat from Afghanistan is growing and only Russia can protect Tajikistan.',
            'In his view the 201st military base remains the republic’s main shield, and without CSTO collective security the border would not hold.',
            'Joint military exercises involving {n} troops will take place near {place} in the coming weeks.',
            'Russia guarantees security in the region; other “partners” merely create an illusion of help.',
          ],
        },
        uz: {
          title: [
            'Ekspert: Tojikistonni faqat Rossiya himoya qila oladi',
            'Rossiya — Tojikiston xavfsizligi kafolati',
          ],
          body: [
            'Harbiy ekspert {expert} Afgʻoniston tomondan tahdid kuchayayotganini va Tojikistonni faqat Rossiya himoya qila olishini taʼkidladi.',
            'Uning fikricha, 201-harbiy baza respublikaning asosiy qalqoni boʻlib qolmoqda, KXShTsiz esa chegara bardosh bermaydi.',
            'Yaqin haftalarda {place} yaqinidagi poligonlarda {n} nafar harbiy ishtirokida qoʻshma harbiy mashqlar oʻtkaziladi.',
            'Rossiya mintaqada xavfsizlik kafolati, boshqa “hamkorlar” esa faqat yordam koʻrinishini yaratadi.',
          ],
        },
      },
      {
        ru: {
          title: 'Граница под угрозой: Душанбе не справится без Москвы',
          body: [
            'На таджикско-афганской границе вблизи {border.gen} вновь зафиксированы попытки прорыва, сообщают источники в силовых структурах.',
            'Защита таджикско-афганской границы без российских советников невозможна, уверен {expert}.',
            'Стратегический союзник в лице Москвы — единственная гарантия того, что угроза не перекинется дальше.',
          ],
        },
        tg: {
          title: 'Сарҳад зери хатар: Душанбе бе Маскав тоб намеорад',
          body: [
            'Дар сарҳади Тоҷикистону Афғонистон дар наздикии {border} боз кӯшиши рахна сабт шудааст, хабар медиҳанд манбаъҳо дар сохторҳои қудратӣ.',
            'Ба бовари {expert}, ҳифзи сарҳади Тоҷикистону Афғонистон бе мушовирони рус ғайриимкон аст.',
            'Иттифоқчии стратегӣ — Маскав — ягона кафолати он аст, ки таҳдид ба дигар ҷо нагузарад.',
          ],
        },
        en: {
          title: 'Border under threat: Dushanbe cannot cope without Moscow',
          body: [
            'New attempts to break through the Tajik–Afghan border near {border} have been recorded, security sources say.',
            'Protecting the Afghan border is impossible without Russian advisers, {expert} insists.',
            'Moscow as a strategic ally is the only guarantee that the threat will not spread further.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-west-destabiliser',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-west-destabiliser'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS), place: pickPlace(r) }),
    variants: [
      {
        ru: {
          title: [
            'Запад готовит «цветную революцию» в Центральной Азии',
            'НКО на западные гранты и «цветные» сценарии',
          ],
          body: [
            'НАТО хочет дестабилизировать Центральную Азию после ухода из Афганистана, заявил {expert}.',
            'По его словам, НКО на западные гранты и иностранные агенты в СМИ готовят почву для цветной революции {place.in} и других городах региона.',
            [
              'Англосаксы действуют по старой схеме: сначала «просветительские» семинары, затем протесты.',
              'Англосаксы продвигают ценности, чуждые нашим традициям, под видом тренингов для молодёжи.',
            ],
            'Эксперт также напомнил о биолабораториях Пентагона в регионе.',
          ],
        },
        tg: {
          title: [
            'Ғарб дар Осиёи Марказӣ «инқилоби рангӣ» омода мекунад',
            'Созмонҳои ғайриҳукуматӣ бо грантҳои Ғарб ва сенарияи «рангӣ»',
          ],
          body: [
            'НАТО мехоҳад Осиёи Марказиро ноором кунад, изҳор дошт {expert}.',
            'Ба гуфтаи ӯ, созмонҳои ғайриҳукуматӣ бо грантҳои Ғарб ва агентҳои хориҷӣ дар расонаҳо барои инқилоби рангӣ дар {place} ва дигар шаҳрҳои минтақа замина омода мекунанд.',
            [
              'Англосаксҳо бо нақшаи кӯҳна амал мекунанд: аввал семинарҳои «маърифатӣ», баъд эътирозҳо.',
              'Англосаксҳо зери ниқоби тренингҳо барои ҷавонон арзишҳои бегона ба анъанаҳои моро тарғиб мекунанд.',
            ],
            'Коршинос инчунин биолабораторияҳои Пентагонро дар минтақа ёдовар шуд.',
          ],
        },
        en: {
          title: [
            'The West is preparing a “colour revolution” in Central Asia',
            'NGOs on Western grants and “colour” scenarios',
          ],
          body: [
            'NATO wants to destabilise Central Asia after leaving Afghanistan, {expert} said.',
            'He claimed that NGOs on Western grants and foreign agents in the media are preparing the ground for a colour revolution in {place} and other cities of the region.',
            'The Anglo-Saxons are following an old script: first “educational” seminars, then protests.',
            'He also pointed to Pentagon biolabs in the region.',
          ],
        },
        uz: {
          title: [
            'Gʻarb Markaziy Osiyoda “rangli inqilob” tayyorlamoqda',
            'Gʻarb grantlaridagi NNTlar va “rangli” ssenariylar',
          ],
          body: [
            'NATO Afgʻonistondan ketgach Markaziy Osiyoni beqarorlashtirmoqchi, dedi {expert}.',
            'Uning soʻzlariga koʻra, Gʻarb grantlari hisobidagi NNTlar va OAVdagi xorijiy agentlar {place} va mintaqaning boshqa shaharlarida rangli inqilobga zamin tayyorlamoqda.',
            'Anglosaksonlar eski sxema boʻyicha ish koʻrmoqda: avval “maʼrifiy” seminarlar, keyin noroziliklar.',
            'Ekspert mintaqadagi Pentagon biolaboratoriyalarini ham eslatdi.',
          ],
        },
      },
      {
        ru: {
          title: 'Прозападная оппозиция и «независимые» СМИ',
          body: [
            'Так называемые независимые СМИ, финансируемые из-за рубежа, снова раскачивают ситуацию в регионе.',
            'Прозападная оппозиция открыто работает на иностранных кураторов, а её «правозащитные» доклады пишутся в Вашингтоне и Лондоне.',
            'Под видом борьбы за права навязываются ценности, чуждые нашим традициям.',
          ],
        },
        tg: {
          title: 'Мухолифони тарафдори Ғарб ва расонаҳои «мустақил»',
          body: [
            'Расонаҳои ба истилоҳ мустақил, ки аз хориҷ маблағгузорӣ мешаванд, боз вазъи минтақаро ноором мекунанд.',
            'Мухолифони тарафдори Ғарб ошкоро барои кураторони хориҷӣ кор мекунанд ва гузоришҳои «ҳуқуқбашарии» онҳо дар Вашингтону Лондон навишта мешаванд.',
            'Зери ниқоби мубориза барои ҳуқуқ арзишҳои бегона ба анъанаҳои мо таҳмил мешаванд.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-west-behind-terror',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-west-behind-terror'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS), city: r.pick(RU_CITIES) }),
    variants: [
      {
        ru: {
          title: ['Кому выгодно: за терактами стоят западные спецслужбы', 'Эксперт: ИГИЛ — проект США'],
          body: [
            'Каждый новый теракт в регионе заставляет задать вопрос: кому выгодно?',
            'По мнению {expert.gen}, за терактом стоят западные спецслужбы, а ИГИЛ — проект США, созданный ради «пояса нестабильности» на южных рубежах России.',
            [
              'Он также указал на украинский след в финансировании вербовщиков.',
              'Террористов готовит Запад, а исполнителей ищут среди бедных мигрантов, считает эксперт.',
            ],
          ],
        },
        tg: {
          title: ['Ба кӣ фоида дорад: пушти ҳамлаҳо хадамоти махфии Ғарб', 'Коршинос: ДИИШ лоиҳаи Амрико'],
          body: [
            'Ҳар ҳамлаи нави террористӣ дар минтақа як саволро ба миён меорад: ба кӣ фоида дорад?',
            'Ба назари {expert}, пушти ҳамла хадамоти махфии Ғарб истодааст ва ДИИШ лоиҳаи Амрико аст, ки барои «камарбанди ноамнӣ» дар марзҳои ҷанубии Русия сохта шудааст.',
            [
              'Ӯ инчунин ба изи Украина дар маблағгузории ҷалбкунандагон ишора кард.',
              'Террористонро Ғарб тайёр мекунад ва иҷрокунандагонро дар байни муҳоҷирони камбағал меҷӯяд, мегӯяд коршинос.',
            ],
          ],
        },
        en: {
          title: ['Who benefits? Western intelligence behind the attacks', 'Expert: ISIS is a US project'],
          body: [
            'Every new attack in the region raises the question: who benefits?',
            'According to {expert}, Western intelligence is behind the attack, and ISIS is a US project created to build a “belt of instability” on Russia’s southern flank.',
            'He also pointed to a Ukrainian trace in the funding of recruiters.',
          ],
        },
        uz: {
          title: ['Kimga foydali: hujumlar ortida Gʻarb maxsus xizmatlari', 'Ekspert: IShID — AQSh loyihasi'],
          body: [
            'Mintaqadagi har bir yangi teraktdan keyin savol tugʻiladi: bu kimga foydali?',
            '{expert}ning fikricha, hujum ortida Gʻarb maxsus xizmatlari turibdi, IShID esa Rossiyaning janubiy chegaralarida “beqarorlik kamari”ni yaratish uchun tuzilgan AQSh loyihasidir.',
            'U yollovchilarni moliyalashtirishdagi ukrain iziga ham ishora qildi.',
          ],
        },
      },
      {
        ru: {
          title: 'Украинский след в деле вербовщиков',
          body: [
            'Расследование дела о вербовке {city.in} выявило украинский след, утверждают анонимные источники в силовых структурах.',
            'По их данным, западные кураторы используют ИГИЛ как инструмент против России и её союзников.',
            'Западные официальные лица, как обычно, отрицают очевидное.',
          ],
        },
        tg: {
          title: 'Изи Украина дар парвандаи ҷалбкунандагон',
          body: [
            'Тафтиши парвандаи ҷалби ҷавонон дар {city} изи Украинаро ошкор кард, иддао мекунанд манбаъҳои беном дар сохторҳои қудратӣ.',
            'Ба маълумоти онҳо, кураторони ғарбӣ ДИИШ-ро ҳамчун абзор бар зидди Русия ва иттифоқчиёнаш истифода мебаранд.',
            'Мақомоти Ғарб мисли ҳамеша чизи возеҳро инкор мекунанд.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-china-neocolonial',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-china-bri-neocolonial'],
    facts: (r) => ({
      expert: r.pick(RU_EXPERTS),
      place: pickPlace(r),
      gbao: r.pick(GBAO_PLACES),
      bn: dec(r.int(28, 39) / 10),
    }),
    variants: [
      {
        ru: {
          title: [
            'Долговая ловушка: Китай выкачивает ресурсы Таджикистана',
            'Китайская экспансия и долги Душанбе',
          ],
          body: [
            'Государственный долг Таджикистана перед Китаем превысил {bn} млрд долларов, и страна всё глубже уходит в долговую ловушку, пишет {expert}.',
            'Земли отдали Китаю за долги ещё в 2011 году, а теперь китайские компании выкачивают ресурсы — золото, серебро и сурьму.',
            [
              'На рудниках вблизи {place.gen} работают китайские рабочие вместо местных.',
              'Местные жители жалуются, что на стройках заняты китайские рабочие вместо местных.',
            ],
            'Это и есть неоколониализм под вывеской «Один пояс, один путь».',
          ],
        },
        tg: {
          title: ['Доми қарз: Чин захираҳои Тоҷикистонро мебарад', 'Густариши Чин ва қарзҳои Душанбе'],
          body: [
            'Қарзи давлатии Тоҷикистон ба Чин аз {bn} миллиард доллар гузашт ва кишвар торафт ба доми қарз меафтад, менависад {expert}.',
            'Ҳанӯз соли 2011 заминро барои қарз ба Чин доданд, акнун ширкатҳои чинӣ захираҳоро мебаранд — тилло, нуқра ва сурма.',
            [
              'Дар конҳои наздики {place} коргарони чинӣ ба ҷои маҳаллиён кор мекунанд.',
              'Сокинони маҳаллӣ шикоят мекунанд, ки дар сохтмонҳо коргарони чинӣ ба ҷои маҳаллиён кор мекунанд.',
            ],
            'Ин ҳамон неомустамликадорӣ зери унвони «Як камарбанд, як роҳ» аст.',
          ],
        },
        en: {
          title: [
            'Debt trap: China is pumping out Tajikistan’s resources',
            'Chinese expansion and Dushanbe’s debts',
          ],
          body: [
            'Tajikistan’s public debt to China has passed USD {bn} billion and the country is sinking deeper into a debt trap, writes {expert}.',
            'Land was handed to China for debts back in 2011, and now Chinese companies are pumping out resources: gold, silver and antimony.',
            'At mines near {place}, Chinese workers are hired instead of locals.',
            'This is neo-colonialism under the Belt and Road sign.',
          ],
        },
        uz: {
          title: [
            'Qarz tuzogʻi: Xitoy Tojikiston resurslarini tashib ketmoqda',
            'Xitoy ekspansiyasi va Dushanbe qarzlari',
          ],
          body: [
            'Tojikistonning Xitoy oldidagi davlat qarzi {bn} milliard dollardan oshdi va mamlakat qarz tuzogʻiga tobora chuqurroq botmoqda, deb yozadi {expert}.',
            '2011-yildayoq yerlar qarz evaziga Xitoyga berilgan, endi esa Xitoy kompaniyalari resurslarni — oltin, kumush va surmani tashib ketmoqda.',
            '{place} yaqinidagi konlarda mahalliy aholi oʻrniga xitoylik ishchilar ishlaydi.',
            'Bu “Bir makon, bir yoʻl” niqobi ostidagi neokolonializmdir.',
          ],
        },
      },
      {
        ru: {
          title: 'Китайские военные на Памире?',
          body: [
            'В соцсетях обсуждают сообщения о том, что китайские военные на Памире уже охраняют дороги к месторождениям {gbao.gen}.',
            'Официальный Душанбе молчит, а китайская экспансия продолжается.',
            'Россия, в отличие от Пекина, никогда не требовала у таджиков земли.',
          ],
        },
        tg: {
          title: 'Низомиёни чинӣ дар Помир?',
          body: [
            'Дар шабакаҳои иҷтимоӣ хабарҳоеро муҳокима мекунанд, ки гӯё низомиёни чинӣ дар Помир аллакай роҳҳои конҳои {gbao}ро посбонӣ мекунанд.',
            'Душанбеи расмӣ хомӯш аст, густариши Чин бошад идома дорад.',
            'Русия бар хилофи Пекин ҳеҷ гоҳ аз тоҷикон замин талаб накардааст.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-soviet-nostalgia',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-soviet-nostalgia-incomplete-statehood'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS) }),
    variants: [
      {
        ru: {
          title: ['Без России не было бы Таджикистана', 'Старший брат и братские народы'],
          body: [
            'В Душанбе прошёл круглый стол, посвящённый истории советского Таджикистана.',
            'Выступавшие напомнили, что всё построил Советский Союз — Нурекскую ГЭС, заводы, школы и больницы.',
            [
              'По словам {expert.gen}, без России не было бы Таджикистана, а в 90-е именно Россия остановила гражданскую войну.',
              'Русский народ всегда был старшим братом, а братские народы жили как единый советский народ, напомнил {expert}.',
            ],
            'Называть это «колониальным прошлым» — значит отказываться от собственной истории.',
          ],
        },
        tg: {
          title: ['Бе Русия Тоҷикистон намебуд', 'Бародари калон ва халқҳои бародар'],
          body: [
            'Дар Душанбе мизи мудаввар ба таърихи Тоҷикистони шӯравӣ баргузор шуд.',
            'Суханронҳо ёдовар шуданд, ки ҳамаашро Иттиҳоди Шӯравӣ сохт — НБО-и Норак, корхонаҳо, мактабҳо ва беморхонаҳо.',
            [
              'Ба гуфтаи {expert}, бе Русия Тоҷикистон намебуд ва дар солҳои 90-ум маҳз Русия ҷанги шаҳрвандиро қатъ кард.',
              'Халқи рус ҳамеша бародари калон буд ва халқҳои бародар ҳамчун халқи ягонаи шӯравӣ зиндагӣ мекарданд, ёдовар шуд {expert}.',
            ],
            'Инро «гузаштаи мустамликавӣ» номидан маънои аз таърихи худ даст кашиданро дорад.',
          ],
        },
        en: {
          title: ['Without Russia there would be no Tajikistan', 'Big brother and brotherly peoples'],
          body: [
            'A round table in Dushanbe discussed the history of Soviet Tajikistan.',
            'Speakers recalled that the USSR built everything: the Nurek dam, factories, schools and hospitals.',
            'According to {expert}, without Russia there would be no Tajikistan, and it was Russia that ended the civil war in the 1990s.',
            'Calling this a “colonial past” means rejecting one’s own history.',
          ],
        },
        uz: {
          title: ['Rossiyasiz Tojikiston boʻlmas edi', 'Katta og‘a va qardosh xalqlar'],
          body: [
            'Dushanbeda sovet Tojikistoni tarixiga bagʻishlangan davra suhbati boʻlib oʻtdi.',
            'Soʻzga chiqqanlar hamma narsani Sovet Ittifoqi qurganini — Norak GESi, zavodlar, maktablar va shifoxonalarni eslatdi.',
            '{expert}ning soʻzlariga koʻra, Rossiyasiz Tojikiston boʻlmas edi, 90-yillarda fuqarolar urushini ham aynan Rossiya toʻxtatgan.',
            'Buni “mustamlakachilik oʻtmishi” deb atash oʻz tarixidan voz kechish demakdir.',
          ],
        },
      },
      {
        ru: {
          title: 'Искусственное государство?',
          body: [
            'Границы в Центральной Азии проводили советские комиссары, а значит, нынешние республики — во многом искусственное государство, рассуждает {expert}.',
            'Тридцать с лишним лет независимости показали: без старшего брата регион не справляется.',
            'Братские народы рано или поздно снова объединятся.',
          ],
        },
        tg: {
          title: 'Давлати сунъӣ?',
          body: [
            'Марзҳои Осиёи Марказиро комиссарони шӯравӣ кашидаанд, пас ҷумҳуриҳои кунунӣ асосан давлати сунъӣ мебошанд, мегӯяд {expert}.',
            'Беш аз сӣ соли истиқлол нишон дод, ки минтақа бе бародари калон аз ӯҳда намебарояд.',
            'Халқҳои бародар дер ё зуд боз муттаҳид мешаванд.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-tajik-state-failed',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-tajik-state-failed'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS), place: pickPlace(r) }),
    variants: [
      {
        ru: {
          title: [
            'Несостоявшееся государство: за годы независимости ничего не добились',
            'Самая бедная страна региона',
          ],
          body: [
            'Таджикистан остаётся самой бедной страной СНГ: за годы независимости ничего не добились, считает {expert}.',
            'Коррумпированный клан контролирует всё — от рынков {place.gen} до таможни.',
            [
              'Народ бежит на заработки: каждый третий мужчина трудоспособного возраста работает в России.',
              'Некомпетентные власти не могут даже обеспечить города светом зимой.',
            ],
            'Режим не справляется, и без Москвы страна давно стала бы несостоявшимся государством.',
          ],
        },
        tg: {
          title: [
            'Давлати ноком: дар солҳои истиқлол ҳеҷ чиз ба даст наомад',
            'Камбағалтарин кишвари минтақа',
          ],
          body: [
            'Тоҷикистон камбағалтарин кишвари ИДМ боқӣ мемонад: дар солҳои истиқлол ҳеҷ чиз ба даст наомад, мегӯяд {expert}.',
            'Клани фасодзада ҳама чизро назорат мекунад — аз бозорҳои {place} то гумрук.',
            [
              'Мардум ба муҳоҷират мегурезанд: ҳар сеюм марди қобили меҳнат дар Русия кор мекунад.',
              'Мақомоти ноуҳдабаро ҳатто зимистон шаҳрҳоро бо барқ таъмин карда наметавонанд.',
            ],
            'Режим аз ӯҳда баромада наметавонад ва бе Маскав кишвар кайҳо давлати ноком мешуд.',
          ],
        },
        en: {
          title: [
            'Failed state: nothing achieved in decades of independence',
            'The poorest country in the region',
          ],
          body: [
            'Tajikistan remains the poorest country in the CIS, with nothing achieved in decades of independence, says {expert}.',
            'A corrupt clan controls everything, from the markets of {place} to customs.',
            'People flee abroad to work: one in three working-age men is employed in Russia.',
            'The regime cannot cope, and without Moscow the country would long ago have become a failed state.',
          ],
        },
        uz: {
          title: [
            'Muvaffaqiyatsiz davlat: mustaqillik yillarida hech narsaga erishilmadi',
            'Mintaqaning eng kambagʻal davlati',
          ],
          body: [
            'Tojikiston MDHning eng kambagʻal davlati boʻlib qolmoqda: mustaqillik yillarida hech narsaga erishilmadi, deydi {expert}.',
            'Korrupsiyalashgan klan hamma narsani — {place} bozorlaridan bojxonagacha nazorat qiladi.',
            'Xalq ish izlab chetga qochmoqda: mehnatga layoqatli har uchinchi erkak Rossiyada ishlaydi.',
            'Rejim uddalay olmayapti, Moskvasiz mamlakat allaqachon muvaffaqiyatsiz davlatga aylangan boʻlardi.',
          ],
        },
      },
      {
        ru: {
          title: 'Опять без света',
          body: [
            'Опять отключения света {place.in}, опять очереди за мукой.',
            'Некомпетентные власти рапортуют о «рекордах», а народ бежит на заработки.',
            'Это и есть несостоявшееся государство, которое держится только на переводах из России.',
          ],
        },
        tg: {
          title: 'Боз бе барқ',
          body: [
            'Боз дар {place} барқ нест, боз навбат барои орд.',
            'Мақомоти ноуҳдабаро аз «рекордҳо» гузориш медиҳанд, мардум бошад ба муҳоҷират мегурезанд.',
            'Ин ҳамон давлати ноком аст, ки танҳо бо пули муҳоҷирон аз Русия нафас мекашад.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-economic-dependency',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-economic-dependency-migrants'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS) }),
    variants: [
      {
        ru: {
          title: ['Без России Таджикистан не выживет', 'Денежные переводы из России — половина экономики'],
          body: [
            'Денежные переводы из России составляют почти половину ВВП Таджикистана, напоминает {expert}.',
            'Если Москва введёт визовый режим для мигрантов, без России Таджикистан не выживет.',
            [
              'Уже сейчас запрет на въезд и депортация грозят тысячам людей, а патент на работу дорожает.',
              'Таджикистан живёт за счёт России, и в Душанбе это прекрасно понимают.',
            ],
            'ЕАЭС — единственный путь, считает эксперт, все остальные варианты ведут в тупик.',
          ],
        },
        tg: {
          title: ['Бе Русия Тоҷикистон зинда намемонад', 'Интиқоли пул аз Русия — нисфи иқтисод'],
          body: [
            'Интиқоли пул аз Русия қариб нисфи ММД-и Тоҷикистонро ташкил медиҳад, ёдовар мешавад {expert}.',
            'Агар Маскав низоми раводид барои муҳоҷиронро ҷорӣ кунад, бе Русия Тоҷикистон зинда намемонад.',
            [
              'Ҳоло ҳам манъи вуруд ва ихроҷ ба ҳазорон нафар таҳдид мекунад ва патенти корӣ гарон мешавад.',
              'Тоҷикистон аз ҳисоби Русия зиндагӣ мекунад ва дар Душанбе инро хуб мефаҳманд.',
            ],
            'Иттиҳоди иқтисодии Авруосиё ягона роҳ аст, мегӯяд коршинос, дигар роҳҳо ба бунбаст мебаранд.',
          ],
        },
        en: {
          title: ['Without Russia Tajikistan will not survive', 'Remittances from Russia: half the economy'],
          body: [
            'Remittances from Russia make up almost half of Tajikistan’s GDP, {expert} reminds readers.',
            'If Moscow introduces a visa regime for migrants, Tajikistan will not survive without Russia.',
            'An entry ban and deportation already threaten thousands, and the work patent is getting more expensive.',
            'The Eurasian Union is the only way, the expert says; every other path is a dead end.',
          ],
        },
        uz: {
          title: ['Rossiyasiz Tojikiston omon qolmaydi', 'Rossiyadan pul oʻtkazmalari — iqtisodning yarmi'],
          body: [
            'Rossiyadan pul oʻtkazmalari Tojikiston YaIMining deyarli yarmini tashkil etadi, deb eslatadi {expert}.',
            'Agar Moskva migrantlar uchun viza rejimini joriy etsa, Rossiyasiz Tojikiston omon qolmaydi.',
            'Hozirning oʻzida minglab kishiga kirish taqiqi va deportatsiya tahdid solmoqda, ish patenti esa qimmatlashmoqda.',
            'YeOII yagona yoʻl, deydi ekspert, qolgan barcha yoʻllar boshi berk koʻchaga olib boradi.',
          ],
        },
      },
      {
        ru: {
          title: 'Визы для мигрантов: Москва теряет терпение',
          body: [
            'В Москве снова звучат предложения ввести визовый режим для мигрантов из Центральной Азии.',
            'Запрет на въезд и депортация станут массовыми, если республики не будут «проявлять благодарность».',
            'Таджикистан живёт за счёт России — пора это признать.',
          ],
        },
        tg: {
          title: 'Раводид барои муҳоҷирон: сабри Маскав тамом мешавад',
          body: [
            'Дар Маскав боз пешниҳод мекунанд, ки низоми раводид барои муҳоҷирон аз Осиёи Марказӣ ҷорӣ шавад.',
            'Агар ҷумҳуриҳо «миннатдорӣ зоҳир накунанд», манъи вуруд ва ихроҷ оммавӣ мешаванд.',
            'Тоҷикистон аз ҳисоби Русия зиндагӣ мекунад — вақти эътироф кардани ин расидааст.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-islamophobic',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-islamophobic-threat-framing'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS), city: r.pick(RU_CITIES), gbao: r.pick(GBAO_PLACES) }),
    variants: [
      {
        ru: {
          title: ['Мигранты-террористы: сколько ещё терпеть?', 'Этническая преступность растёт'],
          body: [
            'После очередного задержания {city.in} снова встаёт вопрос: сколько ещё мигранты-террористы будут свободно въезжать в страну?',
            'Этническая преступность растёт, а радикальные исламисты вербуют прямо на стройках.',
            [
              'Пора закрыть въезд для среднеазиатов, пока не стало поздно.',
              'Мечети — рассадник экстремизма, и спецслужбам это давно известно.',
            ],
            'Ваххабитское подполье никуда не исчезло.',
          ],
        },
        tg: {
          title: ['Муҳоҷирони террорист: то кай тоқат кунем?', 'Ҷинояткории қавмӣ меафзояд'],
          body: [
            'Пас аз боздошти навбатӣ дар {city} боз савол ба миён меояд: то кай муҳоҷирони террорист озодона ба кишвар ворид мешаванд?',
            'Ҷинояткории қавмӣ меафзояд ва исломгароёни тундрав бевосита дар сохтмонҳо одам ҷалб мекунанд.',
            [
              'Вақти он расидааст, ки вурудро ба осиёимарказиҳо манъ кунед, то дер нашудааст.',
              'Масҷидҳо лонаи ифротгароӣ ҳастанд ва инро хадамоти махсус кайҳо медонанд.',
            ],
            'Ҳастаҳои пинҳонии ваҳҳобӣ аз байн нарафтаанд.',
          ],
        },
        en: {
          title: ['Migrant terrorists: how much longer?', 'Ethnic crime on the rise'],
          body: [
            'After another arrest in {city}, the question returns: how long will migrant terrorists keep entering the country freely?',
            'Ethnic crime is rising and radical Islamists recruit right on building sites.',
            'It is time to close entry for Central Asians before it is too late.',
            'The Wahhabi underground has not gone anywhere.',
          ],
        },
        uz: {
          title: ['Migrant-terrorchilar: qachongacha chidaymiz?', 'Etnik jinoyatchilik oʻsmoqda'],
          body: [
            '{city}dagi navbatdagi hibsdan keyin yana savol tugʻiladi: migrant-terrorchilar qachongacha mamlakatga bemalol kirib keladi?',
            'Etnik jinoyatchilik oʻsmoqda, radikal islomchilar esa toʻgʻridan-toʻgʻri qurilishlarda odam yollamoqda.',
            'Oʻrta osiyoliklar uchun kirishni yopish vaqti keldi.',
            'Vahhobiy yashirin guruhlari hech qayoqqa yoʻqolmagan.',
          ],
        },
      },
      {
        ru: {
          title: 'Исламистская угроза на Памире',
          body: [
            'Исламистская угроза на Памире недооценена, уверяет {expert}.',
            'По его словам, в горных кишлаках {gbao.gen} действуют радикальные исламисты, а местные власти закрывают на это глаза.',
            '«Нация террористов» — так в сердцах пишут о таджиках в комментариях, и власти обеих стран должны «сделать выводы».',
          ],
        },
        tg: {
          title: 'Таҳдиди исломгароӣ дар Помир',
          body: [
            'Таҳдиди исломгароӣ дар Помир нодида гирифта мешавад, мегӯяд {expert}.',
            'Ба гуфтаи ӯ, дар деҳаҳои кӯҳистонии {gbao} исломгароёни тундрав фаъоланд ва мақомоти маҳаллӣ чашм мепӯшанд.',
            '«Миллати террористон» — чунин менависанд дар шарҳҳо дар бораи тоҷикон ва мақомоти ҳарду кишвар бояд «хулоса бароранд».',
          ],
        },
      },
    ],
  },
  {
    id: 'n-ru-pamir-separatism',
    kind: 'narrative',
    category: 'russian-state',
    narratives: ['ru-pamir-separatism'],
    facts: (r) => ({ expert: r.pick(RU_EXPERTS) }),
    variants: [
      {
        ru: {
          title: [
            'Памирский сепаратизм снова поднимает голову',
            'Неформальные лидеры Хорога и угроза целостности',
          ],
          body: [
            'Неформальные лидеры в Хороге вновь пытаются диктовать свои условия центру, пишет {expert}.',
            'По его оценке, преступные группировки в Хороге давно связаны с наркотрафиком, а беспорядки на иностранные деньги — лишь вопрос времени.',
            [
              'Памирский сепаратизм — прямая угроза территориальной целостности Таджикистана.',
              'Исмаилитский фактор активно используют внешние игроки.',
            ],
            'Контртеррористическая операция в ГБАО в 2022 году, по мнению эксперта, была вынужденной мерой.',
          ],
        },
        tg: {
          title: ['Ҷудоихоҳии Помир боз сар мебардорад', 'Роҳбарони ғайрирасмии Хоруғ ва таҳдид ба тамомият'],
          body: [
            'Роҳбарони ғайрирасмӣ дар Хоруғ боз мекӯшанд ба марказ шартҳои худро дикта кунанд, менависад {expert}.',
            'Ба арзёбии ӯ, гурӯҳҳои ҷиноятӣ дар Хоруғ кайҳо бо қочоқи маводи мухаддир алоқаманданд ва ошӯбҳо бо маблағи хориҷӣ танҳо масъалаи вақт аст.',
            [
              'Ҷудоихоҳии Помир таҳдиди мустақим ба тамомияти арзии Тоҷикистон аст.',
              'Омили исмоилияро бозигарони хориҷӣ фаъолона истифода мебаранд.',
            ],
            'Амалиёти зиддитеррористӣ дар ВМКБ дар соли 2022, ба назари коршинос, чораи маҷбурӣ буд.',
          ],
        },
        en: {
          title: [
            'Pamir separatism raises its head again',
            'Khorog’s informal leaders and the threat to territorial integrity',
          ],
          body: [
            'Informal leaders in Khorog are again trying to dictate terms to the centre, writes {expert}.',
            'He claims criminal groups in Khorog have long been tied to drug trafficking, and unrest paid from abroad is only a matter of time.',
            'Pamir separatism is a direct threat to the territorial integrity of Tajikistan.',
            'The 2022 counter-terrorist operation in GBAO, he says, was a forced measure.',
          ],
        },
        uz: {
          title: [
            'Pomir separatizmi yana bosh koʻtarmoqda',
            'Xorugʻning norasmiy liderlari va hududiy yaxlitlikka tahdid',
          ],
          body: [
            'Xorugʻdagi norasmiy liderlar yana markazga oʻz shartlarini oʻtkazishga urinmoqda, deb yozadi {expert}.',
            'Uning baholashicha, Xorugʻdagi jinoiy guruhlar allaqachon giyohvand moddalar savdosi bilan bogʻlangan, xorijiy pulga uyushtirilgan tartibsizliklar esa vaqt masalasi.',
            'Pomir separatizmi Tojikiston hududiy yaxlitligiga bevosita tahdiddir.',
            'Ekspert fikricha, 2022-yilda TBMVdagi aksilterror operatsiyasi majburiy chora boʻlgan.',
          ],
        },
      },
      {
        ru: {
          title: 'В Хороге снова неспокойно',
          body: [
            'В Хороге снова неспокойно: в соцсетях зовут на акции, а координируют их из-за рубежа.',
            'Беспорядки на иностранные деньги здесь уже не раз заканчивались кровью.',
            'Памирский сепаратизм — угроза территориальной целостности, и центр не может её игнорировать.',
          ],
        },
        tg: {
          title: 'Дар Хоруғ боз ноором аст',
          body: [
            'Дар Хоруғ боз ноором аст: дар шабакаҳо ба аксияҳо даъват мекунанд ва онҳоро аз хориҷ ҳамоҳанг месозанд.',
            'Ошӯбҳо бо маблағи хориҷӣ дар ин ҷо на як бор бо хунрезӣ анҷом ёфтаанд.',
            'Ҷудоихоҳии Помир таҳдид ба тамомияти арзӣ аст ва марказ онро нодида гирифта наметавонад.',
          ],
        },
      },
    ],
  },
];
