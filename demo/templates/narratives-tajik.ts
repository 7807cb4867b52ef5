/**
 * Tajik-state narratives (family `tajik-state`) in the voice of official media, and the Taliban's
 * foreign-proxy frame (family `other`). Officials are invented.
 */
import { pickPlace, TJ_MEN } from './slots.ts';
import type { Topic } from './types.ts';

export const TAJIK_NARRATIVES: readonly Topic[] = [
  {
    id: 'n-tj-piety-securitised',
    kind: 'narrative',
    category: 'tajik-state',
    narratives: ['tj-extremism-securitisation-of-piety'],
    facts: (r) => ({ place: pickPlace(r), n: r.int(12, 60) }),
    variants: [
      {
        tg: {
          title: ['Либоси бегона ва хатари ифротгароӣ', 'Ҳифзи арзишҳои миллӣ дар {place}'],
          body: [
            'Дар {place} вохӯрии намояндагони мақомоти маҳаллӣ бо ҷавонон дар мавзӯи ҳифзи арзишҳои миллӣ баргузор шуд.',
            'Суханронҳо таъкид карданд, ки либоси бегона ва ҳиҷоб анъанаи мо нест ва аксар вақт нишонаи таъсири гурӯҳҳои ифротӣ мебошад.',
            [
              'Ба гуфтаи онҳо, таҳсилоти динии хориҷӣ, салафиён ва ваҳҳобиён ҷавононро аз мазҳаби ҳанафӣ дур мекунанд.',
              'Риш нишонаи ифротгароӣ аст, агар бо ақидаҳои бегона ҳамроҳ бошад, гуфт яке аз суханронон.',
            ],
            'Дар охир волидонро даъват карданд, ки фарзандонашонро аз хурофот ва ифротгароӣ эмин нигоҳ доранд.',
          ],
        },
        ru: {
          title: ['Чуждая одежда и угроза экстремизма', 'Защита национальных ценностей {place.in}'],
          body: [
            '{place.in} прошла встреча представителей местной власти с молодёжью на тему защиты национальных ценностей.',
            'Выступавшие подчеркнули, что чуждая одежда и хиджаб — не наша традиция и часто являются признаком влияния экстремистских групп.',
            [
              'По их словам, иностранное религиозное образование, салафиты и ваххабиты уводят молодёжь от традиционного ханафитского мазхаба.',
              'Борода — признак экстремизма, если она сочетается с чуждыми взглядами, заявил один из выступавших.',
            ],
            'В завершение родителей призвали оберегать детей от суеверий и экстремизма.',
          ],
        },
        en: {
          title: ['Alien clothing and the threat of extremism', 'Protecting national values in {place}'],
          body: [
            'Local officials met young people in {place} to discuss protecting national values.',
            'Speakers stressed that alien clothing and the hijab are not our tradition and are often a sign of extremist influence.',
            'They said foreign religious education, Salafis and Wahhabis lead young people away from the traditional Hanafi school.',
            'Parents were urged to protect their children from superstition and extremism.',
          ],
        },
        uz: {
          title: ['Begona kiyim va ekstremizm xavfi', '{place}da milliy qadriyatlar himoyasi'],
          body: [
            '{place}da mahalliy hokimiyat vakillarining yoshlar bilan milliy qadriyatlarni himoya qilish mavzusidagi uchrashuvi boʻlib oʻtdi.',
            'Soʻzga chiqqanlar begona kiyim va hijob bizning anʼanamiz emasligini, koʻpincha ekstremistik guruhlar taʼsiri belgisi ekanini taʼkidladi.',
            'Ularning soʻzlariga koʻra, xorijda diniy taʼlim olish, salafiylar va vahhobiylar yoshlarni anʼanaviy hanafiy mazhabidan uzoqlashtirmoqda.',
            'Yakunda ota-onalar farzandlarini xurofot va ekstremizmdan asrashga chaqirildi.',
          ],
        },
      },
      {
        tg: {
          title: 'Рейд дар бозорҳои {place}',
          body: [
            'Дар доираи рейди муштарак дар бозорҳои {place} ба {n} фурӯшанда дар бораи манъи фурӯши либоси бегона огоҳӣ дода шуд.',
            'Мақомот мегӯянд, ки ҳиҷоб анъанаи мо нест ва ҳифзи арзишҳои миллӣ вазифаи ҳар шаҳрванд аст.',
          ],
        },
        ru: {
          title: 'Рейд на рынках {place.gen}',
          body: [
            'В ходе совместного рейда на рынках {place.gen} {n} продавцов предупредили о запрете продажи чуждой одежды.',
            'В ведомствах говорят, что хиджаб — не наша традиция, а защита национальных ценностей — долг каждого гражданина.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-tj-opposition-terrorists',
    kind: 'narrative',
    category: 'tajik-state',
    narratives: ['tj-opposition-as-terrorists'],
    facts: (r) => ({ official: r.pick(TJ_MEN) }),
    variants: [
      {
        tg: {
          title: ['Хоинони миллат аз хориҷ боз фитна мекунанд', 'Ҳизби террористӣ-ифротгаро ва «Гурӯҳи 24»'],
          body: [
            'Ифротгароёни фирорӣ дар хориҷ — аъзои ҲНИТ ва «Гурӯҳи 24» — боз бо паҳн кардани хабарҳои бардурӯғ машғуланд.',
            'Ин ҳизби террористӣ-ифротгаро ва ҳомиёни он душманони сулҳу ваҳдат ҳастанд, гуфт {official}.',
            [
              'Мухолифини маблағгузории хориҷӣ мехоҳанд ҷавононро фиреб диҳанд.',
              'Хоинони миллат аз хориҷ ҳар воқеаро барои фитна истифода мебаранд.',
            ],
            'Мақомот аз шаҳрвандон даъват карданд, ки ба сомонаҳо ва каналҳои онҳо бовар накунанд.',
          ],
        },
        ru: {
          title: [
            'Предатели нации снова провоцируют из-за рубежа',
            'Террористическо-экстремистская партия и «Группа 24»',
          ],
          body: [
            'Беглые экстремисты за рубежом — члены ПИВТ и «Группы 24» — вновь распространяют ложные сведения.',
            'Эта террористическо-экстремистская партия и её сторонники — враги мира и единства, заявил {official}.',
            [
              'Оппозиция на иностранные деньги пытается обмануть молодёжь.',
              'Предатели нации используют из-за рубежа любое событие для провокаций.',
            ],
            'Власти призвали граждан не доверять их сайтам и каналам.',
          ],
        },
        en: {
          title: [
            '“Traitors of the nation” accused of stirring trouble from abroad',
            'The “terrorist-extremist party” and Group 24',
          ],
          body: [
            'Fugitive extremists abroad, members of the IRPT and Group 24, are again spreading false reports.',
            'This terrorist-extremist party and its supporters are enemies of peace and unity, said {official}.',
            'The opposition, paid from abroad, is trying to deceive young people.',
            'Officials urged citizens not to trust their websites and channels.',
          ],
        },
        uz: {
          title: [
            'Millat xoinlari yana xorijdan fitna qilmoqda',
            'Terrorchi-ekstremistik partiya va “Guruh 24”',
          ],
          body: [
            'Xorijdagi qochqin ekstremistlar — TIUP va “Guruh 24” aʼzolari — yana yolgʻon xabarlar tarqatmoqda.',
            'Bu terrorchi-ekstremistik partiya va uning tarafdorlari tinchlik va birlik dushmanlaridir, dedi {official}.',
            'Xorijiy pulga ishlaydigan muxolifat yoshlarni aldashga urinmoqda.',
            'Rasmiylar fuqarolarni ularning saytlari va kanallariga ishonmaslikka chaqirdi.',
          ],
        },
      },
      {
        tg: {
          title: 'Фаъолони Хоруғ ва ҳомиёни хориҷии онҳо',
          body: [
            'Ба гуфтаи {official}, «фаъолони» Хоруғ, ки худро ҳомии ҳуқуқ меноманд, аз ҷониби ифротгароёни фирорӣ дар хориҷ идора мешаванд.',
            'Онҳо хоинони миллат ва душманони сулҳу ваҳдат ҳастанд.',
          ],
        },
        ru: {
          title: 'Активисты Хорога и их зарубежные покровители',
          body: [
            'Как заявил {official}, «активисты» Хорога, называющие себя правозащитниками, управляются беглыми экстремистами за рубежом.',
            'Это предатели нации и враги мира и единства.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-tj-stability-fear',
    kind: 'narrative',
    category: 'tajik-state',
    narratives: ['tj-stability-civil-war-fear'],
    facts: (r) => ({ place: pickPlace(r), official: r.pick(TJ_MEN) }),
    variants: [
      {
        tg: {
          title: ['Сулҳу ваҳдати миллӣ — арзиши олӣ', 'Такрори солҳои 90-ум нашавад'],
          body: [
            'Дар {place} ҳамоиш бахшида ба сулҳу ваҳдати миллӣ баргузор шуд.',
            'Суханронҳо даҳшатҳои ҷанги шаҳрвандиро ёдовар шуда, таъкид карданд, ки такрори солҳои 90-ум нашавад.',
            [
              'Субот аз ҳама болотар аст ва иғвогарон бетартибӣ мехоҳанд, гуфт {official}.',
              'Ба шарофати Асосгузори сулҳу ваҳдати миллӣ — Пешвои миллат кишвар ором аст, гуфт {official}.',
            ],
            'Ҳар касе, ки имрӯз эътироз мекунад, кишварро ба гузашта бармегардонад.',
          ],
        },
        ru: {
          title: ['Мир и национальное единство — высшая ценность', 'Не допустить повторения 90-х'],
          body: [
            '{place.in} прошло собрание, посвящённое миру и национальному единству.',
            'Выступавшие вспоминали ужасы гражданской войны и подчёркивали: нельзя допустить повторения 90-х.',
            [
              'Стабильность превыше всего, а провокаторы хотят хаоса, заявил {official}.',
              'Благодаря Основателю мира — Лидеру нации в стране спокойно, сказал {official}.',
            ],
            'Каждый, кто сегодня протестует, тянет страну назад, в прошлое.',
          ],
        },
        en: {
          title: ['Peace and national unity above all', 'Never again the 1990s'],
          body: [
            'A rally for peace and national unity was held in {place}.',
            'Speakers recalled the horrors of the civil war and insisted: never again the 1990s.',
            'Stability above all; provocateurs want chaos, said {official}.',
            'Anyone who protests today is pulling the country back into the past.',
          ],
        },
        uz: {
          title: ['Tinchlik va milliy birlik — oliy qadriyat', '90-yillar takrorlanmasin'],
          body: [
            '{place}da tinchlik va milliy birlikka bagʻishlangan yigʻilish boʻlib oʻtdi.',
            'Soʻzga chiqqanlar fuqarolar urushi dahshatlarini eslab, 90-yillar takrorlanmasligi kerakligini taʼkidladi.',
            'Barqarorlik hamma narsadan ustun, provokatorlar esa tartibsizlik istaydi, dedi {official}.',
            'Bugun norozilik bildirayotgan har kim mamlakatni oʻtmishga sudramoqda.',
          ],
        },
      },
      {
        tg: {
          title: 'Иғвогарон бетартибӣ мехоҳанд',
          body: [
            'Дар шабакаҳо боз даъватҳо ба эътироз пайдо шуданд.',
            'Касоне, ки даҳшатҳои ҷанги шаҳрвандиро дидаанд, медонанд, ки субот аз ҳама болотар аст.',
            'Такрори солҳои 90-ум нашавад.',
          ],
        },
        ru: {
          title: 'Провокаторы хотят хаоса',
          body: [
            'В соцсетях снова появились призывы к протестам.',
            'Те, кто помнит ужасы гражданской войны, знают: стабильность превыше всего.',
            'Нельзя допустить повторения 90-х.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-other-taliban-proxy',
    kind: 'narrative',
    category: 'other',
    narratives: ['other-taliban-isk-foreign-proxy'],
    facts: () => ({}),
    variants: [
      {
        fa: {
          title: 'سخنگو: داعش در افغانستان شکست خورده است',
          body: [
            'سخنگوی امارت گفت که داعش در افغانستان شکست خورده و از خاک افغانستان تهدیدی نیست.',
            'به گفتهٔ او، خوارج از خارجیان تشکیل شده‌اند و بسیاری از جنگجویان آن تاجیک هستند.',
            'او افزود که داعش را استخبارات خارجی ساخته است.',
          ],
        },
        ru: {
          title: 'Талибы: ИГ в Афганистане разгромлено',
          body: [
            'Официальный представитель талибов заявил, что ИГ в Афганистане разгромлено и с афганской земли нет угрозы соседям.',
            'По его словам, хариджиты — это иностранцы, в том числе таджикские боевики, а ДАИШ состоит из иностранцев.',
            'Он добавил, что ДАИШ создан иностранными спецслужбами.',
          ],
        },
        tg: {
          title: 'Толибон: ДИИШ дар Афғонистон шикаст хӯрд',
          body: [
            'Сухангӯи толибон изҳор дошт, ки ДИИШ дар Афғонистон шикаст хӯрд ва аз хоки Афғонистон таҳдиде нест.',
            'Ба гуфтаи ӯ, хавориҷ аз хориҷиён иборатанд, аз ҷумла ҷангҷӯёни тоҷик, ва ДИИШ аз хориҷиён иборат аст.',
            'Ӯ илова кард, ки ДИИШ-ро хадамоти хориҷӣ сохтааст.',
          ],
        },
        en: {
          title: 'Taliban: Daesh is defeated in Afghanistan',
          body: [
            'A Taliban spokesman said Daesh is defeated in Afghanistan and there is no threat from Afghan soil.',
            'He said the Khawarij are foreigners, including Tajik militants, and that Daesh is made of foreigners.',
            'He added that Daesh was created by foreign intelligence.',
          ],
        },
        uz: {
          title: 'Tolibon: IShID Afgʻonistonda tor-mor etildi',
          body: [
            'Tolibon vakili IShID Afgʻonistonda tor-mor etilganini va Afgʻoniston zaminidan tahdid yoʻqligini aytdi.',
            'Uning soʻzlariga koʻra, xavorijlar xorijliklardan, jumladan tojik jangarilaridan iborat.',
            'U IShIDni xorijiy maxsus xizmatlar yaratganini qoʻshimcha qildi.',
          ],
        },
      },
      {
        ru: {
          title: 'Талибы: угрозы для соседей нет',
          body: [
            'Кабул вновь заверил соседей, что с афганской земли нет угрозы.',
            'Таджикские боевики в рядах хариджитов — проблема Душанбе, а не Кабула, заявили в МИД талибов.',
          ],
        },
        tg: {
          title: 'Толибон: барои ҳамсояҳо таҳдиде нест',
          body: [
            'Кобул боз ба ҳамсояҳо итминон дод, ки аз хоки Афғонистон таҳдиде нест.',
            'Ҷангҷӯёни тоҷик дар сафи хавориҷ мушкили Душанбе аст, на Кобул, гуфтанд дар Вазорати хориҷаи толибон.',
          ],
        },
        fa: {
          title: 'امارت: تهدیدی برای همسایگان نیست',
          body: [
            'کابل بار دیگر به همسایگان اطمینان داد که از خاک افغانستان تهدیدی نیست.',
            'جنگجویان تاجیک در صف خوارج مشکل دوشنبه است، نه کابل.',
          ],
        },
      },
    ],
  },
];
