/**
 * Ordinary news: the bulk of the corpus, none of it manipulative. Weather, sport, prices, roads,
 * culture, health, education, Mehrgon and Navruz, hydropower, the cotton harvest, remittances,
 * transport, trade and small earthquakes. Every topic is written in tg, ru, en and uz; a few in fa.
 */
import {
  CLUBS,
  dateEnt,
  dec,
  enPlural,
  PLACES,
  pickPlace,
  RU_CITIES,
  ruPlural,
  ruVerb,
  TJ_MEN,
  TJ_PEOPLE,
} from './slots.ts';
import type { Topic } from './types.ts';

const DAY = 86_400_000;

export const NEWS_TOPICS: readonly Topic[] = [
  {
    id: 'weather',
    kind: 'news',
    category: 'weather',
    facts: (r, { at }) => {
      const t = r.int(6, 22);
      return { place: pickPlace(r), t, tn: t - r.int(8, 14), date: dateEnt(at + DAY) };
    },
    variants: [
      {
        tg: {
          title: ['Дар {place} ҳаво сард мешавад', 'Пешгӯии ҳаво: борон ва хунукӣ'],
          body: [
            'Ба гуфтаи Агентии обуҳавошиносӣ, аз {date} дар {place} рӯзона ҳарорат то {t} дараҷа мерасад, шабона то {tn} дараҷа мефарояд.',
            ['Дар минтақаҳои кӯҳӣ борон ва барф пешбинӣ мешавад.', 'Дар ағбаҳо борону барф меборад.'],
            'Аз ронандагон хоҳиш карда мешавад, ки дар ағбаҳои Шаҳристон ва Анзоб эҳтиёт бошанд.',
          ],
        },
        ru: {
          title: ['{place.in} похолодает', 'Прогноз погоды: дожди и похолодание'],
          body: [
            'По данным Агентства по гидрометеорологии, с {date} {place.in} днём воздух прогреется до {t} градусов, ночью температура опустится до {tn}.',
            ['В горных районах ожидаются дожди и снег.', 'На перевалах пройдут дожди со снегом.'],
            'Водителей просят соблюдать осторожность на перевалах Шахристан и Анзоб.',
          ],
        },
        en: {
          title: ['Cold snap expected in {place}', 'Weather: rain and cooler days ahead'],
          body: [
            'From {date}, daytime temperatures in {place} will reach {t}°C and fall to {tn}°C at night, the hydrometeorology agency said.',
            [
              'Rain and snow are expected in mountain districts.',
              'Rain and snow are forecast on the high passes.',
            ],
            'Drivers are urged to take care on the Shahriston and Anzob passes.',
          ],
        },
        uz: {
          title: ['{place}da havo sovuydi', 'Ob-havo: yomgʻir va salqin kunlar'],
          body: [
            'Gidrometeorologiya agentligi maʼlumotiga koʻra, {date}dan {place}da kunduzi havo {t} darajagacha isiydi, kechasi {tn} darajagacha pasayadi.',
            ['Togʻli hududlarda yomgʻir va qor kutilmoqda.', 'Dovonlarda yomgʻir va qor yogʻadi.'],
            'Haydovchilardan Shahriston va Anzob dovonlarida ehtiyot boʻlish soʻraladi.',
          ],
        },
        fa: {
          title: 'هوای {place} سرد می‌شود',
          body: [
            'به گفتهٔ آژانس هواشناسی، از {date} دمای هوا در {place} در روز به {t} درجه می‌رسد و شب‌ها تا {tn} درجه پایین می‌آید.',
            'در مناطق کوهستانی باران و برف پیش‌بینی شده است.',
          ],
        },
      },
      {
        tg: {
          title: 'Тирамоҳи гарм дар {place} идома дорад',
          body: [
            'Ҳарорати ҳаво дар {place} то {t} дараҷа мерасад.',
            'Боришот пешбинӣ намешавад, вале шабҳо хунуктар мешаванд.',
            [
              'Деҳқонон аз ин фурсат барои ҷамъоварии ҳосил истифода мебаранд.',
              'Мутахассисон тавсия медиҳанд, ки шабона ниҳолҳои ҷавонро пӯшонанд.',
            ],
          ],
        },
        ru: {
          title: 'Тёплая осень {place.in} продолжается',
          body: [
            'Воздух {place.in} прогреется до {t} градусов.',
            'Осадков не ожидается, но ночи станут холоднее.',
            [
              'Дехкане пользуются погодой, чтобы завершить сбор урожая.',
              'Специалисты советуют на ночь укрывать молодые саженцы.',
            ],
          ],
        },
        en: {
          title: 'Warm autumn continues in {place}',
          body: [
            'Temperatures in {place} will reach {t}°C.',
            'No rain is expected, though nights are getting colder.',
            [
              'Farmers are using the dry spell to finish the harvest.',
              'Specialists advise covering young seedlings at night.',
            ],
          ],
        },
        uz: {
          title: '{place}da iliq kuz davom etmoqda',
          body: [
            '{place}da havo harorati {t} darajagacha koʻtariladi.',
            'Yogʻingarchilik kutilmayapti, ammo tunlar sovuqlashmoqda.',
            [
              'Dehqonlar bu fursatdan hosilni yigʻib olish uchun foydalanmoqda.',
              'Mutaxassislar kechasi yosh koʻchatlarni yopib qoʻyishni maslahat beradi.',
            ],
          ],
        },
        fa: {
          title: 'پاییز گرم در {place} ادامه دارد',
          body: ['دمای هوا در {place} به {t} درجه می‌رسد.', 'بارندگی پیش‌بینی نمی‌شود، اما شب‌ها سردتر می‌شوند.'],
        },
      },
    ],
  },
  {
    id: 'sport-football',
    kind: 'news',
    category: 'sport',
    facts: (r) => {
      const [c1, c2] = r.sample(CLUBS, 2);
      const g1 = r.int(1, 4);
      return {
        club1: c1!,
        club2: c2!,
        g1,
        g2: r.int(0, g1 - 1),
        round: r.int(8, 22),
        place: pickPlace(r),
        fans: r.int(12, 95) * 100,
      };
    },
    variants: [
      {
        tg: {
          title: '{club1} {club2}-ро бо ҳисоби {g1}:{g2} мағлуб кард',
          body: [
            'Дар даври {round}-уми Лигаи олии футболи Тоҷикистон {club1} дар майдони худ {club2}-ро бо ҳисоби {g1}:{g2} шикаст дод.',
            'Бозиро дар варзишгоҳи шаҳри {place} {fans} нафар тамошо карданд.',
            [
              'Сармураббии даста гуфт, ки бозингарон имрӯз ҳамчун як даста бозӣ карданд.',
              'Бо ин ғалаба {club1} ба се ҷои аввали ҷадвал наздик шуд.',
            ],
          ],
        },
        ru: {
          title: '{club1} обыграл {club2} со счётом {g1}:{g2}',
          body: [
            'В {round}-м туре Высшей лиги Таджикистана по футболу {club1} на своём поле победил {club2} — {g1}:{g2}.',
            'Матч на стадионе {place.gen} посмотрели {fans} зрителей.',
            [
              'Главный тренер отметил, что игроки сегодня действовали как единая команда.',
              'Победа приблизила {club1} к тройке лидеров.',
            ],
          ],
        },
        en: {
          title: '{club1} beat {club2} {g1}-{g2}',
          body: [
            '{club1} beat {club2} {g1}-{g2} at home in round {round} of the Tajik Higher League.',
            '{fans} spectators watched the match at the stadium in {place}.',
            [
              'The head coach said the players had played as one team.',
              'The win lifts {club1} closer to the top three.',
            ],
          ],
        },
        uz: {
          title: '{club1} {club2}ni {g1}:{g2} hisobida magʻlub etdi',
          body: [
            'Tojikiston futbol oliy ligasining {round}-turida {club1} oʻz maydonida {club2}ni {g1}:{g2} hisobida yengdi.',
            '{place}dagi stadionda oʻyinni {fans} nafar tomoshabin kuzatdi.',
            [
              'Bosh murabbiy futbolchilar bugun yagona jamoa boʻlib oʻynaganini aytdi.',
              'Bu gʻalaba {club1}ni kuchli uchlikka yaqinlashtirdi.',
            ],
          ],
        },
      },
    ],
  },
  {
    id: 'sport-judo',
    kind: 'news',
    category: 'sport',
    facts: (r, { at }) => {
      const medals = r.int(3, 9);
      const gold = r.int(1, 2);
      return {
        medals,
        gold,
        medalsRu: { ru: ruPlural(medals, 'медаль', 'медали', 'медалей') },
        goldRu: { ru: ruPlural(gold, 'золотую', 'золотые', 'золотых') },
        goldEn: { en: enPlural(gold, 'gold', 'golds') },
        kg: r.pick([60, 66, 73, 81, 90, 100]),
        athlete: r.pick(TJ_MEN),
        date: dateEnt(at + r.int(1, 3) * DAY),
      };
    },
    variants: [
      {
        tg: {
          title: [
            'Ҷудочиёни тоҷик {medals} медал ба даст оварданд',
            'Дастаи мунтахаби Тоҷикистон дар чемпионати Осиё',
          ],
          body: [
            'Дастаи мунтахаби Тоҷикистон дар чемпионати Осиё оид ба ҷудо {medals} медал, аз ҷумла {gold} медали тилло ба даст овард.',
            'Дар вазни то {kg} кило {athlete} ғолиб шуд.',
            'Варзишгарон {date} ба Душанбе бармегарданд.',
          ],
        },
        ru: {
          title: [
            'Таджикские дзюдоисты завоевали {medals} {medalsRu}',
            'Сборная Таджикистана на чемпионате Азии',
          ],
          body: [
            'Сборная Таджикистана на чемпионате Азии по дзюдо завоевала {medals} {medalsRu}, в том числе {gold} {goldRu}.',
            'В весовой категории до {kg} кг победил {athlete}.',
            'Спортсмены вернутся в Душанбе {date}.',
          ],
        },
        en: {
          title: ['Tajik judoka win {medals} medals in Asia', 'Tajikistan at the Asian judo championship'],
          body: [
            'Tajikistan won {medals} medals, including {gold} {goldEn}, at the Asian judo championship.',
            '{athlete} won the under-{kg} kg category.',
            'The team returns to Dushanbe on {date}.',
          ],
        },
        uz: {
          title: [
            'Tojik dzyudochilari {medals} ta medal qoʻlga kiritdi',
            'Tojikiston terma jamoasi Osiyo chempionatida',
          ],
          body: [
            'Tojikiston terma jamoasi dzyudo boʻyicha Osiyo chempionatida {medals} ta medal, jumladan {gold} ta oltin medalni qoʻlga kiritdi.',
            '{kg} kilogrammgacha vazn toifasida {athlete} gʻolib boʻldi.',
            'Sportchilar {date} kuni Dushanbega qaytadi.',
          ],
        },
      },
    ],
  },
  {
    id: 'prices',
    kind: 'news',
    category: 'prices',
    facts: (r) => ({
      place: pickPlace(r),
      flour: r.int(290, 360),
      potato: dec(r.int(30, 55) / 10),
      onion: dec(r.int(18, 40) / 10),
      meat: r.int(68, 92),
      pct: r.int(3, 12),
    }),
    variants: [
      {
        tg: {
          title: ['Нархҳо дар бозорҳои {place}', 'Нархи орд ва гӯшт боло рафт'],
          body: [
            'Дар бозорҳои {place} як халта орди 50-килоӣ {flour} сомонӣ арзиш дорад.',
            'Як кило картошка {potato}, пиёз {onion} ва гӯшти гов {meat} сомонӣ фурӯхта мешавад.',
            [
              'Ба гуфтаи фурӯшандагон, дар як ҳафта нархи гӯшт {pct} дарсад қимат шуд.',
              'Харидорон мегӯянд, ки нархҳо пеш аз зимистон ҳамеша баланд мешаванд.',
            ],
          ],
        },
        ru: {
          title: ['Цены на рынках {place.gen}', 'Мука и мясо подорожали'],
          body: [
            'На рынках {place.gen} 50-килограммовый мешок муки стоит {flour} сомони.',
            'Килограмм картофеля продают за {potato}, лука — за {onion}, говядины — за {meat} сомони.',
            [
              'По словам продавцов, за неделю мясо подорожало на {pct}%.',
              'Покупатели говорят, что перед зимой цены всегда растут.',
            ],
          ],
        },
        en: {
          title: ['Market prices in {place}', 'Flour and meat prices rise'],
          body: [
            'A 50 kg sack of flour costs {flour} somoni at markets in {place}.',
            'Potatoes sell for {potato} somoni a kilo, onions for {onion} and beef for {meat}.',
            [
              'Traders say meat has risen {pct}% in a week.',
              'Shoppers say prices always climb before winter.',
            ],
          ],
        },
        uz: {
          title: ['{place} bozorlaridagi narxlar', 'Un va goʻsht narxi oshdi'],
          body: [
            '{place} bozorlarida 50 kilogrammlik bir qop un {flour} somoniy turadi.',
            'Bir kilogramm kartoshka {potato}, piyoz {onion}, mol goʻshti {meat} somoniydan sotilmoqda.',
            [
              'Sotuvchilarga koʻra, bir hafta ichida goʻsht {pct} foizga qimmatlagan.',
              'Xaridorlar qish oldidan narxlar doim oshishini aytadi.',
            ],
          ],
        },
        fa: {
          title: 'قیمت‌ها در بازارهای {place}',
          body: [
            'در بازارهای {place} یک خلته آرد ۵۰ کیلویی {flour} سامانی قیمت دارد.',
            'یک کیلو گوشت گاو {meat} سامانی فروخته می‌شود.',
          ],
        },
      },
    ],
  },
  {
    id: 'roads',
    kind: 'news',
    category: 'roads',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      km: r.int(6, 48),
      days: r.int(3, 20),
      date: dateEnt(at + r.int(2, 10) * DAY),
      mln: r.int(4, 60),
    }),
    variants: [
      {
        tg: {
          title: ['Таъмири роҳ дар {place} оғоз шуд', 'Роҳи {place} таъмир мешавад'],
          body: [
            'Дар ноҳияи {place} таъмири {km} километр роҳи мошингард оғоз ёфт.',
            'Корҳо то {date} идома меёбанд ва барои онҳо {mln} миллион сомонӣ ҷудо шудааст.',
            [
              'Ронандагон метавонанд аз роҳи алтернативӣ истифода баранд.',
              'Мақомот аз сокинон барои нороҳатии муваққатӣ узр пурсиданд.',
            ],
          ],
        },
        ru: {
          title: ['{place.in} начался ремонт дороги', 'Дорогу {place.gen} отремонтируют'],
          body: [
            '{place.in} начался ремонт {km} км автомобильной дороги.',
            'Работы продлятся до {date}, на них выделено {mln} млн сомони.',
            [
              'Водители могут воспользоваться объездной дорогой.',
              'Власти извинились перед жителями за временные неудобства.',
            ],
          ],
        },
        en: {
          title: ['Road repairs begin in {place}', '{place} road to be repaired'],
          body: [
            'Repairs to a {km} km stretch of road have started in {place}.',
            'Work will continue until {date} and {mln} million somoni has been allocated.',
            ['Drivers can use a detour.', 'Officials apologised to residents for the temporary disruption.'],
          ],
        },
        uz: {
          title: ['{place}da yoʻl taʼmiri boshlandi', '{place} yoʻli taʼmirlanadi'],
          body: [
            '{place}da {km} kilometrlik avtomobil yoʻlini taʼmirlash boshlandi.',
            'Ishlar {date}gacha davom etadi, buning uchun {mln} million somoniy ajratilgan.',
            [
              'Haydovchilar aylanma yoʻldan foydalanishlari mumkin.',
              'Rasmiylar aholidan vaqtinchalik noqulayliklar uchun uzr soʻradi.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Нақби Анзоб муваққатан баста мешавад',
          body: [
            'Бо сабаби корҳои таъмирӣ нақби Анзоб {date} аз соати 9 то 17 баста мешавад.',
            'Вазорати нақлиёт аз ронандагон хоҳиш кард, ки сафарҳояшонро пешакӣ ба нақша гиранд.',
          ],
        },
        ru: {
          title: 'Тоннель Анзоб временно закроют',
          body: [
            'Из-за ремонтных работ тоннель Анзоб {date} будет закрыт с 9 до 17 часов.',
            'Министерство транспорта просит водителей заранее планировать поездки.',
          ],
        },
        en: {
          title: 'Anzob tunnel to close temporarily',
          body: [
            'The Anzob tunnel will close from 9:00 to 17:00 on {date} for repairs.',
            'The transport ministry asked drivers to plan their journeys in advance.',
          ],
        },
        uz: {
          title: 'Anzob tunneli vaqtincha yopiladi',
          body: [
            'Taʼmirlash ishlari sababli Anzob tunneli {date} kuni soat 9 dan 17 gacha yopiladi.',
            'Transport vazirligi haydovchilardan safarlarini oldindan rejalashtirishni soʻradi.',
          ],
        },
      },
    ],
  },
  {
    id: 'culture',
    kind: 'news',
    category: 'culture',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      date: dateEnt(at + r.int(1, 9) * DAY),
      n: r.int(12, 40),
      author: r.pick(TJ_PEOPLE),
    }),
    variants: [
      {
        tg: {
          title: ['Шаби шеър дар {place}', 'Дар {place} шаби ашъори Рӯдакӣ баргузор мешавад'],
          body: [
            '{date} дар Қасри фарҳанги шаҳри {place} шаби шеъри устод Рӯдакӣ баргузор мегардад.',
            'Дар барнома {n} шоири ҷавон ва ҳунармандони мардумӣ ширкат мекунанд.',
            'Даромад ройгон аст.',
          ],
        },
        ru: {
          title: ['Вечер поэзии {place.in}', '{place.in} пройдёт вечер поэзии Рудаки'],
          body: [
            '{date} во Дворце культуры {place.gen} пройдёт вечер поэзии Рудаки.',
            'В программе — {n} молодых поэтов и народные исполнители.',
            'Вход свободный.',
          ],
        },
        en: {
          title: ['Poetry night in {place}', 'Rudaki poetry evening in {place}'],
          body: [
            'A Rudaki poetry evening will be held at the Palace of Culture in {place} on {date}.',
            '{n} young poets and folk musicians will take part.',
            'Entry is free.',
          ],
        },
        uz: {
          title: ['{place}da sheʼriyat kechasi', '{place}da Rudakiy sheʼriyat kechasi'],
          body: [
            '{date} kuni {place} Madaniyat saroyida Rudakiy sheʼriyati kechasi boʻlib oʻtadi.',
            'Dasturda {n} nafar yosh shoir va xalq ijrochilari ishtirok etadi.',
            'Kirish bepul.',
          ],
        },
        fa: {
          title: 'شب شعر رودکی در {place}',
          body: [
            '{date} در کاخ فرهنگ شهر {place} شب شعر استاد رودکی برگزار می‌شود.',
            'در این برنامه {n} شاعر جوان شرکت می‌کنند.',
          ],
        },
      },
      {
        tg: {
          title: 'Намоиши нав дар театри {place}',
          body: [
            'Театри мусиқӣ-драмавии шаҳри {place} намоиши наверо бар асоси ҳикояҳои Садриддин Айнӣ пешкаш кард.',
            'Коргардони намоиш {author} мегӯяд, ки дар саҳна {n} ҳунарпешаи ҷавон бозӣ мекунанд.',
          ],
        },
        ru: {
          title: 'Премьера в театре {place.gen}',
          body: [
            'Музыкально-драматический театр {place.gen} представил новый спектакль по рассказам Садриддина Айни.',
            'Режиссёр постановки {author} говорит, что на сцене играют {n} молодых актёров.',
          ],
        },
        en: {
          title: 'Premiere at the {place} theatre',
          body: [
            'The music and drama theatre in {place} has staged a new play based on stories by Sadriddin Aini.',
            'Director {author} says {n} young actors appear on stage.',
          ],
        },
        uz: {
          title: '{place} teatrida premyera',
          body: [
            '{place} musiqali drama teatri Sadriddin Ayniy hikoyalari asosida yangi spektakl taqdim etdi.',
            'Rejissyor {author}ning aytishicha, sahnada {n} nafar yosh aktyor oʻynaydi.',
          ],
        },
      },
    ],
  },
  {
    id: 'health',
    kind: 'news',
    category: 'health',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      n: r.int(8, 60) * 1000,
      beds: r.int(40, 250),
      date: dateEnt(at + r.int(1, 14) * DAY),
      doctor: r.pick(TJ_PEOPLE),
    }),
    variants: [
      {
        tg: {
          title: ['Эмкунӣ зидди зуком оғоз шуд', 'Дар {place} эмкунӣ идома дорад'],
          body: [
            'Дар {place} маъракаи эмкунӣ зидди зуком оғоз ёфт ва то {date} {n} нафар эм карда мешаванд.',
            'Пеш аз ҳама кӯдакон, пиронсолон ва занони ҳомила эм мешаванд.',
            [
              'Эмкунӣ дар марказҳои саломатӣ ройгон аст.',
              'Духтур {doctor} ба сокинон маслиҳат дод, ки аз эмкунӣ саркашӣ накунанд.',
            ],
          ],
        },
        ru: {
          title: ['Началась вакцинация от гриппа', '{place.in} продолжается вакцинация'],
          body: [
            '{place.in} стартовала кампания вакцинации от гриппа: до {date} прививку получат {n} человек.',
            'В первую очередь прививают детей, пожилых людей и беременных женщин.',
            [
              'Вакцинация в центрах здоровья бесплатная.',
              'Врач {doctor} призывает жителей не отказываться от прививки.',
            ],
          ],
        },
        en: {
          title: ['Flu vaccination campaign begins', 'Vaccination continues in {place}'],
          body: [
            'A flu vaccination campaign has begun in {place}; {n} people will be vaccinated by {date}.',
            'Children, older people and pregnant women come first.',
            [
              'Vaccination at health centres is free.',
              'Doctor {doctor} urged residents not to skip the jab.',
            ],
          ],
        },
        uz: {
          title: ['Grippga qarshi emlash boshlandi', '{place}da emlash davom etmoqda'],
          body: [
            '{place}da grippga qarshi emlash kampaniyasi boshlandi: {date}gacha {n} kishi emlanadi.',
            'Avvalo bolalar, keksalar va homilador ayollar emlanadi.',
            [
              'Salomatlik markazlarida emlash bepul.',
              'Shifokor {doctor} aholini emlashdan bosh tortmaslikka chaqirdi.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Беморхонаи нав дар {place} ба истифода дода шуд',
          body: [
            'Дар {place} беморхонаи нави {beds} катза ба истифода дода шуд.',
            'Беморхона бо таҷҳизоти муосири ташхис таъмин гардидааст.',
          ],
        },
        ru: {
          title: '{place.in} открылась новая больница',
          body: [
            '{place.in} открыли новую больницу на {beds} коек.',
            'Больница оснащена современным диагностическим оборудованием.',
          ],
        },
        en: {
          title: 'New hospital opens in {place}',
          body: [
            'A new {beds}-bed hospital has opened in {place}.',
            'It is equipped with modern diagnostic equipment.',
          ],
        },
        uz: {
          title: '{place}da yangi kasalxona ochildi',
          body: [
            '{place}da {beds} oʻrinli yangi kasalxona foydalanishga topshirildi.',
            'Kasalxona zamonaviy diagnostika uskunalari bilan jihozlangan.',
          ],
        },
      },
    ],
  },
  {
    id: 'education',
    kind: 'news',
    category: 'education',
    facts: (r) => ({
      place: pickPlace(r),
      seats: r.int(12, 64) * 20,
      n: r.int(5, 24),
      teacher: r.pick(TJ_PEOPLE),
    }),
    variants: [
      {
        tg: {
          title: ['Мактаби нав дар {place} кушода шуд', 'Дар {place} мактаби {seats}-ҷоя сохта шуд'],
          body: [
            'Дар {place} мактаби нави {seats}-ҷоя ба истифода дода шуд.',
            'Дар бино синфхонаҳои компютерӣ, китобхона ва толори варзишӣ мавҷуданд.',
            [
              'Директори мактаб {teacher} гуфт, ки акнун хонандагон дар як баст таҳсил мекунанд.',
              'Падару модарон аз сохтмони мактаб изҳори қаноатмандӣ карданд.',
            ],
          ],
        },
        ru: {
          title: ['{place.in} открылась новая школа', '{place.in} построили школу на {seats} мест'],
          body: [
            '{place.in} открылась новая школа на {seats} мест.',
            'В здании есть компьютерные классы, библиотека и спортивный зал.',
            [
              'Директор школы {teacher} говорит, что теперь ученики будут учиться в одну смену.',
              'Родители довольны строительством школы.',
            ],
          ],
        },
        en: {
          title: ['New school opens in {place}', '{seats}-place school built in {place}'],
          body: [
            'A new school for {seats} pupils has opened in {place}.',
            'It has computer classrooms, a library and a sports hall.',
            [
              'Head teacher {teacher} says pupils will now study in a single shift.',
              'Parents welcomed the new building.',
            ],
          ],
        },
        uz: {
          title: ['{place}da yangi maktab ochildi', '{place}da {seats} oʻrinli maktab qurildi'],
          body: [
            '{place}da {seats} oʻrinli yangi maktab foydalanishga topshirildi.',
            'Binoda kompyuter sinflari, kutubxona va sport zali bor.',
            [
              'Maktab direktori {teacher} endi oʻquvchilar bir smenada oʻqishini aytdi.',
              'Ota-onalar maktab qurilishidan mamnun.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Хонандагони тоҷик дар олимпиадаи байналмилалӣ',
          body: [
            'Хонандагони Тоҷикистон дар олимпиадаи байналмилалии математика {n} медал гирифтанд.',
            'Онҳоро омӯзгор {teacher} аз {place} омода кардааст.',
          ],
        },
        ru: {
          title: 'Таджикские школьники на международной олимпиаде',
          body: [
            'Школьники из Таджикистана завоевали {n} наград на международной олимпиаде по математике.',
            'Их готовил педагог из {place.gen} {teacher}.',
          ],
        },
        en: {
          title: 'Tajik pupils at an international olympiad',
          body: [
            'Pupils from Tajikistan won {n} awards at an international mathematics olympiad.',
            'They were coached by {teacher}, a teacher from {place}.',
          ],
        },
        uz: {
          title: 'Tojik oʻquvchilari xalqaro olimpiadada',
          body: [
            'Tojikistonlik oʻquvchilar matematika boʻyicha xalqaro olimpiadada {n} ta mukofot oldi.',
            'Ularni {place}lik oʻqituvchi {teacher} tayyorlagan.',
          ],
        },
      },
    ],
  },
  {
    id: 'festival',
    kind: 'news',
    category: 'navruz',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      date: dateEnt(at + r.int(1, 6) * DAY),
      n: r.int(30, 120),
      tonnes: r.int(20, 90),
    }),
    variants: [
      {
        tg: {
          title: ['Ҷашни Меҳргон дар {place}', 'Дар {place} ярмаркаи Меҳргон баргузор шуд'],
          body: [
            'Дар {place} ба ифтихори ҷашни Меҳргон ярмаркаи маҳсулоти кишоварзӣ баргузор шуд.',
            'Беш аз {n} хоҷагии деҳқонӣ меваю сабзавот ва асал пешкаш карданд.',
            ['Ҳунармандон сӯзанидӯзӣ ва кулолӣ намоиш доданд.', 'Барномаи консертӣ то бегоҳ идома ёфт.'],
          ],
        },
        ru: {
          title: ['Праздник Мехргон {place.in}', '{place.in} прошла ярмарка Мехргон'],
          body: [
            '{place.in} в честь праздника урожая Мехргон прошла сельскохозяйственная ярмарка.',
            'Более {n} дехканских хозяйств представили фрукты, овощи и мёд.',
            ['Ремесленники показали сюзане и керамику.', 'Концертная программа продолжалась до вечера.'],
          ],
        },
        en: {
          title: ['Mehrgon harvest festival in {place}', 'Mehrgon fair held in {place}'],
          body: [
            'An agricultural fair marked the Mehrgon harvest festival in {place}.',
            'More than {n} farms showed fruit, vegetables and honey.',
            ['Craftspeople displayed suzani embroidery and pottery.', 'A concert went on into the evening.'],
          ],
        },
        uz: {
          title: ['{place}da Mehrgon bayrami', '{place}da Mehrgon yarmarkasi boʻlib oʻtdi'],
          body: [
            '{place}da Mehrgon hosil bayrami munosabati bilan qishloq xoʻjaligi yarmarkasi boʻlib oʻtdi.',
            '{n} dan ortiq dehqon xoʻjaligi meva, sabzavot va asal taqdim etdi.',
            [
              'Hunarmandlar soʻzana va kulolchilik namunalarini koʻrsatdi.',
              'Konsert dasturi kechgacha davom etdi.',
            ],
          ],
        },
        fa: {
          title: 'جشن مهرگان در {place}',
          body: [
            'در {place} به مناسبت جشن مهرگان نمایشگاه محصولات کشاورزی برگزار شد.',
            'بیش از {n} خوجگی دهقانی میوه و عسل عرضه کردند.',
          ],
        },
      },
      {
        tg: {
          title: 'Омодагӣ ба Наврӯз оғоз ёфт',
          body: [
            'Дар ҷаласаи кумитаи ташкилӣ нақшаи чорабиниҳои Наврӯзи соли 2027 баррасӣ шуд.',
            'Дар {place} {n} ниҳоли нав шинонда мешавад ва майдони ҷашн таъмир мегардад.',
          ],
        },
        ru: {
          title: 'Начата подготовка к Наврузу',
          body: [
            'На заседании оргкомитета обсудили план мероприятий к Навруз-2027.',
            '{place.in} высадят {n} новых деревьев и отремонтируют праздничную площадь.',
          ],
        },
        en: {
          title: 'Preparations for Navruz begin',
          body: [
            'An organising committee discussed plans for Navruz 2027.',
            '{n} trees will be planted in {place} and the festival square repaired.',
          ],
        },
        uz: {
          title: 'Navroʻzga tayyorgarlik boshlandi',
          body: [
            'Tashkiliy qoʻmita yigʻilishida 2027-yilgi Navroʻz tadbirlari rejasi koʻrib chiqildi.',
            '{place}da {n} ta yangi koʻchat ekiladi va bayram maydoni taʼmirlanadi.',
          ],
        },
        fa: {
          title: 'آمادگی برای نوروز آغاز شد',
          body: ['در جلسهٔ کمیتهٔ تدارکات برنامهٔ نوروز ۲۰۲۷ بررسی شد.', 'در {place} {n} نهال نو کاشته می‌شود.'],
        },
      },
    ],
  },
  {
    id: 'hydropower',
    kind: 'news',
    category: 'hydropower',
    facts: (r) => ({
      bn: dec(r.int(150, 240) / 10),
      pct: r.int(2, 9),
      hours: r.int(4, 10),
      mw: r.int(3, 6) * 100,
      place: pickPlace(r),
    }),
    variants: [
      {
        tg: {
          title: ['Истеҳсоли барқ {pct} дарсад афзуд', 'Нерӯгоҳҳои барқи обӣ: натиҷаҳои нӯҳмоҳа'],
          body: [
            'Дар нӯҳ моҳи соли ҷорӣ нерӯгоҳҳои барқи обии кишвар {bn} миллиард киловатт-соат барқ истеҳсол карданд, ки {pct} дарсад зиёд аст.',
            'Агрегати нави Роғун бо иқтидори {mw} мегаватт ба шабака пайваст шуд.',
            [
              'Ширкати «Барқи Тоҷик» мегӯяд, ки зимистон маҳдудиятҳо камтар мешаванд.',
              'Мутахассисон аз сокинон даъват мекунанд, ки барқро сарфа кунанд.',
            ],
          ],
        },
        ru: {
          title: ['Выработка электроэнергии выросла на {pct}%', 'ГЭС: итоги девяти месяцев'],
          body: [
            'За девять месяцев ГЭС страны выработали {bn} млрд кВт·ч электроэнергии, на {pct}% больше, чем годом ранее.',
            'Новый агрегат Рогунской ГЭС мощностью {mw} МВт подключён к сети.',
            [
              'В «Барки Точик» говорят, что зимой ограничений будет меньше.',
              'Специалисты призывают жителей экономить электроэнергию.',
            ],
          ],
        },
        en: {
          title: ['Power output up {pct}%', 'Hydropower: nine-month results'],
          body: [
            'Tajikistan’s hydropower plants generated {bn} billion kWh in nine months, {pct}% more than a year earlier.',
            'A new {mw} MW unit at Rogun has been connected to the grid.',
            [
              'Barqi Tojik says winter power limits will be shorter this year.',
              'Specialists urge households to save electricity.',
            ],
          ],
        },
        uz: {
          title: ['Elektr energiyasi ishlab chiqarish {pct} foizga oshdi', 'GESlar: toʻqqiz oy natijalari'],
          body: [
            'Toʻqqiz oyda mamlakat GESlari {bn} milliard kVt·soat elektr energiyasi ishlab chiqardi, bu {pct} foizga koʻp.',
            'Rogʻun GESning {mw} MVt quvvatli yangi agregati tarmoqqa ulandi.',
            [
              '“Barqi Tojik” qishda cheklovlar kamroq boʻlishini aytmoqda.',
              'Mutaxassislar aholini elektr energiyasini tejashga chaqirmoqda.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Ҷадвали маҳдудияти барқ дар {place}',
          body: [
            'Аз ҳафтаи оянда дар {place} барқ шабонарӯз {hours} соат қатъ мешавад.',
            'Ҷадвали муфассал дар сомонаи ширкат нашр шудааст.',
          ],
        },
        ru: {
          title: 'График ограничения электроэнергии {place.in}',
          body: [
            'Со следующей недели {place.in} электричество будут отключать на {hours} часов в сутки.',
            'Подробный график опубликован на сайте компании.',
          ],
        },
        en: {
          title: 'Power rationing schedule for {place}',
          body: [
            'From next week electricity in {place} will be cut for {hours} hours a day.',
            'The full schedule is on the utility’s website.',
          ],
        },
        uz: {
          title: '{place}da elektr cheklovi jadvali',
          body: [
            'Kelasi haftadan {place}da elektr sutkasiga {hours} soat oʻchiriladi.',
            'Batafsil jadval kompaniya saytida eʼlon qilingan.',
          ],
        },
      },
    ],
  },
  {
    id: 'cotton',
    kind: 'news',
    category: 'cotton',
    facts: (r) => ({
      place: r.pick(PLACES.filter((p) => p.region === 'khatlon' || p.region === 'sughd')),
      tonnes: r.int(40, 180) * 1000,
      pct: r.int(55, 92),
      ha: r.int(8, 40) * 1000,
    }),
    variants: [
      {
        tg: {
          title: ['Ҷамъоварии пахта дар {place}', 'Пахтачинӣ ба охир наздик мешавад'],
          body: [
            'Дар ноҳияҳои атрофи {place} то имрӯз {tonnes} тонна пахта ҷамъоварӣ шудааст, ки {pct} дарсади нақша аст.',
            'Пахта дар {ha} гектар кишт шуда буд.',
            [
              'Деҳқонон мегӯянд, ки ҳосили имсола аз соли гузашта беҳтар аст.',
              'Ҷамъоварӣ бо мошинҳои нав тезтар пеш меравад.',
            ],
          ],
        },
        ru: {
          title: ['Сбор хлопка в районах {place.gen}', 'Хлопкоуборочная подходит к концу'],
          body: [
            'В районах вокруг {place.gen} собрано {tonnes} тонн хлопка — {pct}% плана.',
            'Хлопчатником было засеяно {ha} гектаров.',
            [
              'Дехкане говорят, что урожай в этом году лучше прошлогоднего.',
              'Новая техника ускорила уборку.',
            ],
          ],
        },
        en: {
          title: ['Cotton harvest around {place}', 'Cotton picking nears its end'],
          body: [
            'Districts around {place} have picked {tonnes} tonnes of cotton, {pct}% of the plan.',
            'Cotton was sown on {ha} hectares.',
            [
              'Farmers say this year’s crop is better than last year’s.',
              'New machines have sped up the harvest.',
            ],
          ],
        },
        uz: {
          title: ['{place} atrofida paxta terimi', 'Paxta terimi yakunlanmoqda'],
          body: [
            '{place} atrofidagi tumanlarda {tonnes} tonna paxta terildi, bu rejaning {pct} foizi.',
            'Paxta {ha} gektar maydonga ekilgan edi.',
            [
              'Dehqonlar bu yilgi hosil oʻtgan yilgidan yaxshiroq ekanini aytmoqda.',
              'Yangi texnika terimni tezlashtirdi.',
            ],
          ],
        },
      },
    ],
  },
  {
    id: 'remittances',
    kind: 'news',
    category: 'remittances',
    facts: (r) => ({
      rate: dec(r.int(1050, 1250) / 10),
      usd: dec(r.int(105, 112) / 10),
      pct: r.int(2, 11),
      bn: dec(r.int(21, 39) / 10),
    }),
    variants: [
      {
        tg: {
          title: ['Қурби асъор: 1000 рубл — {rate} сомонӣ', 'Қурби рубл ва доллар дар бонкҳо'],
          body: [
            'Имрӯз дар бонкҳои тиҷоратии Душанбе 1000 рубли русӣ ба ҳисоби миёна {rate} сомонӣ ва як доллар {usd} сомонӣ харида мешавад.',
            [
              'Бонки миллӣ қурби расмиро бетағйир гузошт.',
              'Мутахассисон тағйироти калонро дар ҳафтаи оянда интизор нестанд.',
            ],
          ],
        },
        ru: {
          title: ['Курс валют: 1000 рублей — {rate} сомони', 'Курс рубля и доллара в банках'],
          body: [
            'Сегодня в коммерческих банках Душанбе 1000 российских рублей в среднем покупают по {rate} сомони, доллар — по {usd}.',
            [
              'Нацбанк оставил официальный курс без изменений.',
              'Аналитики не ждут резких колебаний на следующей неделе.',
            ],
          ],
        },
        en: {
          title: ['Exchange rates: 1,000 roubles buy {rate} somoni', 'Rouble and dollar rates at banks'],
          body: [
            'Commercial banks in Dushanbe are buying 1,000 roubles at an average {rate} somoni today, and a dollar at {usd}.',
            [
              'The National Bank left the official rate unchanged.',
              'Analysts expect no sharp moves next week.',
            ],
          ],
        },
        uz: {
          title: ['Valyuta kursi: 1000 rubl — {rate} somoniy', 'Banklarda rubl va dollar kursi'],
          body: [
            'Bugun Dushanbedagi tijorat banklarida 1000 rossiya rubli oʻrtacha {rate} somoniydan, bir dollar {usd} somoniydan sotib olinmoqda.',
            [
              'Milliy bank rasmiy kursni oʻzgartirmadi.',
              'Tahlilchilar kelasi haftada keskin oʻzgarish kutmayapti.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Ҳаҷми интиқоли пул дар се семоҳа',
          body: [
            'Ба гуфтаи Бонки миллӣ, дар се семоҳаи сол ҳаҷми интиқоли пул аз Русия ва дигар кишварҳо {bn} миллиард долларро ташкил дод.',
            'Ин нишондиҳанда нисбат ба соли гузашта {pct} дарсад зиёд аст.',
          ],
        },
        ru: {
          title: 'Объём денежных переводов за три квартала',
          body: [
            'По данным Нацбанка, за три квартала объём денежных переводов из России и других стран составил {bn} млрд долларов.',
            'Это на {pct}% больше, чем годом ранее.',
          ],
        },
        en: {
          title: 'Remittances over three quarters',
          body: [
            'Remittances from Russia and other countries reached USD {bn} billion in the first three quarters, the National Bank said.',
            'That is {pct}% more than a year earlier.',
          ],
        },
        uz: {
          title: 'Uch chorakdagi pul oʻtkazmalari hajmi',
          body: [
            'Milliy bank maʼlumotiga koʻra, uch chorakda Rossiya va boshqa davlatlardan pul oʻtkazmalari {bn} milliard dollarni tashkil etdi.',
            'Bu oʻtgan yilgiga nisbatan {pct} foizga koʻp.',
          ],
        },
      },
    ],
  },
  {
    id: 'transport',
    kind: 'news',
    category: 'transport',
    facts: (r, { at }) => ({
      city: r.pick(RU_CITIES),
      date: dateEnt(at + r.int(5, 25) * DAY),
      n: r.int(2, 5),
      price: r.int(180, 420) * 10,
    }),
    variants: [
      {
        tg: {
          title: ['Парвози нав Душанбе — Тошкент', 'Аз Душанбе ба Тошкент ҳафтае {n} парвоз'],
          body: [
            'Аз {date} ширкати ҳавопаймоии «Осмони Соф» ҳафтае {n} маротиба байни Душанбе ва Тошкент парвоз мекунад.',
            'Нархи чипта аз {price} сомонӣ оғоз мешавад.',
          ],
        },
        ru: {
          title: ['Новый рейс Душанбе — Ташкент', '{n} рейса в неделю из Душанбе в Ташкент'],
          body: [
            'С {date} авиакомпания «Осмони Соф» будет выполнять рейсы Душанбе — Ташкент {n} раза в неделю.',
            'Билеты стоят от {price} сомони.',
          ],
        },
        en: {
          title: ['New Dushanbe–Tashkent flights', '{n} flights a week to Tashkent'],
          body: [
            'From {date}, the airline Osmoni Sof will fly between Dushanbe and Tashkent {n} times a week.',
            'Tickets start at {price} somoni.',
          ],
        },
        uz: {
          title: ['Dushanbe — Toshkent yangi reysi', 'Dushanbedan Toshkentga haftada {n} ta reys'],
          body: [
            '{date}dan “Osmoni Sof” aviakompaniyasi Dushanbe — Toshkent yoʻnalishida haftasiga {n} marta parvoz qiladi.',
            'Chipta narxi {price} somoniydan boshlanadi.',
          ],
        },
      },
      {
        tg: {
          title: 'Қатори нав ба {city}',
          body: [
            'Аз {date} қатори мусофирбар Душанбе — {city} ҳафтае {n} маротиба ҳаракат мекунад.',
            'Чиптаҳо дар кассаҳои вокзал ва онлайн фурӯхта мешаванд.',
          ],
        },
        ru: {
          title: 'Новый поезд до {city.gen}',
          body: [
            'С {date} пассажирский поезд Душанбе — {city} будет ходить {n} раза в неделю.',
            'Билеты продаются в кассах вокзала и онлайн.',
          ],
        },
        en: {
          title: 'New train to {city}',
          body: [
            'From {date} a passenger train will run between Dushanbe and {city} {n} times a week.',
            'Tickets are sold at the station and online.',
          ],
        },
        uz: {
          title: '{city}ga yangi poyezd',
          body: [
            '{date}dan Dushanbe — {city} yoʻlovchi poyezdi haftasiga {n} marta qatnaydi.',
            'Chiptalar vokzal kassalarida va onlayn sotiladi.',
          ],
        },
      },
    ],
  },
  {
    id: 'trade-uz',
    kind: 'news',
    category: 'trade',
    facts: (r) => ({
      mln: r.int(300, 700),
      pct: r.int(5, 25),
      n: r.int(2, 6),
      place: r.pick(PLACES.filter((p) => p.region === 'sughd')),
    }),
    variants: [
      {
        tg: {
          title: ['Тиҷорати Тоҷикистону Ӯзбекистон {pct} дарсад афзуд', 'Гузаргоҳи нав дар марзи Ӯзбекистон'],
          body: [
            'Ҳаҷми гардиши мол байни Тоҷикистон ва Ӯзбекистон дар нӯҳ моҳ {mln} миллион долларро ташкил дод.',
            'Дар ноҳияи {place} {n} гузаргоҳи нави марзӣ барои сокинони минтақаҳои наздисарҳадӣ кушода мешавад.',
          ],
        },
        ru: {
          title: [
            'Торговля Таджикистана и Узбекистана выросла на {pct}%',
            'Новые пункты пропуска на границе с Узбекистаном',
          ],
          body: [
            'Товарооборот Таджикистана и Узбекистана за девять месяцев составил {mln} млн долларов.',
            'В районе {place.gen} откроют {n} новых пункта пропуска для жителей приграничья.',
          ],
        },
        en: {
          title: ['Tajik–Uzbek trade up {pct}%', 'New border crossings with Uzbekistan'],
          body: [
            'Trade between Tajikistan and Uzbekistan reached USD {mln} million in nine months.',
            '{n} new crossings for border residents will open near {place}.',
          ],
        },
        uz: {
          title: [
            'Tojikiston va Oʻzbekiston savdosi {pct} foizga oshdi',
            'Oʻzbekiston chegarasida yangi oʻtish punktlari',
          ],
          body: [
            'Toʻqqiz oyda Tojikiston va Oʻzbekiston oʻrtasidagi tovar ayirboshlash {mln} million dollarni tashkil etdi.',
            '{place} yaqinida chegara hududi aholisi uchun {n} ta yangi oʻtish punkti ochiladi.',
          ],
        },
      },
    ],
  },
  {
    id: 'earthquake',
    kind: 'news',
    category: 'earthquake',
    facts: (r) => ({
      place: pickPlace(r),
      mag: dec(r.int(32, 46) / 10),
      km: r.int(10, 60),
      hour: r.int(0, 23),
      min: String(r.int(0, 59)).padStart(2, '0'),
    }),
    variants: [
      {
        tg: {
          title: 'Заминларза дар наздикии {place}',
          body: [
            'Соати {hour}:{min} дар {km} километрии {place} заминларзаи {mag}-бала ба қайд гирифта шуд.',
            'Ба гуфтаи Кумитаи ҳолатҳои фавқулода, талафот ва хисорот нест.',
          ],
        },
        ru: {
          title: 'Землетрясение вблизи {place.gen}',
          body: [
            'В {hour}:{min} в {km} км от {place.gen} зафиксировано землетрясение магнитудой {mag}.',
            'По данным КЧС, пострадавших и разрушений нет.',
          ],
        },
        en: {
          title: 'Earthquake near {place}',
          body: [
            'A magnitude {mag} earthquake was recorded {km} km from {place} at {hour}:{min}.',
            'The emergencies committee reported no casualties or damage.',
          ],
        },
        uz: {
          title: '{place} yaqinida zilzila',
          body: [
            'Soat {hour}:{min} da {place}dan {km} kilometr uzoqlikda {mag} magnitudali zilzila qayd etildi.',
            'Favqulodda vaziyatlar qoʻmitasiga koʻra, qurbonlar va vayronalar yoʻq.',
          ],
        },
      },
    ],
  },
  {
    id: 'official-visit',
    kind: 'news',
    category: 'government',
    facts: (r) => {
      const p = r.pick(TJ_PEOPLE);
      return {
        place: pickPlace(r),
        official: p,
        visited: ruVerb(p, 'побывал', 'побывала'),
        opened: ruVerb(p, 'открыл', 'открыла'),
        n: r.int(3, 15),
        mln: r.int(5, 80),
      };
    },
    variants: [
      {
        tg: {
          title: ['Сафари корӣ ба {place}', 'Дар {place} {n} иншооти нав ифтитоҳ шуд'],
          body: [
            'Раиси вилоят {official} бо сафари корӣ ба {place} рафт ва {n} иншооти навро ифтитоҳ кард.',
            'Ба сохтмони онҳо {mln} миллион сомонӣ сарф шудааст.',
            'Дар мулоқот бо сокинон масъалаҳои обу барқ ва роҳ баррасӣ шуданд.',
          ],
        },
        ru: {
          title: ['Рабочая поездка {place.in}', '{place.in} открыли {n} новых объектов'],
          body: [
            'Глава области {official} {visited} с рабочей поездкой {place.in} и {opened} {n} новых объектов.',
            'На их строительство потрачено {mln} млн сомони.',
            'На встрече с жителями обсудили воду, электричество и дороги.',
          ],
        },
        en: {
          title: ['Working visit to {place}', '{n} new facilities open in {place}'],
          body: [
            'Regional governor {official} visited {place} and opened {n} new facilities.',
            'They cost {mln} million somoni to build.',
            'Residents raised water, power and roads at a meeting.',
          ],
        },
        uz: {
          title: ['{place}ga ish safari', '{place}da {n} ta yangi obyekt ochildi'],
          body: [
            'Viloyat raisi {official} {place}ga ish safari bilan borib, {n} ta yangi obyektni ochdi.',
            'Ularning qurilishiga {mln} million somoniy sarflangan.',
            'Aholi bilan uchrashuvda suv, elektr va yoʻl masalalari muhokama qilindi.',
          ],
        },
      },
    ],
  },
];
