/**
 * Ogoh's multilingual concept lexicon for claim matching, written by the project (ships with it).
 * Tajik and Russian share few words (муҳоҷир / мигрант, шаҳрвандӣ / гражданство, орд / мука), so
 * a post that translates a claim meets it through these concepts, not through its stems.
 *
 * One concept a line: `id | tg | ru | uz (Latin) | en | fa`; alternatives separated by commas; a
 * form may be a phrase of up to three words ("ду баробар"). Uzbek Cyrillic is derived from the
 * Latin column (uzbekCyrillic in lexicon.ts), Tajik typed on a Russian layout by keyboard folding,
 * inflections by the same stemmers the claim analysis uses; list extra forms only where a stemmer
 * cannot join them (Tajik verb stems, Russian suppletion). The fa column may be empty.
 */
export const CONCEPT_LINES = `
# migration and labour
migrant | муҳоҷир, муҳоҷирон, муҳоҷири меҳнатӣ | мигрант, гастарбайтер, трудовой мигрант | migrant, muhojir | migrant, migrant worker | مهاجر
migration | муҳоҷират | миграция, миграционный | migratsiya | migration | مهاجرت
citizenship | шаҳрвандӣ, шаҳрвандиро | гражданство | fuqarolik | citizenship, passport holder | شهروندی, تابعیت
citizen | шаҳрванд, шаҳрвандон | гражданин, граждане, граждан | fuqaro, fuqarolar | citizen, citizens | شهروند
passport | шиноснома, паспорт | паспорт | pasport | passport | گذرنامه
visa | раводид, виза | виза, визовый | viza | visa, visas | روادید, ویزا
visa_free | бидуни раводид, бе раводид | безвизовый | vizasiz | visa-free, visa free | بدون روادید
work_permit | иҷозатномаи корӣ, иҷозатнома | разрешение на работу | ish ruxsatnomasi, ruxsatnoma | work permit, permits | اجازه کار
patent | патент | патент | patent | patent | پتنت
deport | ихроҷ, депорт, депортатсия, хориҷ кардан, хориҷ мекунанд, хориҷ мекунад | депортировать, депортация, депортируют, выдворить, выслать, отчислить, отчисляют, отчисление | deportatsiya, deport, chetlatish, chetlatilmoqda | deport, deported, deportation, expel, expelled | اخراج
entry | воридшавӣ, ворид шудан, даромадан | въезд | kirish, kirishi | entry, enter | ورود
exit_country | баромадан, хуруҷ | выезд, выехать, уезжать, уехать | chiqish | leave the country, exit, leave | خروج
border_crossing | гузаргоҳ, гузаргоҳи марзӣ | пункт пропуска, кпп | o'tkazish punkti | checkpoint, border crossing | گذرگاه
remittance | интиқоли пул, пулҳои муҳоҷирон | перевод, переводы, денежные переводы | pul o'tkazmalari, pul o'tkazmasi | remittance, remittances, money transfers | حواله
worker | коргар, коргарон | рабочий, рабочие, работник | ishchi, ishchilar | worker, workers, labourer | کارگر
work | кор, кор кардан | работа, работать, заработки | ish, ishlash, ishlashga | work, job, jobs | کار
employer | корфармо | работодатель | ish beruvchi | employer | کارفرما
unemployment | бекорӣ | безработица, безработный | ishsizlik | unemployment, unemployed | بیکاری
contract | шартнома, шартномавӣ, аҳднома, созишнома | контракт, договор, контрактный, соглашение | shartnoma, kelishuv | contract, treaty, agreement, deal | قرارداد
exam | имтиҳон | экзамен, тест | imtihon | exam, test | امتحان
language_russian | забони русӣ, русӣ | русский язык, русского языка, русскому языку | rus tili | russian language | زبان روسی
language | забон | язык | til, tili | language | زبان
fingerprint | изи ангушт | отпечатки пальцев, дактилоскопия | barmoq izi | fingerprint, fingerprints | اثر انگشت
registration | бақайдгирӣ, сабти ном | регистрация | ro'yxatga olish | registration | ثبت نام
ban_entry | манъи воридшавӣ | запрет на въезд | kirish taqiqi | entry ban | ممنوعیت ورود
raid | рейд, амалиёт | рейд, облава, проверка | reyd | raid, raids | یورش
camp | лагер, урдугоҳ | лагерь | lager | camp, camps | اردوگاه
# states and places
russia | Русия, Россия | Россия, российский, РФ | Rossiya, Rusiya | Russia, Russian | روسیه
china | Хитой, Чин, чинӣ | Китай, китайский | Xitoy | China, Chinese | چین
tajikistan | Тоҷикистон | Таджикистан, РТ | Tojikiston | Tajikistan | تاجیکستان
tajik | тоҷик, тоҷикон, тоҷикӣ | таджик, таджикский, таджики | tojik | Tajik, Tajiks | تاجیک
uzbekistan | Ӯзбекистон | Узбекистан | O'zbekiston | Uzbekistan | ازبکستان
uzbek | ӯзбек | узбек, узбекский | o'zbek | Uzbek | ازبک
kyrgyzstan | Қирғизистон, Қирғизия | Киргизия, Кыргызстан, Киргизстан | Qirg'iziston | Kyrgyzstan, Kyrgyz | قرقیزستان
kazakhstan | Қазоқистон | Казахстан | Qozog'iston | Kazakhstan | قزاقستان
turkmenistan | Туркманистон | Туркмения, Туркменистан | Turkmaniston | Turkmenistan | ترکمنستان
afghanistan | Афғонистон | Афганистан, афганский | Afg'oniston | Afghanistan, Afghan | افغانستان
iran | Эрон | Иран | Eron | Iran, Iranian | ایران
usa | Амрико, ИМА, Иёлоти Муттаҳида | США, Америка, американский, Штаты | AQSH, Amerika | US, USA, United States, America, American | آمریکا
europe | Аврупо, аврупоӣ | Европа, европейский | Yevropa | Europe, European | اروپا
west | Ғарб, ғарбӣ | Запад, западный | G'arb | West, Western | غرب
ukraine | Украина | Украина, украинский | Ukraina | Ukraine, Ukrainian | اوکراین
turkey | Туркия | Турция | Turkiya | Turkey, Turkiye | ترکیه
pakistan | Покистон | Пакистан | Pokiston | Pakistan | پاکستان
india | Ҳиндустон | Индия | Hindiston | India | هند
central_asia | Осиёи Миёна, Осиёи Марказӣ | Средняя Азия, Центральная Азия | O'rta Osiyo, Markaziy Osiyo | Central Asia, Central Asian | آسیای میانه
dushanbe | Душанбе | Душанбе | Dushanbe | Dushanbe | دوشنبه
khujand | Хуҷанд | Худжанд, Ходжент | Xo'jand | Khujand | خجند
khorog | Хоруғ | Хорог | Xorug' | Khorog | خاروغ
badakhshan | Бадахшон, ВМКБ, Кӯҳистони Бадахшон | Бадахшан, ГБАО, Горно-Бадахшанская | Badaxshon | Badakhshan, GBAO | بدخشان
pamir | Помир | Памир | Pomir | Pamir, Pamirs | پامیر
isfara | Исфара | Исфара | Isfara | Isfara | اسفره
sughd | Суғд | Согд, Согдийская | Sug'd | Sughd | سغد
khatlon | Хатлон | Хатлон | Xatlon | Khatlon | ختلان
rasht | Рашт | Раштская долина | Rasht | Rasht | 
kashgar | Қашқар | Кашгар | Qashqar | Kashgar | کاشغر
moscow | Маскав | Москва, московский | Moskva | Moscow | مسکو
tashkent | Тошканд | Ташкент | Toshkent | Tashkent | تاشکند
bishkek | Бишкек | Бишкек | Bishkek | Bishkek | بیشکک
kabul | Кобул | Кабул | Kobul | Kabul | کابل
amu_darya | Амударё, Ому | Амударья | Amudaryo | Amu Darya, Oxus | آمودریا
syr_darya | Сирдарё | Сырдарья | Sirdaryo | Syr Darya | سیردریا
sarez | Сарез | Сарез, Сарезское | Sarez | Sarez | سارز
rogun | Роғун | Рогун, Рогунская | Rog'un | Rogun | راغون
nurek | Норак | Нурек | Norak | Nurek | نورک
farhad | Фарҳод | Фархад, Фархадское | Farhod | Farhad | 
qosh_tepa | Қўштеппа, Қӯштеппа, Кош-Тепа | Кош-Тепа, Коштепа | Qo'shtepa | Qosh Tepa, Qosh-Tepa | قوش تپه
crocus | Крокус | Крокус | Krokus | Crocus | کروکوس
country | кишвар, мамлакат | страна, государство | mamlakat | country | کشور
region | вилоят, минтақа | область, регион | viloyat, mintaqa | region, province | ولایت
district | ноҳия | район | tuman | district | ناحیه
city | шаҳр | город | shahar | city, town | شهر
village | деҳа, деҳот, қишлоқ | село, деревня, кишлак | qishloq | village, villages | ده, روستا
valley | водӣ | долина | vodiy | valley, valleys | دره
land | замин, заминҳо | земля, земли | yer, yerlar | land, lands | زمین
soil | хок | грунт, почва | tuproq | soil | خاک
territory | қаламрав, ҳудуд | территория | hudud | territory | قلمرو
mountain | кӯҳ, кӯҳҳо | гора, горы, горный | tog' | mountain, mountains | کوه
lake | кӯл | озеро | ko'l | lake | دریاچه
river | дарё | река | daryo | river | رود
reservoir | обанбор | водохранилище | suv ombori | reservoir | مخزن آب
# borders and security
border | марз, сарҳад | граница, пограничный | chegara | border, frontier | مرز
border_guard | сарҳадбон, марзбон | пограничник, погранслужба | chegarachi | border guard, border guards | مرزبان
close | бастан, баст, мебандад, баста | закрыть, закрыли, закроет, закрывают, закрытие | yopdi, yopadi, yopilmoqda, yopildi, yopish | close, closed, closing, shut | بستن, بست
open | кушодан, кушод, мекушояд, кушода | открыть, открыли, откроет, открытие | ochdi, ochadi, ochish | open, opened, opening | باز کردن, گشود
military | ҳарбӣ, низомӣ | военный, военная | harbiy | military | نظامی
military_base | пойгоҳ, пойгоҳи ҳарбӣ | база, военная база | baza, harbiy baza | base, military base | پایگاه
army | артиш | армия | armiya | army | ارتش
troops | нерӯ, нерӯҳо, қӯшун, сарбоз, сарбозон | войска, войск, солдаты | qo'shin, askar | troops, soldiers, forces | نیرو, سرباز
fighters | ҷангҷӯ, ҷангҷӯён, ҷангиён | боевики, боевик | jangari, jangarilar | fighters, militants | جنگجو
war | ҷанг | война | urush | war | جنگ
attack | ҳамла, ҳуҷум | нападение, атака, напасть | hujum | attack, attacks | حمله
terror_attack | ҳамлаи террористӣ, теракт, амали террористӣ | теракт, террористический акт | terakt, terrorchilik hujumi | terror attack, terrorist attack | حمله تروریستی
terrorism | терроризм, террористӣ | терроризм, террористический, террорист | terrorizm, terrorchi | terrorism, terrorist | تروریسم
weapon | силоҳ, яроқ | оружие | qurol | weapon, weapons, arms | سلاح
fighter_jet | ҳавопаймои ҷангӣ | истребитель, истребители | qiruvchi samolyot | fighter jet, fighter jets | جنگنده
aircraft | ҳавопаймо | самолёт, самолет | samolyot | plane, aircraft, jet | هواپیما
drone | дрон, ҳавопаймои бесарнишин | дрон, беспилотник | dron | drone, drones | پهپاد
exercise_mil | машқ, машқҳо | учения | mashg'ulot | exercise, drills | رزمایش
csto | САҲШ | ОДКБ | KXShT | CSTO | سازمان پیمان امنیت جمعی
sco | СҲШ | ШОС | ShHT | SCO, Shanghai Cooperation | 
eaeu | Иттиҳоди иқтисодии Авруосиё, ИИАО | ЕАЭС, Евразийский экономический союз | Yevroosiyo iqtisodiy ittifoqi, YeOII | EAEU, Eurasian Economic Union | اتحادیه اقتصادی اوراسیا
eurasian | Авруосиё | Евразийский, Евразия | Yevroosiyo | Eurasian | اوراسیا
union | иттиҳод, иттиҳодия | союз | ittifoq | union | اتحادیه
member | узв, аъзо | член, вступить, вступит, вступление | a'zo | member, join, joins, membership | عضو
security | амният | безопасность | xavfsizlik | security | امنیت
defence | ҳимоя, дифоъ | защита, оборона | himoya, mudofaa | defence, defense, protect | دفاع
special_services | хадамоти махфӣ, хадамоти вижа | спецслужбы, разведка | maxsus xizmatlar, razvedka | intelligence services, secret services, special services | سرویس اطلاعاتی
drugs | маводи мухаддир, нашъа | наркотики, наркотик | giyohvand modda, narkotik | drugs, narcotics | مواد مخدر
heroin | героин | героин | geroin | heroin | هروئین
smuggler | қочоқчӣ, қочоқчиён | контрабандист, наркокурьер, курьер | kontrabandachi, narkokuryer | smuggler, courier, couriers | قاچاقچی
detain | дастгир, боздошт | задержать, задержали, арест, арестовать, арестованы | ushladi, ushlash, hibsga olindi, hibs | detain, detained, arrest, arrested, caught | بازداشت
clash | задухӯрд, муноқиша | столкновение, конфликт, стычка | to'qnashuv, mojaro | clash, clashes, conflict | درگیری
peace | сулҳ | перемирие | tinchlik | peace, ceasefire | صلح
talks | гуфтушунид, музокира | переговоры | muzokara | talks, negotiations, negotiate | مذاکره
mobilise | сафарбар, сафарбаркунӣ | мобилизация, мобилизованный | safarbarlik | mobilisation, mobilization, mobilised | بسیج
recruit | ҷалб, ҷалбкунанда, ҷалбкунандагон | вербовщик, вербовщики, вербовка, вербовать | yollovchi, yollovchilar, yollash | recruiter, recruiters, recruit, recruitment | جذب
# religion and extremism
is_group | ДИИШ, ДОИШ, Давлати исломӣ | ИГИЛ, ИГ, Исламское государство | IShID, IShID-X | IS, ISIS, ISIL, Islamic State, ISKP, IS-K | داعش
taliban | Толибон, толиб | талибы, Талибан, талиб | Tolibon | Taliban | طالبان
extremism | ифротгароӣ, ифротгаро, экстремизм | экстремизм, экстремист, экстремистский | ekstremizm, ekstremist | extremism, extremist | افراطگرایی
radical | радикал, тундрав | радикальный, радикал | radikal | radical | تندرو
religion | дин, динӣ | религия, религиозный | din, diniy | religion, religious | دین
islam | ислом, исломӣ | ислам, исламский | islom | Islam, Islamic | اسلام
muslim | мусулмон | мусульманин, мусульмане | musulmon | Muslim, Muslims | مسلمان
mosque | масҷид | мечеть | masjid | mosque, mosques | مسجد
hijab | ҳиҷоб, рӯймол | хиджаб, платок | hijob, ro'mol | hijab, headscarf | حجاب
beard | риш | борода | soqol | beard, beards | ریش
prayer | намоз | намаз, молитва | namoz | prayer, prayers | نماز
jihad | ҷиҳод | джихад | jihod | jihad | جهاد
christian | насронӣ | христианин, христиане | nasroniy | Christian | مسیحی
# government and politics
president | президент, Президенти | президент | prezident | president | رئیس جمهور
rahmon | Раҳмон, Эмомалӣ | Рахмон, Эмомали | Rahmon | Rahmon | رحمان
rustam | Рустам, Рустами Эмомалӣ | Рустам Эмомали | Rustam | Rustam | 
mirziyoyev | Мирзиёев | Мирзиёев | Mirziyoyev | Mirziyoyev | میرضیایف
putin | Путин | Путин | Putin | Putin | پوتین
government | ҳукумат, ҳукуматӣ, давлатӣ | правительство, власти, власть, государственный | hukumat, davlat, davlatiga | government, authorities, state | حکومت, دولت
power | ҳокимият | власть | hokimiyat | power | قدرت
son | писар | сын | o'g'il | son | پسر
parliament | парлумон, Маҷлиси Олӣ | парламент, Маджлиси Оли | parlament, Oliy Majlis | parliament, parliamentary | پارلمان
minister | вазир | министр | vazir | minister | وزیر
ministry | вазорат | министерство | vazirlik | ministry | وزارت
election | интихобот, интихоб | выборы, выборов, избрание | saylov, saylovlar | election, elections, vote | انتخابات
rigged | қалбакӣ, тақаллуб | сфальсифицированы, фальсификация, подтасовка | soxtalashtirildi, soxta | rigged, fraud, falsified | تقلب
opposition | мухолифат, мухолиф | оппозиция, оппозиционный | muxolifat | opposition | مخالف
activist | фаъол, фаъолон | активист, активисты | faol, faollar | activist, activists | فعال
protest | эътироз, намоиш, гирдиҳамоӣ | протест, митинг, акция протеста | norozilik, namoyish | protest, protests, rally | اعتراض
resign | истеъфо | отставка, уйти в отставку | iste'fo | resign, resigns, resignation | استعفا
hand_over | супурдан, месупорад, супурд | передать, передаст, передал, выдать, выдала | topshirish, topshirdi, topshiradi | hand over, hand, handed, extradite, extradited | تحویل
law | қонун | закон | qonun | law | قانون
ban | манъ, манъ кардан, мамнуъ | запрет, запретить, запрещены, запретят, запретили, запрещён | taqiq, taqiqlandi, taqiqlanadi, taqiqlaydi, taqiqlangan | ban, banned, bans, prohibit, forbidden | ممنوع
allow | иҷозат | разрешить, разрешат | ruxsat | allow, allowed | اجازه
introduce | ҷорӣ кардан, ҷорӣ мекунанд, ҷорӣ мекунад, ҷорӣ мешавад | ввести, введёт, введут, ввод | joriy qilish, joriy qiladi, joriy qilinadi | introduce, introduces, impose | اجرا
cancel | бекор кардан, бекор мекунад, бекор карданд, бекор шуд | отменить, отменит, отменили, отмена | bekor qilish, bekor qiladi | cancel, abolish, scrap, scrapped, lift | لغو
decree | фармон | указ, приказ | farmon, buyruq | decree, order, orders | فرمان
official | мансабдор, расмӣ | чиновник, официальный | amaldor, rasmiy | official, officials | مقام
sanctions | таҳрим, таҳримҳо | санкции | sanksiya | sanctions | تحریم
embassy | сафорат | посольство | elchixona | embassy | سفارت
consulate | консулгарӣ | консульство | konsullik | consulate | کنسولگری
visit | сафар, ташриф | посетить, посетил, поездка | tashrif | visit, visited, trip | سفر
meeting | мулоқот, вохӯрӣ | встреча | uchrashuv | meeting | دیدار
sign | имзо | подписать, подписали, подписавший | imzoladi, imzo | sign, signed, signs | امضا
corruption | фасод, коррупсия, ришва | коррупция, взятка | korrupsiya, pora | corruption, bribe | فساد
# law and courts
court | суд, додгоҳ | суд | sud | court | دادگاه
sentence | маҳкум, ҳукм | приговор, приговорить, приговорил | hukm, hukm qildi | sentence, sentenced, convicted | محکوم
prison | зиндон, ҳабс | тюрьма, заключение, колония | qamoq | prison, jail | زندان
acquit | сафед, оқил | оправдать, оправдал | oqlash | acquit, acquitted | تبرئه
journalist | рӯзноманигор, журналист | журналист | jurnalist | journalist, reporter | روزنامه نگار
lawyer | ҳуқуқшинос, адвокат | адвокат, юрист | advokat | lawyer | وکیل
human_rights | ҳуқуқи инсон | права человека | inson huquqlari | human rights | حقوق بشر
tax | андоз | налог, налоговый | soliq | tax, taxes | مالیات
fine | ҷарима | штраф | jarima | fine, fined, penalty | جریمه
police | милиса, полис | полиция, милиция | politsiya, militsiya | police | پلیس
# economy and prices
price | нарх, нархи | цена, цены, стоимость | narx, narxi | price, prices, cost | قیمت
rise | боло рафт, баланд, зиёд, афзоиш, боло меравад | вырасти, выросли, рост, повысить, повысят, поднять, поднимет, увеличить | oshdi, oshadi, oshiriladi, oshirish, ko'tarildi | rise, rose, increase, went up, go up, raise, grew | افزایش
fall | паст, кам, коҳиш | упасть, упала, снизить, снизит, снижение, сократить, сократились | tushdi, kamaydi, pasaydi, qisqartirdi | fall, fell, drop, cut, decrease, reduce | کاهش
expensive | гарон, гаронӣ, қимат | подорожать, подорожал, подорожает, рост цен | qimmat, qimmatlashdi, qimmatlashadi | expensive, more expensive, price rise | گران
cheap | арзон | подешеветь, подешевел, дешёвый | arzon, arzonlashadi | cheap, cheaper | ارزان
double | ду баробар, дучанд | вдвое, в два раза, удвоить | ikki barobar, ikki baravar | double, doubled, twice, two times | دو برابر
triple | се баробар | втрое, в три раза | uch barobar | triple, tripled, three times | سه برابر
half | нисф, ним | половина, вдвое меньше | yarim | half, halved | نصف
percent | фоиз | процент, процентов, % | foiz | percent, per cent | درصد
money | пул | деньги, средства | pul | money | پول
debt | қарз | долг | qarz | debt, loan | قرض
write_off | бахшидан, бахшид | списать, списал | kechdi, kechish | write off, wrote off, forgive | بخشودن
exchange | бар ивази, ивази | в обмен, за | evaziga | in exchange, in return | در عوض
salary | маош, музди меҳнат | зарплата, заработная плата, оклад | maosh, ish haqi | salary, salaries, wage, wages | حقوق
pension | нафақа | пенсия | pensiya, nafaqa | pension, pensions | مستمری
bank | бонк | банк | bank | bank, banks | بانک
national_bank | Бонки миллӣ | Нацбанк, Национальный банк | Milliy bank | national bank, central bank | بانک ملی
card | корт, корти бонкӣ | карта, карты | karta | card, cards | کارت
block | масдуд | блокировать, заблокировали, блокируют, блокировка | blokladi, bloklash, bloklayapti | block, blocked, blocking | مسدود
currency | асъор | валюта | valyuta | currency | ارز
somoni | сомонӣ | сомони | somoni | somoni | سامانی
ruble | рубл | рубль | rubl | rouble, ruble | روبل
dollar | доллар | доллар | dollar | dollar, dollars | دلار
devalue | арзон кардан, девальватсия | девальвировать, девальвация, девальвирует | devalvatsiya | devalue, devaluation | کاهش ارزش
inflation | таваррум | инфляция | inflyatsiya | inflation | تورم
economy | иқтисод, иқтисодӣ | экономика, экономический | iqtisod, iqtisodiy | economy, economic | اقتصاد
budget | буҷа | бюджет | byudjet | budget | بودجه
investment | сармоягузорӣ, сармоя | инвестиции | investitsiya, sarmoya | investment | سرمایه گذاری
fund_finance | маблағгузорӣ, маблағ | финансировать, финансируют, финансирование | moliyalashtirish, moliyalashtirmoqda | fund, funding, finance, funds | تامین مالی
company | ширкат | компания, фирма | kompaniya, firma | company, companies, firm | شرکت
market | бозор | рынок | bozor | market, bazaar | بازار
world_market | бозори ҷаҳонӣ | мировой рынок | jahon bozori | world market, world price | بازار جهانی
world | ҷаҳон, ҷаҳонӣ | мир, мировой | jahon | world, global | جهان
trade | тиҷорат, савдо | торговля | savdo | trade | تجارت
export | содирот | экспорт | eksport | export, exports | صادرات
import | воридот | импорт, ввоз, завоз | import | import, imports | واردات
sell | фурӯхтан, мефурӯшад, фурӯхт | продать, продаст, продажа | sotish, sotadi | sell, selling, sold | فروش
buy | харидан, мехарад, харид | купить, закупить, закупит, покупка | sotib olish, sotib oladi | buy, buying, bought, purchase | خرید
pay | пардохт, пардохтан, пул диҳанд | платить, оплата, плата | to'lash, to'lov | pay, payment, fee, charge | پرداخت
free_cost | ройгон, бепул | бесплатный, бесплатно | bepul | free, free of charge | رایگان
poverty | камбизоатӣ, фақр | бедность | qashshoqlik | poverty | فقر
# food and goods
flour | орд | мука | un | flour | آرد
bread | нон | хлеб | non | bread | نان
wheat | гандум | пшеница, зерно | bug'doy | wheat, grain | گندم
sugar | шакар, қанд | сахар | shakar | sugar | شکر
oil_food | равған | масло | yog' | cooking oil, oil | روغن
meat | гӯшт | мясо | go'sht | meat | گوشت
rice | биринҷ | рис | guruch | rice | برنج
potato | картошка | картофель, картошка | kartoshka | potato, potatoes | سیب زمینی
cotton | пахта | хлопок | paxta | cotton | پنبه
harvest | ҷамъоварӣ, ҳосил | сбор, урожай | terim, hosil | harvest, picking, pick | برداشت
food | хӯрок, озуқа | продукты, еда, продовольствие | oziq-ovqat | food, foodstuffs | غذا
gold | тилло | золото | oltin | gold | طلا
silver | нуқра | серебро | kumush | silver | نقره
mine | кон | месторождение, рудник, шахта | kon | mine, deposit | معدن
aluminium | алюминий | алюминий | alyuminiy | aluminium, aluminum | آلومینیوم
# energy and water
electricity | барқ, қувваи барқ | электричество, электроэнергия, свет | elektr, elektr energiyasi | electricity | برق
power_cut | қатъи барқ, хомӯшӣ | отключение, отключат, отключил | o'chirish, o'chiriladi, o'chirdi | power cut, blackout, cut off, outage | قطع برق
tariff | тариф, тарифҳо | тариф, тарифы | tarif | tariff, tariffs, rates | تعرفه
gas | газ | газ | gaz | gas | گاز
petrol | бензин, сӯзишворӣ | бензин, топливо | benzin | petrol, gasoline, fuel | بنزین
coal | ангишт | уголь | ko'mir | coal | زغال سنگ
water | об | вода, воды | suv | water | آب
dam | сарбанд, НБО | ГЭС, плотина | GES, to'g'on | dam, hydropower plant | سد
power_plant | нерӯгоҳ | электростанция | elektr stansiyasi | power plant, power station | نیروگاه
nuclear | атомӣ, ҳастаӣ | атомный, ядерный | atom | nuclear, atomic | اتمی, هسته ای
rosatom | Росатом | Росатом | Rosatom | Rosatom | روس اتم
solar | офтобӣ | солнечный | quyosh | solar | خورشیدی
canal | канал, шабака | канал | kanal | canal | کانال
flood | обхезӣ, сел, зери об | наводнение, затопить, паводок | suv bosishi, toshqin | flood, floods, flooding | سیل
earthquake | заминҷунбӣ, зилзила | землетрясение | zilzila | earthquake | زلزله
burst | шикастан, шикаста | прорваться, прорыв | yorilish, yorilib | burst, breach | شکستن
drought | хушксолӣ | засуха | qurg'oqchilik | drought | خشکسالی
climate | иқлим | климат | iqlim | climate | اقلیم
glacier | пирях | ледник | muzlik | glacier | یخچال
winter | зимистон | зима | qish | winter | زمستان
summer | тобистон | летний | yoz | summer | تابستان
construction | сохтмон, сохтан, месозад, месозанд, сохт | строительство, построить, построит, строит, построят | qurilish, qurmoqda, quradi, quriladi, qurib | build, building, construction, construct | ساخت
stop | қатъ, қатъ шуд, бозмонд | остановить, остановлено, остановлен, прекратить | to'xtatildi, to'xtatish | stop, stopped, halt, halted | توقف
shortage | норасоӣ, камбудӣ | нехватка, дефицит | yetishmaslik, yetishmasligi | shortage, lack, no money | کمبود
road | роҳ | дорога, трасса | yo'l | road, highway | راه
railway | роҳи оҳан | железная дорога | temir yo'l | railway, railroad | راه آهن
truck | мошини боркаш, боркаш | грузовик, фура | yuk mashinasi | truck, trucks, lorry | کامیون
# health
health | саломатӣ, тандурустӣ | здоровье, здравоохранение | sog'liq, salomatlik | health | سلامت
hospital | беморхона | больница, больницы | kasalxona, shifoxona | hospital, hospitals | بیمارستان
doctor | табиб, духтур | врач | shifokor | doctor, doctors | پزشک
treatment | табобат | лечение | davolanish, davolash | treatment | درمان
vaccine | ваксина, эмкунӣ | вакцина, прививка | vaksina, emlash | vaccine, vaccination | واکسن
coronavirus | коронавирус, COVID | коронавирус, ковид | koronavirus | coronavirus, covid | کرونا
infertility | безурётӣ, бенаслӣ | бесплодие | bepushtlik | infertility, sterility, infertile | ناباروری
epidemic | эпидемия | эпидемия, вспышка | epidemiya | epidemic, outbreak | همه گیری
cholera | вабо | холера | vabo | cholera | وبا
polio | фалаҷи кӯдакон, полиомиелит | полиомиелит | poliomiyelit | polio | فلج اطفال
disease | беморӣ | болезнь, заболевание | kasallik | disease, illness | بیماری
case_count | ҳолат, ҳолатҳо | случай, случаи | holat, holatlar | case, cases | مورد
die | вафот, фавтида, мурд | умереть, скончался, смерть, погиб | vafot etdi, vafot | die, died, death, dead | مرگ
kill | кушт, куштор | убить, убит, убийство | o'ldirdi | kill, killed, killing | کشتن
# education and youth
school | мактаб | школа | maktab | school, schools | مدرسه
private | хусусӣ | частный | xususiy | private | خصوصی
pupil | хонанда, хонандагон, мактаббача | школьник, ученик | o'quvchi, o'quvchilar | pupil, schoolchildren | دانش آموز
student | донишҷӯ, донишҷӯён | студент | talaba, talabalar | student, students | دانشجو
university | донишгоҳ, донишгоҳҳо | университет, вуз | universitet, oliygoh | university, universities | دانشگاه
teacher | муаллим, омӯзгор, омӯзгорон | учитель, педагог | o'qituvchi | teacher, teachers | معلم
textbook | китоби дарсӣ, китобҳои дарсӣ | учебник, учебники | darslik, darsliklar | textbook, textbooks | کتاب درسی
book | китоб | книга | kitob | book | کتاب
parents | волидайн, падару модар | родители | ota-ona, ota-onalar | parents | والدین
child | кӯдак, кӯдакон, бача | ребёнок, дети, детей | bola, bolalar | child, children | کودک
newborn | навзод | новорождённый, новорожденных | chaqaloq | newborn | نوزاد
name | ном, номҳо | имя, имена | ism, ismlar | name, names | نام
foreign | хориҷӣ, хориҷиён | иностранный, иностранец, иностранцами | xorijiy, chet el | foreign, foreigner, foreigners | خارجی
marriage | издивоҷ, никоҳ, хонадоршавӣ | брак, браки, свадьба | nikoh | marriage, married | ازدواج
women | занон, зан | женщины, женщина | ayollar, ayol | women, woman | زن
men | мард, мардон | мужчины, мужчина | erkak, erkaklar | men, man | مرد
youth | ҷавонон | молодёжь | yoshlar | youth, young people | جوانان
scholarship | стипендия | стипендия | stipendiya | scholarship | بورسیه
phone | телефон | телефон | telefon | phone, phones, mobile phone | تلفن
use | истифода | пользоваться, использование | foydalanish | use, using | استفاده
forced | маҷбурӣ, маҷбуран | принудительно, принудительный | majburiy, majburan | forced, forcibly | اجباری
# media and internet
internet | интернет | интернет | internet | internet | اینترنت
mobile | мобилӣ | мобильный, сотовый | mobil | mobile, cellular | موبایل
communication | алоқа | связь | aloqa | communication | ارتباطات
website | сомона | сайт | sayt | website, site | سایت
social_media | шабакаҳои иҷтимоӣ | соцсети, социальные сети | ijtimoiy tarmoqlar | social media | شبکه های اجتماعی
telegram | Telegram, Телеграм | Telegram, Телеграм | Telegram | Telegram | تلگرام
whatsapp | WhatsApp, Ватсап | WhatsApp, Ватсап | WhatsApp | WhatsApp | واتساپ
tv | телевизион | телевидение, телеканал | televideniye | television, TV | تلویزیون
news | хабар, ахбор | новости, новость | yangilik | headline, headlines | خبر
fake_news | хабари бардурӯғ, дурӯғ | фейк, ложь, дезинформация | yolg'on, feyk | fake, lie, disinformation | دروغ
media | ВАО, расонаҳо | СМИ | OAV, ommaviy axborot | media | رسانه
# verbs and relations common to claims
give | додан, медиҳад, дод, медиҳанд | дать, дадут, выдать, выдаст, давать | berish, beradi, berildi | give, gives, given | دادن
get | гирифтан, мегирад, гирифт | получить, получат, получит | olish, oladi | get, receive, obtain | گرفتن
take | мегирад | забрать, заберёт, отобрать | olib qo'yadi, olmoq | take, take away | بردن
send | фиристодан, мефиристад, мефиристанд | отправить, отправляют, направить, направит | yubormoq, yuboradi, yuborilmoqda | send, sent, sending | فرستادن
station_deploy | ҷойгир кардан, ҷойгир | разместить, разместит, дислокация | joylashtirish, joylashtiradi | deploy, station, station troops | استقرار
additional | иловагӣ, бештар | дополнительный | qo'shimcha | additional, more, extra | اضافی
new | нав | новый, новую | yangi | new | جدید
all | ҳама, ҳамаи, тамоми | все, всем, всех | barcha, hamma | all, every, any | همه
each | ҳар як | каждый, каждому | har bir | each | هر
complete | пурра, комил, бутун | полностью, целиком | butunlay, to'liq | completely, fully, entirely | کامل
promise | ваъда | обещать, обещает, обещание | va'da | promise, promises | وعده
admit | эътироф | признать, признали | tan oldi | admit, admitted | اعتراف
deny | рад, инкор | отрицать, отрицают, опровергнуть | rad etdi, inkor | deny, denied | تکذیب
find | ошкор, пайдо | выявить, выявлены, обнаружить, нашли | aniqlandi, topildi | found, detected, discovered | کشف
search | ҷустуҷӯ, меҷӯянд, ҷустан | искать, ищут, поиск | qidirmoq, qidirmoqda | look for, search, seek | جستجو
cause | сабаб, меорад | вызывать, вызывает, причина, из-за | sabab, sababli, olib keladi | cause, causes, because, due | سبب
prepare_train | тайёр кардан, тайёр мекунанд, омӯзонидан | готовить, готовят, обучать, тренировать | tayyorlamoqda, tayyorlash | train, training, prepare | آموزش
organise | ташкил | организовать, организовали | uyushtirish, uyushtirilgan | organise, organised, organize | سازماندهی
switch | гузаштан, мегузарад | переходить, переходит, переход | o'tadi, o'tish | switch, switching, move to | انتقال
service | хизмат | служба, служить | xizmat | service, serve | خدمت
ship_out | бурдан, мебаранд | вывозить, вывозят, вывоз | olib chiqmoqda, olib chiqish | ship out, shipping | بیرون بردن
# people and groups
people | мардум, аҳолӣ, одамон | население, люди, жители | aholi, odamlar | population, people, residents | مردم
person_count | нафар, кас | человек | kishi, nafar | persons | نفر
family | оила | семья | oila | family, families | خانواده
farmer | деҳқон, деҳқонон | фермер, дехканин | dehqon | farmer, farmers | دهقان
company_chinese | ширкатҳои чинӣ | китайские компании | Xitoy kompaniyalari | Chinese companies | شرکت های چینی
# time words
year | сол, солона | год, года, лет | yil | year, years | سال
this_year | имсол | в этом году | bu yil | this year | امسال
next_year | соли оянда, соли дигар | в следующем году, следующий год | kelasi yil, kelasi yili | next year | سال آینده
month | моҳ | месяц | oy | month | ماه
day | рӯз | день | kun | day | روز
week | ҳафта | неделя | hafta | week | هفته
end | охир, охири, поён | конец, конца, окончание | oxir, oxirigacha | end, by the end | پایان
january | январ | январь, января | yanvar | January | ژانویه
february | феврал | февраль | fevral | February | فوریه
march | март | март | mart | March | مارس
april | апрел | апрель | aprel | April | آوریل
may | май | май | may | May | مه
june | июн | июнь | iyun | June | ژوئن
july | июл | июль | iyul | July | ژوئیه
august | август | август | avgust | August | اوت
september | сентябр | сентябрь | sentyabr | September | سپتامبر
october | октябр | октябрь | oktyabr | October | اکتبر
november | ноябр | ноябрь | noyabr | November | نوامبر
december | декабр | декабрь | dekabr | December | دسامبر
today | имрӯз | сегодня | bugun | today | امروز
tomorrow | фардо | завтра | ertaga | tomorrow | فردا
now | ҳозир, акнун | сейчас, теперь | hozir | now | اکنون
soon | ба наздикӣ, дере нагузашта | скоро, вскоре | tez orada | soon | به زودی
deadline_until | то | до | gacha | until, by | تا
# number words
one | як | один, одна, одного | bir | one, single | یک
two | ду | два, две | ikki | two | دو
three | се | три | uch | three | سه
four | чор | четыре | to'rt | four | چهار
five | панҷ | пять | besh | five | پنج
ten | даҳ | десять | o'nta | ten | 
hundred | сад | сто | yuz | hundred | صد
thousand | ҳазор | тысяча | ming | thousand | هزار
million | миллион | миллион | million | million | میلیون
billion | миллиард | миллиард | milliard | billion | میلیارد
# domain extras
healthcare_free | табобати ройгон | бесплатное лечение | bepul davolanish | free treatment, free healthcare | درمان رایگان
state_school | мактабҳои давлатӣ | государственные школы | davlat maktablari | state schools, public schools | مدارس دولتی
statelessness | бешаҳрвандӣ | без гражданства | fuqaroligi yo'q | stateless | بی تابعیت
population_census | барӯйхатгирӣ | перепись | aholini ro'yxatga olish | census | سرشماری
refugee | гуреза, гурезагон | беженец, беженцы | qochqin | refugee, refugees | پناهنده
humanitarian_aid | кӯмаки башардӯстона | гуманитарная помощь | insonparvarlik yordami | humanitarian aid, aid convoy | 
loan_china | қарзи Хитой | китайский кредит | Xitoy krediti | Chinese loan | وام چین
grant_money | грант, кӯмаки молӣ | грант | grant | grant | کمک بلاعوض
agriculture | кишоварзӣ | сельское хозяйство | qishloq xo'jaligi | agriculture, farming | کشاورزی
livestock | чорво | скот, скотоводство | chorva | livestock, cattle | دام
transport | нақлиёт | транспорт | transport | transport | حمل و نقل
flight | парвоз | рейс, авиарейс | parvoz | flight, flights | پرواز
airport | фурудгоҳ | аэропорт | aeroport | airport | فرودگاه
train_rail | қатора | поезд | poyezd | passenger train, railway train | قطار
tourism | сайёҳӣ, сайёҳон | туризм, туристы | turizm, sayyohlar | tourism, tourists | گردشگری
housing | манзил, хона | жильё, квартира | uy-joy | housing, flat, apartment | مسکن
demolition | вайрон кардан, хароб | снос, снести | buzish | demolition, demolish | تخریب
property | амвол, моликият | имущество, собственность | mulk | property | دارایی
confiscate | мусодира | конфисковать, конфискация | musodara | confiscate, seize | مصادره
emergency | ҳолати фавқулода | чрезвычайное положение, ЧС | favqulodda holat | emergency, state of emergency | وضعیت اضطراری
curfew | соати комендантӣ | комендантский час | komendantlik soati | curfew | منع رفت و آمد
quarantine | карантин | карантин | karantin | quarantine, lockdown | قرنطینه
mask | ниқоб | маска | niqob | mask, masks | ماسک
water_supply | обтаъминкунӣ | водоснабжение | suv ta'minoti | water supply | آبرسانی
drinking_water | оби ошомиданӣ | питьевая вода | ichimlik suvi | drinking water | آب آشامیدنی
poison | заҳр, заҳролуд | отравление, яд | zahar, zaharlanish | poison, poisoning | مسموم
chemical | кимиёвӣ | химический | kimyoviy | chemical | شیمیایی
laboratory | лаборатория | лаборатория, биолаборатория | laboratoriya | laboratory, lab, biolab | آزمایشگاه
biological | биологӣ | биологический | biologik | biological, bioweapon | بیولوژیک
nato | НАТО | НАТО | NATO | NATO | ناتو
un | СММ, Созмони Милали Муттаҳид | ООН | BMT | UN, United Nations | سازمان ملل
eu | ИА, Иттиҳоди Аврупо | ЕС, Евросоюз | YeI, Yevropa Ittifoqi | EU, European Union | اتحادیه اروپا
imf | ХБА, Хазинаи байналмилалии асъор | МВФ | XVJ | IMF | صندوق بین المللی پول
world_bank | Бонки ҷаҳонӣ | Всемирный банк | Jahon banki | World Bank | بانک جهانی
ngo | ташкилоти ғайриҳукуматӣ, ТҶ | НКО, неправительственная организация | NNT | NGO, NGOs | سازمان غیردولتی
foreign_agent | агенти хориҷӣ | иностранный агент, иноагент | xorijiy agent | foreign agent | عامل خارجی
spy | ҷосус | шпион, шпионаж | josus | spy, espionage | جاسوس
treason | хиёнат, хиёнат ба ватан | измена, госизмена | xiyonat | treason | خیانت
homeland | ватан | родина | vatan | homeland, motherland | وطن
independence | истиқлол, истиқлолият | независимость | mustaqillik | independence | استقلال
sovereignty | соҳибихтиёрӣ | суверенитет | suverenitet | sovereignty | حاکمیت
history | таърих | история | tarix | history | تاریخ
culture | фарҳанг | культура | madaniyat | culture | فرهنگ
holiday | ҷашн, ид | праздник | bayram | holiday, celebration | جشن
navruz | Наврӯз | Навруз | Navro'z | Navruz, Nowruz | نوروز
ramadan | Рамазон | Рамадан | Ramazon | Ramadan | رمضان
concert | консерт | концерт | konsert | concert | کنسرت
sport | варзиш | спорт | sport | sport | ورزش
football | футбол | футбол | futbol | football | فوتبال
# more verbs of reporting and change
become | шудан, мешавад, шуд | стать, станет, становится | bo'ladi, bo'lish | become, becomes, will be | شدن
continue | идома | продолжать, продолжение | davom | continue, continues | ادامه
begin | сар шуд, оғоз, сар зад | начаться, начался, начало | boshlandi, boshlanish | begin, began, start, started, broke out, breaks out | آغاز
finish | ба итмом, анҷом | завершить, завершение, окончить | yakunlash, tugatish | finish, complete, completed | 
early | пеш аз мӯҳлат | досрочно | muddatidan oldin | early, ahead of schedule | زودتر
delay | таъхир | задержка, отложить, перенос | kechiktirish | delay, postpone, delayed | تاخیر
warn | огоҳ, ҳушдор | предупредить, предупреждение | ogohlantirish | warn, warning | هشدار
threat | таҳдид | угроза | tahdid | threat, threaten | تهدید
claim_say | гуфт, изҳор | заявить, заявил, заявление | bayonot, dedi | said, say, statement, claimed | گفت
report | гузориш | сообщить, сообщение, доклад | xabar berdi, hisobot | report, reported | گزارش
plan | нақша | план, планировать | reja | plan, plans, planning | برنامه
decision | қарор | решение | qaror | decision, decided | تصمیم
help | кумак, ёрӣ | помочь, помощь | yordam | help | کمک
return | баргаштан, баргашт | вернуться, вернулся, возвращение | qaytdi, qaytish | return, returned | بازگشت
leave_depart | рафтан, рафт | уйти, покинуть | ketdi, ketish, borish | left, go | رفتن
come | омадан, омад | прийти, приехать, прибыть | keldi, kelish | come, came, arrive | آمدن
live | зиндагӣ | жить, проживать | yashash | live, living | زندگی
stay | мондан, монд | остаться, оставаться | qolish, qoladi | stay, remain, remains | ماندن
observer | нозир | наблюдатель | kuzatuvchi | observer | ناظر
grant_status | мақом | статус | maqom | status | وضعیت
# security incidents
explosion | таркиш | взрыв | portlash | explosion, blast | انفجار
shooting | тирпарронӣ | стрельба, перестрелка | otishma | shooting, gunfire | تیراندازی
hostage | гаравгон | заложник | garovga olingan | hostage, hostages | گروگان
kidnap | рабудан, одамрабоӣ | похищение, похитить | o'g'irlash | kidnap, abduct, abduction | آدم ربایی
prison_riot | шӯриш дар зиндон | бунт в колонии | qamoqxonadagi g'alayon | prison riot | شورش زندان
victim | қурбонӣ, қурбониён | жертва, жертвы | qurbon | victim, victims | قربانی
wounded | захмӣ, маҷрӯҳ | ранен, раненые | yarador | wounded, injured | زخمی
missile | мушак, ракета | ракета | raketa | missile, rocket | موشک
nuclear_weapon | силоҳи ҳастаӣ | ядерное оружие | yadro quroli | nuclear weapon | سلاح هسته ای
`;
