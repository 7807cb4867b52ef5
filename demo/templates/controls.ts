/**
 * Benign control items: ordinary religious practice, diaspora life, Pamiri culture, history, and
 * neutral news about Russia, China, the CSTO and migration. Many contain words that also appear in
 * narrative cues (mosque, hijri, Khorasan, the 201st base, CSTO exercises, work patent, remittances)
 * because real benign speech does; a detector must not flag them.
 */
import { dateEnt, GBAO_PLACES, PAMIRI_PEOPLE, pickPlace, RU_CITIES, TJ_MEN, TJ_PEOPLE } from './slots.ts';
import type { Topic } from './types.ts';

const DAY = 86_400_000;

export const CONTROL_TOPICS: readonly Topic[] = [
  {
    id: 'religious-practice',
    kind: 'control',
    category: 'religious',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      n: r.int(4, 30) * 100,
      imam: r.pick(TJ_MEN),
      date: dateEnt(at + r.int(2, 20) * DAY),
      k: r.int(20, 90),
    }),
    variants: [
      {
        tg: {
          title: ['Масҷиди ҷомеи {place} пас аз таъмир кушода шуд', 'Дар {place} масҷид таъмир шуд'],
          body: [
            'Масҷиди ҷомеи {place} пас аз таъмири асосӣ барои намозгузорон боз кушода шуд.',
            'Акнун дар масҷид {n} нафар якбора намози ҷумъа хонда метавонанд.',
            [
              'Имом-хатиб {imam} ба ҳамаи онҳое, ки дар таъмир кумак карданд, изҳори сипос кард.',
              'Таъмир бо маблағи сокинони маҳалла анҷом дода шуд.',
            ],
          ],
        },
        ru: {
          title: ['Соборная мечеть {place.gen} открылась после ремонта', '{place.in} отремонтировали мечеть'],
          body: [
            'Соборная мечеть {place.gen} после капитального ремонта вновь открылась для верующих.',
            'Теперь пятничную молитву здесь одновременно могут совершать {n} человек.',
            [
              'Имам-хатиб {imam} поблагодарил всех, кто помогал с ремонтом.',
              'Ремонт провели на средства жителей махалли.',
            ],
          ],
        },
        en: {
          title: ['{place} central mosque reopens after repairs', 'Mosque renovated in {place}'],
          body: [
            'The central mosque in {place} has reopened to worshippers after a major renovation.',
            'It can now hold {n} people for Friday prayers.',
            [
              'Imam {imam} thanked everyone who helped with the work.',
              'The repairs were paid for by local residents.',
            ],
          ],
        },
        uz: {
          title: ['{place} jome masjidi taʼmirdan soʻng ochildi', '{place}da masjid taʼmirlandi'],
          body: [
            '{place} jome masjidi kapital taʼmirdan soʻng namozxonlar uchun qayta ochildi.',
            'Endi masjidda bir vaqtning oʻzida {n} kishi juma namozini oʻqiy oladi.',
            [
              'Imom-xatib {imam} taʼmirga yordam berganlarning barchasiga minnatdorchilik bildirdi.',
              'Taʼmir mahalla aholisi mablagʻi hisobidan amalga oshirildi.',
            ],
          ],
        },
        fa: {
          title: 'مسجد جامع {place} پس از ترمیم باز شد',
          body: [
            'مسجد جامع {place} پس از ترمیم اساسی دوباره به روی نمازگزاران باز شد.',
            'اکنون {n} نفر می‌توانند در آن نماز جمعه بخوانند.',
          ],
        },
      },
      {
        tg: {
          title: 'Қабули ҳуҷҷатҳо барои ҳаҷ оғоз шуд',
          body: [
            'Кумитаи дин қабули ҳуҷҷатҳоро барои ҳаҷи соли 1448-и ҳиҷрии қамарӣ (2027) оғоз кард.',
            'Ҳуҷҷатҳо то {date} дар шуъбаҳои вилоятӣ қабул мешаванд.',
            'Ба гуфтаи кумита, ҳоҷиён бояд аз муоинаи тиббӣ гузаранд.',
          ],
        },
        ru: {
          title: 'Начался приём документов на хадж',
          body: [
            'Комитет по делам религии начал приём документов на хадж 1448 года по хиджре (2027).',
            'Документы принимают до {date} в областных отделах.',
            'Паломники должны пройти медицинский осмотр, напоминают в комитете.',
          ],
        },
        en: {
          title: 'Hajj applications open',
          body: [
            'The religious affairs committee has begun accepting applications for the 1448 AH (2027) hajj.',
            'Regional offices accept documents until {date}.',
            'Pilgrims must pass a medical check, the committee said.',
          ],
        },
        uz: {
          title: 'Haj uchun hujjatlar qabuli boshlandi',
          body: [
            'Din ishlari qoʻmitasi hijriy 1448-yil (2027) haj mavsumi uchun hujjatlar qabulini boshladi.',
            'Hujjatlar {date}gacha viloyat boʻlimlarida qabul qilinadi.',
            'Ziyoratchilar tibbiy koʻrikdan oʻtishi kerak, deydi qoʻmita.',
          ],
        },
      },
      {
        tg: {
          title: 'Озмуни қироати Қуръон дар {place}',
          body: [
            'Дар {place} озмуни қироати Қуръон миёни ҷавонон баргузор шуд, ки дар он {k} нафар ширкат доштанд.',
            'Ғолибон бо туҳфаҳо ва китобҳо сарфароз гардиданд.',
          ],
        },
        ru: {
          title: 'Конкурс чтецов Корана {place.in}',
          body: [
            '{place.in} прошёл конкурс чтецов Корана среди молодёжи, в нём участвовали {k} человек.',
            'Победителей наградили подарками и книгами.',
          ],
        },
        en: {
          title: 'Quran recitation contest in {place}',
          body: [
            '{k} young people took part in a Quran recitation contest in {place}.',
            'Winners received gifts and books.',
          ],
        },
        uz: {
          title: '{place}da Qurʼon qiroati tanlovi',
          body: [
            '{place}da yoshlar oʻrtasida Qurʼon qiroati tanlovi boʻlib oʻtdi, unda {k} kishi qatnashdi.',
            'Gʻoliblar sovgʻalar va kitoblar bilan taqdirlandi.',
          ],
        },
      },
      {
        tg: {
          title: 'Кӯмак ба оилаҳои ниёзманд пеш аз зимистон',
          body: [
            'Сокинони маҳаллаи «Навобод»-и {place} аз ҳисоби садақа ва закот ба {k} оилаи ниёзманд ангишт ва орд тақсим карданд.',
            'Имоми масҷиди маҳалла гуфт, ки ёрӣ ба ҳамсояҳо қарзи ҳар як мусулмон аст.',
          ],
        },
        ru: {
          title: 'Помощь нуждающимся семьям перед зимой',
          body: [
            'Жители махалли «Навобод» {place.gen} на пожертвования и закят раздали уголь и муку {k} нуждающимся семьям.',
            'Имам местной мечети сказал, что помогать соседям — долг каждого мусульманина.',
          ],
        },
        en: {
          title: 'Winter help for families in need',
          body: [
            'Residents of the Navobod neighbourhood in {place} used donations and zakat to give coal and flour to {k} families.',
            'The local imam said helping neighbours is every Muslim’s duty.',
          ],
        },
        uz: {
          title: 'Qish oldidan muhtoj oilalarga yordam',
          body: [
            '{place}dagi “Navobod” mahallasi aholisi xayriya va zakot hisobidan {k} ta muhtoj oilaga koʻmir va un tarqatdi.',
            'Mahalla masjidi imomi qoʻshnilarga yordam berish har bir musulmonning burchi ekanini aytdi.',
          ],
        },
      },
    ],
  },
  {
    id: 'diaspora-life',
    kind: 'control',
    category: 'diaspora',
    facts: (r, { at }) => ({
      city: r.pick(RU_CITIES),
      n: r.int(3, 15) * 100,
      date: dateEnt(at + r.int(2, 12) * DAY),
      lawyer: r.pick(TJ_PEOPLE),
      k: r.int(15, 80),
    }),
    variants: [
      {
        tg: {
          title: ['Ҳамватанон дар {city} Меҳргонро ҷашн гирифтанд', 'Консерти тоҷикӣ дар {city}'],
          body: [
            'Ҷамъияти тоҷикони {city} барои ҳамватанон ҷашни Меҳргонро ташкил кард.',
            'Ба консерт беш аз {n} нафар омаданд, бисёриҳо бо аҳли оила.',
            [
              'Ташкилкунандагон ош пухтанд ва барои кӯдакон озмун гузаронданд.',
              'Ҳунармандон аз Душанбе суруд хонданд.',
            ],
          ],
        },
        ru: {
          title: ['Таджики {city.gen} отметили Мехргон', 'Таджикский концерт {city.in}'],
          body: [
            'Таджикская диаспора {city.gen} устроила для земляков праздник Мехргон.',
            'На концерт пришли более {n} человек, многие с семьями.',
            ['Организаторы приготовили плов и провели конкурсы для детей.', 'Выступили артисты из Душанбе.'],
          ],
        },
        en: {
          title: ['Tajiks in {city} celebrate Mehrgon', 'Tajik concert in {city}'],
          body: [
            'The Tajik community in {city} held a Mehrgon celebration.',
            'More than {n} people came to the concert, many with their families.',
            ['Organisers cooked plov and ran games for children.', 'Singers from Dushanbe performed.'],
          ],
        },
        uz: {
          title: ['{city}dagi tojiklar Mehrgonni nishonladi', '{city}da tojik konserti'],
          body: [
            '{city}dagi tojik diasporasi vatandoshlar uchun Mehrgon bayramini tashkil etdi.',
            'Konsertga {n} dan ortiq kishi, koʻplari oilasi bilan keldi.',
            [
              'Tashkilotchilar palov damlab, bolalar uchun tanlovlar oʻtkazdi.',
              'Dushanbelik sanʼatkorlar chiqish qildi.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Машварати ройгони ҳуқуқӣ барои муҳоҷирон',
          body: [
            'Дар {city} маркази машварати ройгони ҳуқуқӣ барои муҳоҷирони корӣ кушода шуд.',
            'Ҳуқуқшинос {lawyer} дар бораи гирифтани патенти корӣ, шартномаи меҳнатӣ ва суғуртаи тиббӣ маслиҳат медиҳад.',
            'Марказ аз душанбе то шанбе кор мекунад.',
          ],
        },
        ru: {
          title: 'Бесплатные юридические консультации для мигрантов',
          body: [
            '{city.in} открылся центр бесплатных юридических консультаций для трудовых мигрантов.',
            'Юрист {lawyer} консультирует по оформлению патента на работу, трудовому договору и медицинской страховке.',
            'Центр работает с понедельника по субботу.',
          ],
        },
        en: {
          title: 'Free legal advice for migrants',
          body: [
            'A free legal advice centre for labour migrants has opened in {city}.',
            'Lawyer {lawyer} advises on work patents, employment contracts and health insurance.',
            'It is open Monday to Saturday.',
          ],
        },
        uz: {
          title: 'Migrantlar uchun bepul huquqiy maslahat',
          body: [
            '{city}da mehnat migrantlari uchun bepul huquqiy maslahat markazi ochildi.',
            'Huquqshunos {lawyer} ish patenti, mehnat shartnomasi va tibbiy sugʻurta boʻyicha maslahat beradi.',
            'Markaz dushanbadan shanbagacha ishlaydi.',
          ],
        },
      },
      {
        tg: {
          title: 'Дарсҳои забони тоҷикӣ барои кӯдакони муҳоҷирон',
          body: [
            'Дар {city} барои фарзандони муҳоҷирон дарсҳои ройгони забон ва адабиёти тоҷик оғоз шуданд.',
            'Дар гурӯҳҳо {k} кӯдак таҳсил мекунад ва дарсҳо рӯзҳои якшанбе мегузаранд.',
          ],
        },
        ru: {
          title: 'Уроки таджикского языка для детей мигрантов',
          body: [
            '{city.in} для детей мигрантов начались бесплатные уроки таджикского языка и литературы.',
            'В группах занимаются {k} детей, уроки проходят по воскресеньям.',
          ],
        },
        en: {
          title: 'Tajik lessons for migrants’ children',
          body: [
            'Free Tajik language and literature classes for migrants’ children have started in {city}.',
            '{k} children attend the Sunday classes.',
          ],
        },
        uz: {
          title: 'Migrantlar farzandlari uchun tojik tili darslari',
          body: [
            '{city}da migrantlar farzandlari uchun tojik tili va adabiyoti boʻyicha bepul darslar boshlandi.',
            'Guruhlarda {k} nafar bola shugʻullanadi, darslar yakshanba kunlari oʻtadi.',
          ],
        },
      },
    ],
  },
  {
    id: 'pamiri-culture',
    kind: 'control',
    category: 'pamiri',
    facts: (r, { at }) => ({
      place: r.pick(GBAO_PLACES),
      who: r.pick(PAMIRI_PEOPLE),
      n: r.int(20, 300),
      date: dateEnt(at + r.int(1, 10) * DAY),
      words: r.int(8, 25) * 1000,
    }),
    variants: [
      {
        tg: {
          title: ['Фестивали мадҳ дар Хоруғ', 'Дар Хоруғ мадҳхонӣ садо дод'],
          body: [
            'Дар Хоруғ фестивали анъанавии мадҳхонӣ баргузор шуд, ки дар он {n} ҳунарманд аз ноҳияҳои Бадахшон ширкат доштанд.',
            'Мадҳ бо рубоб ва дафи помирӣ иҷро мешавад ва қисми муҳими мероси фарҳангии минтақа аст.',
            [
              'Ташкилкунанда {who} гуфт, ки ҷавонон ба ин санъат бештар рӯ меоранд.',
              'Фестивал то бегоҳ идома ёфт.',
            ],
          ],
        },
        ru: {
          title: ['В Хороге прошёл фестиваль мадха', 'Фестиваль духовной музыки мадх'],
          body: [
            'В Хороге прошёл традиционный фестиваль мадха, в нём участвовали {n} исполнителей из районов Бадахшана.',
            'Мадх исполняют под рубаб и памирский бубен, это важная часть культурного наследия региона.',
            [
              'Организатор {who} говорит, что молодёжь всё больше интересуется этим искусством.',
              'Фестиваль продолжался до вечера.',
            ],
          ],
        },
        en: {
          title: ['Madoh music festival in Khorog', 'Khorog hosts Pamiri devotional music'],
          body: [
            'Khorog hosted its traditional madoh festival, with {n} performers from across Badakhshan.',
            'Madoh is sung to the rubab and the Pamiri frame drum and is a key part of the region’s heritage.',
            [
              'Organiser {who} says more young people are taking up the art.',
              'The festival went on into the evening.',
            ],
          ],
        },
        uz: {
          title: ['Xorugʻda madh festivali', 'Xorugʻda Pomir maʼnaviy musiqasi'],
          body: [
            'Xorugʻda anʼanaviy madh festivali boʻlib oʻtdi, unda Badaxshon tumanlaridan {n} nafar ijrochi qatnashdi.',
            'Madh rubob va pomir childirmasi jo‘rligida ijro etiladi va mintaqa madaniy merosining muhim qismidir.',
            [
              'Tashkilotchi {who} yoshlar bu sanʼatga koʻproq qiziqayotganini aytdi.',
              'Festival kechgacha davom etdi.',
            ],
          ],
        },
      },
      {
        tg: {
          title: 'Луғати нави забони шуғнонӣ нашр шуд',
          body: [
            'Дар Хоруғ луғати шуғнонӣ-тоҷикӣ-русӣ иборат аз {words} калима муаррифӣ шуд.',
            'Муаллифи луғат {who} мегӯяд, ки забонҳои помирӣ бояд дар хонавода ва мактаб ҳифз шаванд.',
          ],
        },
        ru: {
          title: 'Вышел новый словарь шугнанского языка',
          body: [
            'В Хороге представили шугнанско-таджикско-русский словарь на {words} слов.',
            'Автор словаря {who} считает, что памирские языки нужно сохранять в семье и школе.',
          ],
        },
        en: {
          title: 'New Shughni dictionary published',
          body: [
            'A Shughni–Tajik–Russian dictionary of {words} words was presented in Khorog.',
            'Its author, {who}, says Pamiri languages must be kept alive at home and at school.',
          ],
        },
        uz: {
          title: 'Shugʻnon tilining yangi lugʻati nashr etildi',
          body: [
            'Xorugʻda {words} soʻzdan iborat shugʻnoncha-tojikcha-ruscha lugʻat taqdim etildi.',
            'Lugʻat muallifi {who} pomir tillarini oilada va maktabda asrash kerakligini aytdi.',
          ],
        },
      },
      {
        tg: {
          title: 'Намоишгоҳи хонаи помирӣ дар {place}',
          body: [
            'Дар {place} намоишгоҳи аксҳо дар бораи чид — хонаи анъанавии помирӣ бо панҷ сутун ва равзанаи чорхона кушода шуд.',
            'Ҷамоати исмоилияи шаҳр дар назди намоишгоҳ барои кӯдакон китобхонаи хурд ташкил кард.',
          ],
        },
        ru: {
          title: 'Выставка о памирском доме {place.in}',
          body: [
            '{place.in} открылась фотовыставка о чиде — традиционном памирском доме с пятью колоннами и световым окном в потолке.',
            'Исмаилитская община города устроила при выставке небольшую детскую библиотеку.',
          ],
        },
        en: {
          title: 'Exhibition on the Pamiri house in {place}',
          body: [
            'A photo exhibition on the chid, the traditional Pamiri house with five pillars and a skylight, opened in {place}.',
            'The town’s Ismaili community set up a small children’s library beside it.',
          ],
        },
        uz: {
          title: '{place}da pomir uyi haqida koʻrgazma',
          body: [
            '{place}da chid — besh ustunli va shiftida yorugʻlik tuynugi bor anʼanaviy pomir uyi haqida fotokoʻrgazma ochildi.',
            'Shahar ismoiliylar jamoasi koʻrgazma yonida bolalar uchun kichik kutubxona tashkil etdi.',
          ],
        },
      },
    ],
  },
  {
    id: 'history-culture',
    kind: 'control',
    category: 'history',
    facts: (r, { at }) => ({
      place: pickPlace(r),
      who: r.pick(TJ_PEOPLE),
      date: dateEnt(at + r.int(1, 8) * DAY),
      n: r.int(40, 400),
    }),
    variants: [
      {
        tg: {
          title: ['Лексия дар бораи Сомониён', 'Таърихи Хуросони бузург дар осорхона'],
          body: [
            'Дар Осорхонаи миллӣ лексия дар бораи давлати Сомониён ва фарҳанги Хуросони бузург баргузор шуд.',
            'Таърихнигор {who} дар бораи муносибатҳои Бухоро бо хилофати Аббосиён ва рушди забони форсӣ-тоҷикӣ сухан гуфт.',
            'Лексия барои донишҷӯён ройгон буд.',
          ],
        },
        ru: {
          title: ['Лекция о Саманидах', 'История Большого Хорасана в музее'],
          body: [
            'В Национальном музее прошла лекция о государстве Саманидов и культуре Большого Хорасана.',
            'Историк {who} рассказал об отношениях Бухары с халифатом Аббасидов и о развитии персидско-таджикского языка.',
            'Для студентов вход был бесплатным.',
          ],
        },
        en: {
          title: ['Lecture on the Samanids', 'The history of Greater Khorasan at the museum'],
          body: [
            'The National Museum hosted a lecture on the Samanid state and the culture of Greater Khorasan.',
            'Historian {who} spoke about Bukhara’s relations with the Abbasid caliphate and the rise of Persian-Tajik literature.',
            'Students attended for free.',
          ],
        },
        uz: {
          title: ['Somoniylar haqida maʼruza', 'Katta Xuroson tarixi muzeyda'],
          body: [
            'Milliy muzeyda Somoniylar davlati va Katta Xuroson madaniyati haqida maʼruza boʻlib oʻtdi.',
            'Tarixchi {who} Buxoroning Abbosiylar xalifaligi bilan munosabatlari haqida soʻzladi.',
            'Talabalar uchun kirish bepul edi.',
          ],
        },
        fa: {
          title: 'سخنرانی دربارهٔ سامانیان',
          body: [
            'در موزهٔ ملی سخنرانی دربارهٔ دولت سامانیان و فرهنگ خراسان بزرگ برگزار شد.',
            'تاریخ‌نگار {who} دربارهٔ روابط بخارا با خلافت عباسیان سخن گفت.',
          ],
        },
      },
      {
        tg: {
          title: 'Рӯзи хотира дар {place}',
          body: [
            'Дар {place} назди ёдгории шаҳидони Ҷанги Бузурги Ватанӣ гулчанбар гузоштанд.',
            'Дар маросим {n} нафар, аз ҷумла хонандагони мактабҳо ширкат карданд.',
          ],
        },
        ru: {
          title: 'День памяти {place.in}',
          body: [
            '{place.in} возложили венки к памятнику павшим в Великой Отечественной войне.',
            'В церемонии участвовали {n} человек, в том числе школьники.',
          ],
        },
        en: {
          title: 'Remembrance ceremony in {place}',
          body: [
            'Wreaths were laid at the memorial to those who fell in the Second World War in {place}.',
            '{n} people, including schoolchildren, attended.',
          ],
        },
        uz: {
          title: '{place}da xotira kuni',
          body: [
            '{place}da Ulugʻ Vatan urushida halok boʻlganlar yodgorligiga gulchambarlar qoʻyildi.',
            'Marosimda {n} kishi, jumladan maktab oʻquvchilari qatnashdi.',
          ],
        },
      },
    ],
  },
  {
    id: 'russia-neutral',
    kind: 'control',
    category: 'russia',
    facts: (r, { at }) => ({
      n: r.int(6, 14) * 100,
      date: dateEnt(at + r.int(3, 20) * DAY),
      pct: r.int(2, 9),
    }),
    variants: [
      {
        tg: {
          title: [
            'Квотаҳои таҳсил дар донишгоҳҳои Русия',
            'Русия барои донишҷӯёни тоҷик {n} квота ҷудо кард',
          ],
          body: [
            'Дар соли таҳсили 2027 Русия барои донишҷӯёни Тоҷикистон {n} ҷои ройгони таҳсил ҷудо кардааст.',
            'Дархостҳо то {date} тавассути сомонаи махсус қабул мешаванд.',
          ],
        },
        ru: {
          title: ['Квоты на обучение в вузах России', 'Россия выделила таджикским студентам {n} квот'],
          body: [
            'На 2027 учебный год Россия выделила студентам из Таджикистана {n} бюджетных мест.',
            'Заявки принимаются до {date} через специальный портал.',
          ],
        },
        en: {
          title: [
            'Russian university places for Tajik students',
            'Russia offers {n} scholarships to Tajik students',
          ],
          body: [
            'Russia has allocated {n} state-funded university places to students from Tajikistan for 2027.',
            'Applications are open until {date} on a dedicated portal.',
          ],
        },
        uz: {
          title: [
            'Rossiya oliygohlarida oʻqish uchun kvotalar',
            'Rossiya tojik talabalariga {n} ta kvota ajratdi',
          ],
          body: [
            '2027-oʻquv yili uchun Rossiya Tojikistondan kelgan talabalarga {n} ta grant ajratdi.',
            'Arizalar {date}gacha maxsus portal orqali qabul qilinadi.',
          ],
        },
      },
      {
        tg: {
          title: 'Рӯзҳои фарҳанги Русия дар Душанбе',
          body: [
            'Аз {date} дар Душанбе Рӯзҳои фарҳанги Русия оғоз мешаванд.',
            'Дар барнома консертҳои оркестри симфонӣ, намоиши филмҳо ва намоишгоҳи китоб пешбинӣ шудааст.',
          ],
        },
        ru: {
          title: 'Дни культуры России в Душанбе',
          body: [
            'С {date} в Душанбе пройдут Дни культуры России.',
            'В программе — концерты симфонического оркестра, кинопоказы и книжная выставка.',
          ],
        },
        en: {
          title: 'Russian culture days in Dushanbe',
          body: [
            'Russian culture days open in Dushanbe on {date}.',
            'The programme includes symphony concerts, film screenings and a book fair.',
          ],
        },
        uz: {
          title: 'Dushanbeda Rossiya madaniyati kunlari',
          body: [
            '{date}dan Dushanbeda Rossiya madaniyati kunlari boshlanadi.',
            'Dasturda simfonik orkestr konsertlari, film namoyishlari va kitob koʻrgazmasi bor.',
          ],
        },
      },
    ],
  },
  {
    id: 'china-neutral',
    kind: 'control',
    category: 'china',
    facts: (r) => ({ place: pickPlace(r), n: r.int(4, 12) * 100, k: r.int(20, 80), mln: r.int(200, 900) }),
    variants: [
      {
        tg: {
          title: ['Олимпиадаи забони чинӣ дар Душанбе', 'Донишҷӯён забони чиниро меомӯзанд'],
          body: [
            'Дар Донишгоҳи миллӣ олимпиадаи забони чинӣ баргузор шуд, ки дар он {k} донишҷӯ ширкат доштанд.',
            'Се ғолиб барои таҳсили кӯтоҳмуддат ба донишгоҳҳои Чин фиристода мешаванд.',
          ],
        },
        ru: {
          title: ['Олимпиада по китайскому языку в Душанбе', 'Студенты изучают китайский'],
          body: [
            'В Национальном университете прошла олимпиада по китайскому языку, участвовали {k} студентов.',
            'Трое победителей поедут на краткосрочную стажировку в университеты Китая.',
          ],
        },
        en: {
          title: ['Chinese language olympiad in Dushanbe', 'Students learn Chinese'],
          body: [
            '{k} students took part in a Chinese language olympiad at the National University.',
            'Three winners will go on short study visits to Chinese universities.',
          ],
        },
        uz: {
          title: ['Dushanbeda xitoy tili olimpiadasi', 'Talabalar xitoy tilini oʻrganmoqda'],
          body: [
            'Milliy universitetda xitoy tili olimpiadasi boʻlib oʻtdi, unda {k} nafar talaba qatnashdi.',
            'Uch gʻolib Xitoy universitetlariga qisqa muddatli oʻqishga yuboriladi.',
          ],
        },
      },
      {
        tg: {
          title: 'Гардиши мол бо Чин',
          body: [
            'Дар нӯҳ моҳ гардиши мол байни Тоҷикистон ва Чин {mln} миллион долларро ташкил дод.',
            'Қисми зиёди воридот таҷҳизот ва маводи сохтмонӣ аст.',
          ],
        },
        ru: {
          title: 'Товарооборот с Китаем',
          body: [
            'За девять месяцев товарооборот Таджикистана и Китая составил {mln} млн долларов.',
            'Большую часть импорта составляют оборудование и стройматериалы.',
          ],
        },
        en: {
          title: 'Trade with China',
          body: [
            'Trade between Tajikistan and China reached USD {mln} million in nine months.',
            'Most imports were machinery and building materials.',
          ],
        },
        uz: {
          title: 'Xitoy bilan tovar ayirboshlash',
          body: [
            'Toʻqqiz oyda Tojikiston va Xitoy oʻrtasidagi tovar ayirboshlash {mln} million dollarni tashkil etdi.',
            'Importning katta qismi uskunalar va qurilish materiallaridir.',
          ],
        },
      },
    ],
  },
  {
    id: 'csto-neutral',
    kind: 'control',
    category: 'csto',
    facts: (r, { at }) => ({ place: pickPlace(r), date: dateEnt(at + r.int(5, 30) * DAY), n: r.int(20, 90) }),
    variants: [
      {
        tg: {
          title: [
            'Вазирони мудофиа нақшаи машқҳоро тасдиқ карданд',
            'Нақшаи машқҳо барои соли 2027 тасдиқ шуд',
          ],
          body: [
            'Дар ҷаласаи Шӯрои вазирони мудофиаи Созмони Аҳдномаи амнияти дастаҷамъӣ нақшаи машқҳои муштараки низомӣ барои соли 2027 тасдиқ шуд.',
            'Ҷаласаи навбатӣ {date} баргузор мегардад.',
          ],
        },
        ru: {
          title: ['Заседание министров обороны ОДКБ', 'Утверждён план учений на 2027 год'],
          body: [
            'На заседании Совета министров обороны ОДКБ утверждён план совместных военных учений на 2027 год.',
            'Следующее заседание пройдёт {date}.',
          ],
        },
        en: {
          title: ['CSTO defence ministers meet', 'Exercise plan for 2027 approved'],
          body: [
            'CSTO defence ministers approved the plan of joint military exercises for 2027.',
            'Their next meeting is on {date}.',
          ],
        },
        uz: {
          title: ['KXShT mudofaa vazirlari yigʻilishi', '2027-yil uchun mashqlar rejasi tasdiqlandi'],
          body: [
            'KXShT mudofaa vazirlari kengashi yigʻilishida 2027-yil uchun qoʻshma harbiy mashqlar rejasi tasdiqlandi.',
            'Navbatdagi yigʻilish {date} kuni boʻladi.',
          ],
        },
      },
      {
        tg: {
          title: 'Консерти хайриявӣ дар хонаи бачагон',
          body: [
            'Ансамбли пойгоҳи низомии 201 дар хонаи бачагони шаҳри {place} консерти хайриявӣ баргузор кард.',
            'Ба {n} кӯдак либоси зимистона ва китоб тӯҳфа карда шуд.',
          ],
        },
        ru: {
          title: 'Благотворительный концерт в детском доме',
          body: [
            'Ансамбль 201-й российской военной базы дал благотворительный концерт в детском доме {place.gen}.',
            '{n} детям подарили зимнюю одежду и книги.',
          ],
        },
        en: {
          title: 'Charity concert at a children’s home',
          body: [
            'The band of Russia’s 201st military base gave a charity concert at a children’s home in {place}.',
            '{n} children received winter clothes and books.',
          ],
        },
        uz: {
          title: 'Bolalar uyida xayriya konserti',
          body: [
            'Rossiyaning 201-harbiy bazasi ansambli {place}dagi bolalar uyida xayriya konserti berdi.',
            '{n} nafar bolaga qishki kiyim va kitoblar sovgʻa qilindi.',
          ],
        },
      },
    ],
  },
  {
    id: 'migration-neutral',
    kind: 'control',
    category: 'migration',
    facts: (r) => ({
      fee: r.int(55, 95) * 100,
      n: r.int(180, 420) * 1000,
      pct: r.int(3, 14),
      city: r.pick(RU_CITIES),
    }),
    variants: [
      {
        tg: {
          title: ['Навбати онлайн барои патенти корӣ', 'Тартиби нави гирифтани патент'],
          body: [
            'Дар {city} барои гирифтани патенти корӣ навбати онлайн ҷорӣ шуд.',
            'Пардохти моҳонаи патент дар минтақа {fee} рублро ташкил медиҳад.',
            'Намояндагии Вазорати меҳнат ба муҳоҷирон маслиҳат медиҳад, ки ҳуҷҷатҳоро пешакӣ омода кунанд.',
          ],
        },
        ru: {
          title: ['Онлайн-очередь на патент на работу', 'Новый порядок получения патента'],
          body: [
            '{city.in} ввели онлайн-очередь на оформление патента на работу.',
            'Ежемесячный платёж за патент в регионе составляет {fee} рублей.',
            'Представительство Минтруда советует мигрантам заранее готовить документы.',
          ],
        },
        en: {
          title: ['Online queue for work patents', 'New procedure for migrant work patents'],
          body: [
            'An online queue for work patents has been introduced in {city}.',
            'The monthly patent fee in the region is {fee} roubles.',
            'The labour ministry’s office advises migrants to prepare documents in advance.',
          ],
        },
        uz: {
          title: ['Ish patenti uchun onlayn navbat', 'Patent olishning yangi tartibi'],
          body: [
            '{city}da ish patentini rasmiylashtirish uchun onlayn navbat joriy etildi.',
            'Mintaqada patent uchun oylik toʻlov {fee} rublni tashkil etadi.',
            'Mehnat vazirligi vakolatxonasi migrantlarga hujjatlarni oldindan tayyorlashni maslahat beradi.',
          ],
        },
      },
      {
        tg: {
          title: 'Омори муҳоҷирати меҳнатӣ',
          body: [
            'Ба гуфтаи Вазорати меҳнат, дар нӯҳ моҳ {n} шаҳрванд барои кор ба хориҷ рафтааст.',
            'Ин нишондиҳанда {pct} дарсад камтар аз соли гузашта аст.',
          ],
        },
        ru: {
          title: 'Статистика трудовой миграции',
          body: [
            'По данным Минтруда, за девять месяцев на заработки за рубеж выехали {n} граждан.',
            'Это на {pct}% меньше, чем годом ранее.',
          ],
        },
        en: {
          title: 'Labour migration figures',
          body: [
            '{n} citizens left to work abroad in nine months, the labour ministry said.',
            'That is {pct}% fewer than a year earlier.',
          ],
        },
        uz: {
          title: 'Mehnat migratsiyasi statistikasi',
          body: [
            'Mehnat vazirligiga koʻra, toʻqqiz oyda {n} fuqaro ishlash uchun xorijga ketgan.',
            'Bu oʻtgan yilgiga nisbatan {pct} foizga kam.',
          ],
        },
      },
    ],
  },
];
