/**
 * IS-K narratives (taxonomy family `isk`) as a supporter channel or a recruiter in a group chat
 * would frame them. Paraphrased framing only: no calls to violence, no instructions, nothing
 * graphic, no real invitation links. The point is to give detectors the frames and cues to find.
 */
import { GBAO_PLACES, pickPlace, RU_CITIES } from './slots.ts';
import type { Topic } from './types.ts';

export const ISK_NARRATIVES: readonly Topic[] = [
  {
    id: 'n-isk-taliban-apostate',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-taliban-apostate-pashtun'],
    facts: () => ({}),
    variants: [
      {
        tg: {
          title: ['Толибон ва «шариати» онҳо', 'Аморати миллатгаро'],
          body: [
            'Толибон худро ҳомии дин меноманд, вале дар амал аморати миллатгаро сохтанд.',
            'Миллатгароии паштунӣ дар Кобул ҳукмфармост ва толибон ба тоҷикон зулм мекунанд — дар Бадахшону Панҷшер заминҳояшонро мегиранд.',
            [
              'Дипломатияи толибон бо кофирон аз Маскав то Пекин нишон медиҳад, ки ин шариати ҳақиқӣ нест.',
              'Толибон дӯстони Русия ва Чин шуданд ва ба хотири пул аз дин рӯ гардонданд.',
            ],
            'Толибони муртад набояд шуморо фиреб диҳанд.',
          ],
        },
        ru: {
          title: ['Талибы и их «шариат»', 'Националистический эмират'],
          body: [
            'Талибы называют себя защитниками веры, но на деле построили националистический эмират.',
            'В Кабуле правит пуштунский национализм, а талибы притесняют таджиков — в Бадахшане и Панджшере у них отнимают землю.',
            [
              'Дипломатия талибов с неверными — от Москвы до Пекина — показывает, что это не настоящий шариат.',
              'Талибы дружат с Россией и Китаем и ради денег отвернулись от веры.',
            ],
            'Пусть талибы-муртады вас не обманывают.',
          ],
        },
        en: {
          title: ['The Taliban and their “sharia”', 'A nationalist emirate'],
          body: [
            'The Taliban call themselves defenders of the faith, but in practice they built a nationalist emirate.',
            'Pashtun nationalism rules in Kabul, and the Taliban oppress Tajiks, taking their land in Badakhshan and Panjshir.',
            'Taliban diplomacy with unbelievers, from Moscow to Beijing, shows this is not true sharia.',
            'Do not let the apostate Taliban deceive you.',
          ],
        },
        uz: {
          title: ['Tolibonlar va ularning “shariati”', 'Millatchi amirlik'],
          body: [
            'Tolibonlar oʻzlarini din himoyachisi deb atashadi, lekin amalda millatchi amirlik qurishdi.',
            'Kobulda pushtun millatchiligi hukmron, tolibonlar esa tojiklar va oʻzbeklarni ezmoqda.',
            'Tolibonlarning Moskvadan Pekingacha kofirlar bilan diplomatiyasi bu haqiqiy shariat emasligini koʻrsatadi.',
            'Murtad tolibonlar sizni aldamasin.',
          ],
        },
        fa: {
          title: 'طالبان و «شریعت» آنان',
          body: [
            'طالبان خود را مدافع دین می‌خوانند، اما در عمل امارتی ملی‌گرا ساخته‌اند.',
            'ملی‌گرایی پشتونی در کابل حاکم است و طالبان بر تاجیکان ظلم می‌کنند.',
            'دیپلماسی طالبان با کافران از مسکو تا پکن نشان می‌دهد که این شریعت حقیقی نیست.',
          ],
        },
      },
      {
        tg: {
          title: 'Боз вохӯрӣ бо Маскав',
          body: [
            'Толибони муртад боз бо намояндагони Маскав дар Кобул вохӯрданд.',
            'Ин аморати миллатгаро аст, на давлати ислом. Ин шариати ҳақиқӣ нест.',
          ],
        },
        ru: {
          title: 'Снова встреча с Москвой',
          body: [
            'Талибы-муртады снова встречались с представителями Москвы в Кабуле.',
            'Это националистический эмират, а не исламское государство. Это не настоящий шариат.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-iran-sunnis',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-iran-oppressor-of-sunnis'],
    facts: () => ({}),
    variants: [
      {
        tg: {
          title: ['Эрон ва аҳли суннат', 'Сиёсати мазҳабгароёнаи Теҳрон'],
          body: [
            'Эрон ба аҳли суннат зулм мекунад ва инро ҳатто пинҳон намедорад.',
            'Суннимазҳабон дар зиндонҳои Эрон солҳо бе додгоҳ нигоҳ дошта мешаванд, гурӯҳҳои мусаллаҳи шиа бошанд дар Сурия ва Афғонистон озодона амал мекунанд.',
            'Сиёсати мазҳабгароёнаи Теҳрон лоиҳаи сафавӣ аст, ки рофизиён онро пеш мебаранд.',
          ],
        },
        ru: {
          title: ['Иран и сунниты', 'Сектантская политика Тегерана'],
          body: [
            'Иран притесняет суннитов и даже не скрывает этого.',
            'Сунниты в иранских тюрьмах годами сидят без суда, а шиитские ополчения свободно действуют в Сирии и Афганистане.',
            'Сектантская политика Тегерана — это сефевидский проект, который продвигают рафидиты.',
          ],
        },
        en: {
          title: ['Iran and the Sunnis', 'Tehran’s sectarian policy'],
          body: [
            'Iran oppresses Sunnis and does not even hide it.',
            'Sunnis in Iranian prisons are held for years without trial, while Shia militias operate freely in Syria and Afghanistan.',
            'Tehran’s sectarian policy is a Safavid project.',
          ],
        },
        uz: {
          title: ['Eron va sunniylar', 'Tehronning mazhabparast siyosati'],
          body: [
            'Eron sunniylarni ezmoqda va buni yashirmaydi ham.',
            'Eron qamoqxonalaridagi sunniylar yillab sudsiz saqlanmoqda, shia qurolli guruhlari esa Suriya va Afgʻonistonda erkin harakat qilmoqda.',
            'Tehronning mazhabparast siyosati — safaviylar loyihasi.',
          ],
        },
        fa: {
          title: 'ایران و اهل سنت',
          body: [
            'ایران بر اهل سنت ظلم می‌کند و این را پنهان هم نمی‌کند.',
            'سنی‌مذهبان در زندان‌های ایران سال‌ها بدون محاکمه نگه داشته می‌شوند.',
            'سیاست مذهب‌گرایانهٔ تهران یک پروژهٔ صفوی است.',
          ],
        },
      },
      {
        tg: {
          title: 'Ҷаҳон хомӯш аст',
          body: [
            'Боз як гурӯҳи суннимазҳабон дар зиндонҳои Эрон.',
            'Эрон ба аҳли суннат зулм мекунад, ҷаҳон бошад хомӯш аст.',
          ],
        },
        ru: {
          title: 'Мир молчит',
          body: ['Ещё одна группа суннитов в иранских тюрьмах.', 'Иран притесняет суннитов, а мир молчит.'],
        },
      },
    ],
  },
  {
    id: 'n-isk-puppet-government',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-government-puppet-of-foreign-powers'],
    facts: (r) => ({ city: r.pick(RU_CITIES) }),
    variants: [
      {
        tg: {
          title: ['Ҳукумати лӯхтак', 'Ғуломони Маскав'],
          body: [
            'Ҳукумати лӯхтак дар Душанбе фармонҳоро аз хоҷагони хориҷӣ мегирад.',
            'Манъи ҳиҷоб ва риштарошии маҷбурӣ собит мекунанд, ки ин ҷанг бар зидди ислом дар Тоҷикистон аст.',
            [
              'Ин режими тоғут мусулмононро ба Русия месупорад ва ҷавононро дар зиндонҳо нигоҳ медорад.',
              'Ҳокимони муртади Осиёи Марказӣ ғуломони Маскав ва Пекин ҳастанд.',
            ],
          ],
        },
        ru: {
          title: ['Марионеточное правительство', 'Рабы Москвы'],
          body: [
            'Марионеточное правительство в Душанбе получает приказы от иностранных хозяев.',
            'Запрет хиджаба и насильное бритьё бород доказывают: это война против ислама в Таджикистане.',
            [
              'Этот режим тагута выдаёт мусульман России и держит молодёжь в тюрьмах.',
              'Правители-муртады Центральной Азии — рабы Москвы и Пекина.',
            ],
          ],
        },
        en: {
          title: ['A puppet government', 'Slaves of Moscow'],
          body: [
            'The puppet government in Dushanbe takes orders from foreign masters.',
            'The hijab ban and forced beard shaving prove this is a war on Islam in Tajikistan.',
            'This taghut regime is handing Muslims over to Russia and keeps young men in prison.',
          ],
        },
        uz: {
          title: ['Qoʻgʻirchoq hukumat', 'Moskva qullari'],
          body: [
            'Dushanbedagi qoʻgʻirchoq hukumat xorijiy xoʻjayinlardan buyruq oladi.',
            'Hijob taqiqi va soqolni majburan oldirish bu Tojikistonda islomga qarshi urush ekanini isbotlaydi.',
            'Bu tagʻut rejimi musulmonlarni Rossiyaga topshirmoqda.',
          ],
        },
      },
      {
        tg: {
          title: 'Боз як ҷавонро супурданд',
          body: [
            'Боз як ҷавонро аз {city} ба Душанбе супурданд.',
            'Режими тоғут ҳамроҳи Маскав шикор мекунад: мусулмононро ба Русия месупоранд ва аз Русия мегиранд.',
            'Ғуломони Маскав ҳеҷ гоҳ ҳомии шумо намешаванд.',
          ],
        },
        ru: {
          title: 'Ещё одного парня выдали',
          body: [
            'Ещё одного парня из {city.gen} выдали Душанбе.',
            'Режим тагута вместе с Москвой охотится на верующих: выдают мусульман России и забирают из России.',
            'Рабы Москвы никогда не станут вашими защитниками.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-china-uyghur',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-china-neocolonial-uyghur'],
    facts: (r) => ({ gbao: r.pick(GBAO_PLACES) }),
    variants: [
      {
        tg: {
          title: ['Чини коммунист ва мусулмонон', 'Зулм ба уйғурҳо'],
          body: [
            'Чини коммунист миллионҳо мусулмонро дар Туркистони Шарқӣ дар лагерҳо нигоҳ медорад.',
            'Зулм ба уйғурҳо идома дорад, вале ҳокимони минтақа хомӯшанд, чунки замини мусулмононро ба Чин мефурӯшанд.',
            [
              'Конҳои чинӣ дар замини мусулмонон — аз Бадахшон то Суғд — сарвати шуморо мебаранд.',
              'Толибон уйғурҳоро ба Чин месупоранд ва инро «дипломатия» меноманд.',
            ],
          ],
        },
        ru: {
          title: ['Коммунистический Китай и мусульмане', 'Угнетение уйгуров'],
          body: [
            'Коммунистический Китай держит миллионы мусульман Восточного Туркестана в лагерях.',
            'Угнетение уйгуров продолжается, но правители региона молчат — они продают землю мусульман Китаю.',
            [
              'Китайские рудники на земле мусульман — от Бадахшана до Согда — вывозят ваше богатство.',
              'Талибы выдают уйгуров Китаю и называют это «дипломатией».',
            ],
          ],
        },
        en: {
          title: ['Communist China and the Muslims', 'The oppression of Uyghurs'],
          body: [
            'Communist China holds millions of Muslims from East Turkestan in camps.',
            'The oppression of Uyghurs continues, yet the region’s rulers stay silent because they are selling Muslim land to China.',
            'Chinese mines on Muslim land, from Badakhshan to Sughd, carry away your wealth.',
          ],
        },
        uz: {
          title: ['Kommunistik Xitoy va musulmonlar', 'Uygʻurlarga zulm'],
          body: [
            'Kommunistik Xitoy Sharqiy Turkistonning millionlab musulmonlarini lagerlarda saqlamoqda.',
            'Uygʻurlarga zulm davom etmoqda, mintaqa hukmdorlari esa jim — ular musulmonlar yerini Xitoyga sotmoqda.',
            'Musulmonlar yeridagi Xitoy konlari boyligingizni olib ketmoqda.',
          ],
        },
      },
      {
        tg: {
          title: 'Конҳо ба Чин, уйғурҳо ба Чин',
          body: [
            'Толибон уйғурҳоро ба Чин месупоранд, ҳукумат бошад конҳои наздики {gbao}ро ба ширкатҳои чинӣ медиҳад.',
            'Чини коммунист душмани мусулмонон аст, вале ҳокимон бо он дӯстӣ мекунанд.',
          ],
        },
        ru: {
          title: 'Рудники — Китаю, уйгуров — Китаю',
          body: [
            'Талибы выдают уйгуров Китаю, а власти отдают рудники у {gbao.gen} китайским компаниям.',
            'Коммунистический Китай — враг мусульман, но правители с ним дружат.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-failed-tyranny',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-tajik-state-failed-tyranny'],
    facts: (r) => ({ place: pickPlace(r) }),
    variants: [
      {
        tg: {
          title: ['Сӣ соли зулм', 'Давлати дунявӣ ноком шуд'],
          body: [
            'Бекорӣ ва камбизоатӣ, фасод ва беадолатӣ — ин аст натиҷаи сӣ соли ҳукмронии як оила.',
            'Зулми хонаводаи ҳоким ва шиканҷа дар зиндонҳо собит мекунанд, ки давлати дунявӣ ноком шуд.',
            [
              'Демократия фиреб аст: интихоботи онҳо ҳамеша як натиҷа дорад.',
              'Танҳо шариат адолат меорад, на ваъдаҳои ҳукумат.',
            ],
          ],
        },
        ru: {
          title: ['Тридцать лет тирании', 'Светское государство провалилось'],
          body: [
            'Безработица и нищета, коррупция и несправедливость — вот итог тридцати лет правления одной семьи.',
            'Тирания правящей семьи и пытки в тюрьмах доказывают: светское государство провалилось.',
            [
              'Демократия — обман: у их выборов всегда один результат.',
              'Только шариат даст справедливость, а не обещания власти.',
            ],
          ],
        },
        en: {
          title: ['Thirty years of tyranny', 'The secular state has failed'],
          body: [
            'Unemployment and poverty, corruption and injustice: this is the result of thirty years of one family’s rule.',
            'The tyranny of the ruling family and torture in prisons prove the secular state has failed.',
            'Democracy is a deception; only sharia brings justice.',
          ],
        },
        uz: {
          title: ['Oʻttiz yillik zulm', 'Dunyoviy davlat barbod boʻldi'],
          body: [
            'Ishsizlik va qashshoqlik, korrupsiya va adolatsizlik — bir oila hukmronligining oʻttiz yillik natijasi shu.',
            'Hukmron oila zulmi va qamoqxonalardagi qiynoqlar dunyoviy davlat barbod boʻlganini isbotlaydi.',
            'Demokratiya — aldov, adolatni faqat shariat keltiradi.',
          ],
        },
      },
      {
        tg: {
          title: 'Боз бе барқ, боз бе кор',
          body: [
            'Боз дар {place} барқ нест, ҷавонон бекоранд, мансабдорон бошанд қасрҳо месозанд.',
            'Давлати дунявӣ ноком шуд — инро ҳама мебинанд.',
            'Танҳо шариат адолат меорад.',
          ],
        },
        ru: {
          title: 'Снова без света, снова без работы',
          body: [
            'Снова {place.in} нет света, молодёжь без работы, а чиновники строят дворцы.',
            'Светское государство провалилось — это видят все.',
            'Только шариат даст справедливость.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-reward-belonging',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-reward-belonging-youth'],
    facts: (r) => ({ city: r.pick(RU_CITIES) }),
    variants: [
      {
        tg: {
          title: 'Бародар, ту танҳо нестӣ',
          body: [
            'Бародар, дар {city} танҳо ҳастӣ, кор нест, ҳама туро таҳқир мекунанд?',
            'Мо бародарии ҳақиқӣ пешниҳод мекунем — ин ҷо ҳеҷ кас туро танҳо намегузорад.',
            [
              'Иззати худро баргардон ва ба оилаат кӯмак кун: барои касоне, ки бо мо ҳастанд, пули хуб барои оила ҳаст.',
              'Зиндагӣ маъно пайдо мекунад, вақте ки дар байни бародарон ҳастӣ.',
            ],
            'Ин ҷо дар ин бора гап намезанем — ба паёми шахсӣ навис, пайванд ба канали пӯшида медиҳам.',
          ],
        },
        ru: {
          title: 'Брат, ты не один',
          body: [
            'Брат, ты один {city.in}, работы нет, все тебя унижают?',
            'Мы предлагаем настоящее братство — здесь тебя никто не бросит.',
            [
              'Верни своё достоинство и помоги своей семье: для тех, кто с нами, есть хорошие деньги для семьи.',
              'Жизнь обретёт смысл, когда ты среди братьев.',
            ],
            'Здесь об этом не говорят — пиши в личку, дам ссылку на закрытый канал.',
          ],
        },
        en: {
          title: 'Brother, you are not alone',
          body: [
            'Brother, are you alone in {city}, with no work and everyone humiliating you?',
            'We offer true brotherhood; nobody here will abandon you.',
            'Regain your dignity and help your family: there is good money for your family for those who are with us.',
            'We don’t talk about it here. Write to me privately and I will send a link to a closed channel.',
          ],
        },
        uz: {
          title: 'Birodar, sen yolgʻiz emassan',
          body: [
            'Birodar, {city}da yolgʻizmisan, ish yoʻq, hamma seni xoʻrlayaptimi?',
            'Biz haqiqiy birodarlikni taklif qilamiz — bu yerda seni hech kim tashlab ketmaydi.',
            'Qadr-qimmatingni qaytar va oilangga yordam ber: biz bilan boʻlganlar uchun oilaga yaxshi pul bor.',
            'Bu yerda bu haqda gaplashmaymiz — shaxsiyga yoz, yopiq kanal havolasini beraman.',
          ],
        },
      },
      {
        tg: {
          title: 'Ҳиҷрат',
          body: [
            'Ҳиҷрат роҳи касонест, ки аз зиндагии хорона хаста шудаанд.',
            'Бародарии ҳақиқӣ ва зиндагии пурмаъно туро интизоранд.',
            'Барои тафсилот ба паёми шахсӣ навис.',
          ],
        },
        ru: {
          title: 'Хиджра',
          body: [
            'Хиджра — путь тех, кто устал от унизительной жизни.',
            'Настоящее братство и жизнь со смыслом ждут тебя.',
            'За подробностями — пиши в личку.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-migrant-humiliation',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-migrant-humiliation-russia'],
    facts: (r) => ({ city: r.pick(RU_CITIES) }),
    variants: [
      {
        tg: {
          title: ['Рейдҳо ва таҳқир', 'Русия ҳеҷ гоҳ туро қабул намекунад'],
          body: [
            'Рейдҳо бар зидди тоҷикон дар {city} идома доранд: бародаронро дар хобгоҳҳо боздошт ва таҳқир мекунанд.',
            'Таҳқири муҳоҷирон дар Русия тасодуф нест — Русия мусулмононро мекушад, аз Чечня то Сурия.',
            [
              'Шиканҷаи гумонбарони «Крокус»-ро ҳама диданд ва касе ҷавоб надод.',
              'Ҳар қадар кор кунӣ ҳам, Русия ҳеҷ гоҳ туро қабул намекунад.',
            ],
            'Кишвари куфр ҳеҷ гоҳ хонаи шумо намешавад.',
          ],
        },
        ru: {
          title: ['Облавы и унижение', 'Россия тебя никогда не примет'],
          body: [
            'Облавы на таджиков {city.in} продолжаются: братьев задерживают в общежитиях и унижают.',
            'Унижение мигрантов в России не случайность — Россия убивает мусульман, от Чечни до Сирии.',
            [
              'Пытки обвиняемых по «Крокусу» видели все, и никто за это не ответил.',
              'Сколько бы ты ни работал, Россия тебя никогда не примет.',
            ],
            'Страна куфра никогда не станет вашим домом.',
          ],
        },
        en: {
          title: ['Raids and humiliation', 'Russia will never accept you'],
          body: [
            'Raids on Tajiks in {city} continue: brothers are detained in dormitories and humiliated.',
            'The humiliation of migrants in Russia is no accident; Russia kills Muslims, from Chechnya to Syria.',
            'Everyone saw the torture of the Crocus suspects, and nobody answered for it.',
            'However hard you work, Russia will never accept you.',
          ],
        },
        uz: {
          title: ['Reydlar va xoʻrlash', 'Rossiya seni hech qachon qabul qilmaydi'],
          body: [
            '{city}da tojiklarga qarshi reydlar davom etmoqda: birodarlar yotoqxonalarda ushlanib, xoʻrlanmoqda.',
            'Rossiyada migrantlarning xoʻrlanishi tasodif emas — Rossiya Chechenistondan Suriyagacha musulmonlarni oʻldirmoqda.',
            'Qancha ishlasang ham, Rossiya seni hech qachon qabul qilmaydi.',
          ],
        },
      },
      {
        tg: {
          title: 'Боз рейд',
          body: [
            'Боз рейд дар бозори {city}.',
            'Русия ҳеҷ гоҳ туро қабул намекунад, бародар. Кишвари куфр хонаи мо нест.',
          ],
        },
        ru: {
          title: 'Опять облава',
          body: [
            'Опять облава на рынке {city.gen}.',
            'Россия тебя никогда не примет, брат. Страна куфра — не наш дом.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-borderless-caliphate',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-khorasan-borderless-caliphate'],
    facts: () => ({}),
    variants: [
      {
        tg: {
          title: ['Уммат марз надорад', 'Марзҳои сунъӣ'],
          body: [
            'Марзҳои сунъии кофирон мусулмонони Осиёи Марказиро ҷудо карданд.',
            'Уммат марз надорад: Хуросону Мовароуннаҳр як заминанд.',
            [
              'Миллатгароӣ ширк аст — шуморо бо парчам ва суруди миллӣ фиреб медиҳанд.',
              'Вилояти Хуросон мегӯяд, ки хилофат ҳамаи ин заминҳоро муттаҳид мекунад.',
            ],
          ],
        },
        ru: {
          title: ['У уммы нет границ', 'Искусственные границы'],
          body: [
            'Искусственные границы неверных разделили мусульман Центральной Азии.',
            'У уммы нет границ: Хорасан и Мавераннахр — одна земля.',
            [
              'Национализм — это ширк, вас обманывают флагами и гимнами.',
              'Вилаят Хорасан заявляет, что халифат объединит все эти земли.',
            ],
          ],
        },
        en: {
          title: ['The ummah has no borders', 'Artificial borders'],
          body: [
            'Artificial borders drawn by unbelievers have divided the Muslims of Central Asia.',
            'The ummah has no borders: Khorasan and Transoxiana are one land.',
            'Nationalism is idolatry; they deceive you with flags and anthems.',
          ],
        },
        uz: {
          title: ['Ummatning chegarasi yoʻq', 'Sunʼiy chegaralar'],
          body: [
            'Kofirlar chizgan sunʼiy chegaralar Markaziy Osiyo musulmonlarini boʻlib tashladi.',
            'Ummatning chegarasi yoʻq: Xuroson va Movarounnahr — bir zamin.',
            'Millatchilik — shirk, sizni bayroq va madhiya bilan aldashmoqda.',
          ],
        },
      },
      {
        tg: {
          title: 'Парчамҳо ва марзҳо',
          body: [
            'Парчамҳо ва марзҳо аз они кофирон аст.',
            'Уммат марз надорад ва хилофат ягона ватани мусулмон аст.',
          ],
        },
        ru: {
          title: 'Флаги и границы',
          body: [
            'Флаги и границы — выдумка неверных.',
            'У уммы нет границ, и халифат — единственная родина мусульманина.',
          ],
        },
      },
    ],
  },
  {
    id: 'n-isk-strength-reach',
    kind: 'narrative',
    category: 'isk',
    narratives: ['isk-strength-and-reach'],
    facts: () => ({}),
    variants: [
      {
        tg: {
          title: ['Режимҳо шуморо ҳимоя карда наметавонанд', 'Изҳороти «Аъмоқ»'],
          body: [
            'Изҳороти «Аъмоқ» боз нишон дод, ки режимҳо шуморо ҳимоя карда наметавонанд.',
            'Аз Тоҷикистон то Маскав хадамоти махфӣ дар ҳарос ҳастанд, ҳарчанд дар телевизион баръакс мегӯянд.',
            'Хилофат густариш меёбад ва ҳеҷ марз онро боз дошта наметавонад.',
          ],
        },
        ru: {
          title: ['Режимы не могут вас защитить', 'Заявление «Амака»'],
          body: [
            'Заявление «Амака» вновь показало: режимы не могут вас защитить.',
            'От Таджикистана до Москвы спецслужбы в панике, хотя по телевизору говорят обратное.',
            'Халифат расширяется, и никакие границы его не остановят.',
          ],
        },
        en: {
          title: ['The regimes cannot protect you', 'The Amaq claim'],
          body: [
            'The Amaq claim showed again that the regimes cannot protect you.',
            'From Tajikistan to Moscow the security services are in panic, whatever television says.',
            'The caliphate is expanding and no border will stop it.',
          ],
        },
        uz: {
          title: ['Rejimlar sizni himoya qila olmaydi', '“Aʼmoq” bayonoti'],
          body: [
            '“Aʼmoq” bayonoti yana koʻrsatdiki, rejimlar sizni himoya qila olmaydi.',
            'Tojikistondan Moskvagacha maxsus xizmatlar vahimada, televizorda esa teskarisini aytishadi.',
            'Xalifalik kengaymoqda va hech qanday chegara uni toʻxtata olmaydi.',
          ],
        },
      },
      {
        tg: {
          title: 'Ҳамлаи ракетӣ ба марзро ёд доред?',
          body: [
            'Ҳамлаи ракетӣ ба марз дар соли 2022-ро ёд доред?',
            'Режимҳо шуморо ҳимоя карда наметавонанд — на толибон, на Душанбе, на Маскав.',
          ],
        },
        ru: {
          title: 'Помните ракетный обстрел границы?',
          body: [
            'Помните ракетный обстрел границы в 2022 году?',
            'Режимы не могут вас защитить — ни талибы, ни Душанбе, ни Москва.',
          ],
        },
      },
    ],
  },
];
