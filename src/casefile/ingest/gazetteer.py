"""Word lists the proposal rules lean on: places, cue words, titles, first names, common words.

General lists (countries, capitals, major cities, titles, function words), never the
names of one article: the rules are judged on articles they have never seen. Cyrillic
entries are nominative; inflected forms reach them through ``casefile.ingest.inflect``.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(w.replace("_", " ").casefold() for w in text.split())


# Countries, capitals, major cities and regions (English, Russian, Belarusian, Ukrainian).
PLACES = _words(
    """
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria Azerbaijan
    Bahrain Bangladesh Belarus Byelorussia Belgium Bolivia Bosnia Brazil Bulgaria Cambodia Cameroon
    Canada Chile China Colombia Congo Croatia Cuba Cyprus Czechia Czech_Republic Denmark Ecuador
    Egypt Estonia Ethiopia Finland France Georgia Germany Ghana Greece Hungary Iceland India
    Indonesia Iran Iraq Ireland Israel Italy Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan
    Laos Latvia Lebanon Libya Liechtenstein Lithuania Luxembourg Malaysia Mali Malta Mexico Moldova
    Monaco Mongolia Montenegro Morocco Myanmar Nepal Netherlands New_Zealand Nigeria North_Korea
    North_Macedonia Norway Oman Pakistan Palestine Panama Peru Philippines Poland Portugal Qatar
    Romania Russia Russian_Federation Rwanda Saudi_Arabia Senegal Serbia Singapore Slovakia Slovenia
    Somalia South_Africa South_Korea Spain Sri_Lanka Sudan Sweden Switzerland Syria Taiwan
    Tajikistan Tanzania Thailand Tunisia Turkey Turkmenistan Uganda Ukraine United_Arab_Emirates
    United_Kingdom Britain Great_Britain England Scotland Wales United_States America USA US U.S.
    U.S.A. UK Uruguay Uzbekistan Vatican Venezuela Vietnam Yemen Zambia Zimbabwe Transnistria
    Abkhazia Chechnya Crimea Donbas Donbass Donetsk Luhansk Lugansk Kherson Zaporizhzhia
    Mariupol Bakhmut Avdiivka Kharkiv Kharkov Odesa Odessa Lviv Dnipro Bucha Irpin Kyiv Kiev
    Minsk Brest Grodno Hrodna Gomel Homel Mogilev Mahiliou Mahilyow Vitebsk Viciebsk Vitsebsk
    Babruysk Bobruisk Baranovichi Baranavichy Barysau Borisov Pinsk Orsha Lida Maladzyechna
    Salihorsk Soligorsk Mazyr Mozyr Novopolotsk Navapolatsk Polotsk Polatsk Zhodino Zhodzina
    Shklov Shklou Slutsk Kurapaty Okrestina Vilnius Kaunas Klaipeda Riga Tallinn Warsaw Krakow
    Gdansk Wroclaw Bialystok Lublin Poznan Moscow Saint_Petersburg St._Petersburg Petersburg
    Smolensk Kaliningrad Novosibirsk Yekaterinburg Kazan Sochi Rostov Siberia Berlin Munich Hamburg
    Frankfurt Paris London Brussels Vienna Prague Budapest Bratislava Bucharest Sofia Belgrade Zagreb
    Ljubljana Athens Rome Madrid Lisbon Amsterdam The_Hague Hague Copenhagen Stockholm Oslo Helsinki
    Reykjavik Dublin Bern Geneva Zurich Strasbourg Luxembourg Ankara Istanbul Tbilisi Yerevan Baku
    Chisinau Astana Almaty Tashkent Bishkek Dushanbe Ashgabat Beijing Tokyo Seoul Pyongyang Delhi
    New_Delhi Islamabad Kabul Tehran Baghdad Damascus Beirut Jerusalem Tel_Aviv Gaza Cairo Riyadh
    Doha Dubai Abu_Dhabi Washington New_York Los_Angeles Chicago Boston San_Francisco Ottawa
    Toronto Mexico_City Brasilia Buenos_Aires Canberra Sydney Europe Asia Africa Scandinavia
    Middle_East Caucasus Balkans Baltics Crimea Pretoria Nairobi Lagos Hong_Kong Geneva
    Беларусь Белоруссия Россия Украина Литва Латвия Эстония Польша Германия Франция Англия
    Великобритания Америка США Китай Грузия Армения Азербайджан Молдова Молдавия Казахстан Узбекистан
    Киргизия Таджикистан Туркмения Турция Израиль Иран Италия Испания Чехия Словакия Венгрия Австрия
    Швеция Норвегия Финляндия Дания Нидерланды Бельгия Швейцария Япония Индия Канада Европа Азия
    Крым Донбасс Чечня Сибирь Кавказ Минск Брест Гродно Гомель Могилёв Могилев Витебск Бобруйск
    Барановичи Борисов Пинск Орша Лида Солигорск Мозырь Новополоцк Полоцк Жодино Слуцк Куропаты
    Вильнюс Каунас Рига Таллин Таллинн Варшава Белосток Краков Гданьск Москва Петербург
    Санкт-Петербург Смоленск Калининград Новосибирск Екатеринбург Казань Сочи Ростов Киев Киів
    Київ Харьков Харків Одесса Одеса Львов Львів Днепр Донецк Луганск Херсон Мариуполь Бахмут Буча
    Берлин Мюнхен Париж Лондон Брюссель Вена Прага Будапешт Бухарест София Белград Рим Мадрид
    Амстердам Гаага Копенгаген Стокгольм Осло Хельсинки Женева Страсбург Анкара Стамбул Тбилиси
    Ереван Баку Кишинёв Кишинев Астана Алматы Ташкент Бишкек Душанбе Пекин Токио Вашингтон Нью-Йорк
    Беларусь Расія Украіна Літва Латвія Эстонія Польшча Германія Нямеччына Францыя Амерыка Кітай
    Еўропа Мінск Брэст Гродна Гомель Магілёў Віцебск Бабруйск Баранавічы Барысаў Пінск Орша Ліда
    Салігорск Мазыр Наваполацк Полацк Жодзіна Слуцк Курапаты Вільня Вільнюс Коўна Рыга Талін
    Варшава Беласток Масква Кіеў Берлін Парыж Лондан Брусель Вена Прага Вашынгтон Жэнева
    """
)

# Always organisations, whatever their capitals say.
ORGANIZATION_PHRASES = _words(
    """
    White_House Kremlin Pentagon State_Department Downing_Street Elysee Bundestag Sejm Seimas Duma
    State_Duma European_Union EU UN United_Nations NATO OSCE OSCE_ODIHR ODIHR Council_of_Europe
    European_Commission European_Parliament Interpol Europol ICC KGB FSB GRU SBU MVD OMON GUBOPiK
    CIA FBI NSA IMF WHO UNESCO UNICEF OHCHR UNHCR Amnesty_International Human_Rights_Watch
    Reporters_Without_Borders RSF CPJ BAJ Reuters AFP AP Associated_Press BBC CNN DW
    Deutsche_Welle RFE/RL Radio_Liberty Radio_Svaboda Belsat TUT.BY Zerkalo Meduza Interfax TASS
    RIA_Novosti Belta BelTA Telegram Facebook Google Meta YouTube Twitter Instagram TikTok VKontakte
    Кремль Белый_дом Госдума Евросоюз Еўрасаюз ЕС ООН НАТО ОБСЕ КГБ ФСБ ГРУ МВД ОМОН ГУБОПиК СБУ Интерпол
    БАЖ ТАСС Интерфакс БелТА Белсат Медуза
    """
)

# Organisation cue words: a capitalised run holding one is an organisation.
ORGANIZATION_CUES = _words(
    """
    Centre Center Association Union Committee Ministry Ministries Office Party Court Service
    Council Agency Bank University Institute Foundation Fund Organization Organisation Commission
    Parliament Assembly Department Bureau Corporation Company Group Inc Inc. Ltd Ltd. LLC Corp
    Corp. Holdings News Newspaper Times Post Press Radio Television TV Network Church Army Police
    Militia Guard Guards Movement Front Coalition Alliance Federation Watch International Daily
    Herald Journal Gazette Media Club Society Academy School College Hospital Prison Colony
    Council Directorate Inspectorate Prosecutor's Procuracy Tribunal Secretariat Administration
    Embassy Consulate Mission Initiative Platform Campaign League Brigade Battalion Regiment Forces
    Team Theatre Theater Force Forces Navy Management Headquarters Command Unit Museum Library Chamber Congress Senate Cabinet Government Presidium
    Board Trust Partnership Cooperative Studio Magazine Channel Television Broadcasting Telegraph
    Review Monitor Tribune Observer Guardian Independent Express Mirror Courier Vedomosti
    Pravda Gazeta Svaboda Zerkalo
    центр союз комитет министерство суд партия служба совет агентство ассоциация фонд
    организация движение управление прокуратура академия университет институт банк газета
    издание телеканал радио редакция правительство парламент администрация посольство
    колония тюрьма изолятор палата клуб общество объединение фронт коалиция альянс федерация
    цэнтр саюз камітэт міністэрства суд партыя служба савет агенцтва асацыяцыя фонд арганізацыя
    рух упраўленне пракуратура універсітэт газета выданне тэлеканал урад пасольства калонія
    """
)

# Words before a name that make it a person (titles, roles) and phrases that do.
PERSON_TITLES = _words(
    """
    President Vice-President Premier Minister Secretary Representative Envoy Ambassador Senator
    Congressman Congresswoman Governor Mayor Chancellor Judge General Colonel Lieutenant Captain
    Sergeant Admiral Marshal Chairman Chairwoman Chairperson Chair Director Deputy Spokesman
    Spokeswoman Spokesperson Commissioner Prosecutor Attorney Pope King Queen Prince Princess
    Sir Lord Dame Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Rev Father Patriarch Metropolitan
    Archbishop Bishop Rabbi Imam Sheikh Speaker Ombudsman Rapporteur Adviser Advisor Aide
    Officer Inspector Detective Investigator Editor Editor-in-Chief Correspondent Reporter
    Activist Journalist Blogger Lawyer Advocate Dissident Leader Head Chief Founder Coordinator
    Candidate Nominee Opposition Politician Economist Historian Writer Poet Artist Musician
    Singer Priest Pastor Athlete Coach Professor Doctor Nurse Student Teacher Worker Businessman
    Businesswoman Entrepreneur Analyst Researcher Scientist Expert Ex-President Ex-Minister
    """
)
# Lower-case role words that, just before a capitalised name, make it a person.
PERSON_ROLE_WORDS = _words(
    """
    president minister secretary representative envoy ambassador senator governor mayor
    chancellor judge general colonel chairman chairwoman director deputy spokesman spokeswoman
    spokesperson commissioner prosecutor activist journalist blogger lawyer advocate dissident
    leader figure head chief founder coordinator candidate politician economist historian writer
    poet artist musician singer priest athlete coach professor doctor student teacher worker
    businessman entrepreneur analyst researcher scientist expert prisoner detainee defendant
    wife husband son daughter mother father brother sister widow colleague associate aide adviser
    advisor officer editor correspondent reporter photographer cameraman volunteer protester
    opponent critic ally supporter successor predecessor citizen resident native author
    президент лидер министр пресс-секретарь журналист журналистка активист активистка
    правозащитник правозащитница политзаключённый политзаключенный политзаключённая
    политзаключенная оппозиционер оппозиционерка глава председатель депутат адвокат посол
    спецпосланник посланник генерал жена муж сын дочь мать отец брат сестра вдова блогер
    блогерка экономист историк писатель писательница поэт художник художница музыкант
    певец певица священник спортсмен спортсменка тренер профессор врач студент студентка
    учитель учительница директор редактор корреспондент фотограф задержанный задержанная
    осуждённый осужденный осуждённая осужденная политик политолог эксперт аналитик
    сотрудник сотрудница соратник соратница помощник советник представитель представительница экс-президент
    прэзідэнт лідар міністр прэс-сакратар журналіст журналістка актывіст актывістка
    праваабаронца палітвязень палітвязьня апазіцыянер кіраўнік старшыня дэпутат адвакат
    пасол жонка муж сын дачка маці бацька брат сястра блогер пісьменнік пісьменніца паэт
    мастак мастачка музыка спявак спявачка святар спартовец трэнер выкладчык настаўнік
    дырэктар рэдактар карэспандэнт фатограф затрыманы затрыманая асуджаны асуджаная палітык
    паплечнік паплечніца дарадца прадстаўнік прадстаўніца
    """
)
# Adjectives that come before a role word: "Interior Minister", "special envoy".
ROLE_QUALIFIERS = _words(
    """
    Interior Foreign Defense Defence Justice Finance Economy Health Education Culture Energy
    Prime Special Vice Deputy First Senior Chief Former Acting Press Executive Secretary-General
    Secretary General National State Supreme Opposition Human Rights Well-known Prominent
    Renowned Jailed Imprisoned Exiled Detained Political Former
    """
)
# After a name: "X said", "X told".
PERSON_VERBS_AFTER = _words(
    """
    said says told added noted stated wrote explained stressed argued claimed recalled
    insisted warned replied asked admitted denied confirmed commented declared announced
    believes thinks tweeted posted
    сказал сказала заявил заявила отметил отметила сообщил сообщила написал написала
    подчеркнул подчеркнула добавил добавила рассказал рассказала пояснил пояснила
    сказаў сказала заявіў заявіла адзначыў адзначыла паведаміў паведаміла напісаў напісала
    """
)
# Prepositions that make the next capitalised word a place when nothing else says otherwise.
PLACE_PREPOSITIONS = _words(
    "in to from near across into throughout outside inside в во из на под около до у з ў"
)

# Capitalised at a sentence start or in a headline, but never a name.
COMMON_WORDS = _words(
    """
    a an the this that these those there here it its it's he she they we you i his her their our
    my your them him us me who whom whose which what when where why how all any some many much
    more most other another such no not nor only own same so than too very can will just should
    now also and but or if then because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further once both each few amid among amongst across along around toward towards upon within
    without despite although though however thus therefore hence meanwhile moreover furthermore
    nevertheless nonetheless indeed undoubtedly overall yet still already even perhaps maybe
    certainly clearly obviously apparently finally firstly secondly lastly today yesterday
    tomorrow tonight recently earlier later currently previously sources source according
    evidence read see also photo video update updated breaking exclusive opinion analysis
    news related more share comments advertisement subscribe follow
    monday tuesday wednesday thursday friday saturday sunday
    one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    hundred hundreds thousand thousands dozens several first second third last next
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    mr mrs ms dr
    western eastern northern southern central european american russian belarusian
    ukrainian lithuanian polish german french british english japanese chinese soviet
    и в во не на я что он с со как а то все она так его но да ты к у же вы за бы по только ее
    её мне было вот от меня еще ещё нет о из ему теперь когда даже ну вдруг ли если уже или ни
    быть был была были него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
    тут где есть надо ней для мы тебя их чем сам чтобы без будто чего раз тоже себе под будет
    ж тогда кто этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы
    нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
    больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою
    этой перед иногда лучше чуть том нельзя такой им более всегда конечно всю между это эта
    также однако кроме того сегодня вчера завтра теперь однажды поэтому итак кстати например
    впрочем напомним ранее позже сначала наконец источник источники фото видео читайте
    понедельник вторник среда четверг пятница суббота воскресенье
    і ў у не на я што ён з як а то ўсё яна так яго але ды ты да вы за б па толькі яе мне было
    вось ад мяне яшчэ няма пра з яму цяпер калі нават ці або ні быць быў была былі таксама
    аднак акрамя сёння ўчора заўтра таму вось напрыклад раней пазней спачатку нарэшце гэта
    гэты гэтая гэтыя гэтым гэтага таму праз пасля перад паміж
    """
)

# Nationality and language adjectives and demonyms (English): never an entity alone.
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish", "ic", "ean", "iot", "i")
DEMONYMS = _words(
    """
    American Belarusian Belarussian Byelorussian Russian Ukrainian Lithuanian Latvian Estonian
    Polish German French British English Japanese Chinese Korean Italian Spanish Dutch Swedish
    Finnish Danish Norwegian Czech Slovak Hungarian Romanian Bulgarian Serbian Croatian Greek
    Turkish Georgian Armenian Azerbaijani Kazakh Uzbek Moldovan Israeli Iranian Iraqi Syrian
    Arab Arabic Afghan Pakistani Indian Canadian Mexican Brazilian Australian European Western
    Eastern Northern Southern Soviet Slavic Baltic Nordic Catholic Orthodox Christian Muslim
    Jewish Democratic Republican Communist Kremlin-backed Pro-Russian Pro-Kremlin Anti-War
    Kyivan Muscovite Minsker Scandinavian Asian African Latin Caucasian Siberian Crimean
    """
)

# Common first names (nominative), English and East Slavic in several romanisations, with gender.
FEMALE_FIRST_NAMES = _words(
    """
    Sviatlana Svetlana Swetlana Natalya Natalia Natallia Nataliya Halina Galina Olga Olha Volha Alena
    Alyona Elena Yelena Helena Alena Maria Maryia Mariya Marina Maryna Tatiana Tatsiana Tatyana
    Irina Iryna Iryna Anna Hanna Ganna Ekaterina Katsiaryna Kateryna Katerina Yulia Yuliya Julia
    Iuliia Lyudmila Liudmila Ludmila Nina Nadezhda Nadzeya Nadiya Vera Viera Veronika Valentina
    Valiantsina Larisa Larysa Oksana Ksenia Kseniya Daria Darya Daryna Alexandra Aliaksandra
    Oleksandra Victoria Viktoria Viktoryia Anastasia Anastasiya Nastassia Nasta Polina Palina
    Sofia Sofiya Zoya Raisa Lidia Lidziya Tamara Inna Ala Alla Lilia Liliya Karoline Caroline
    Jeanne Catherine Kate Ann Anne Claire Marie Sophie Nicole Rachel Rebecca Jessica Amanda
    Michelle Kimberly Deborah Stephanie Helen Sandra Donna Carol Ruth Sharon Linda Barbara
    Patricia Heather Samantha Christine Eva Katya Tanya Nadia Lena Olena Yuliia Maia Maya Ana
    Alice Ingrid Birgit Giorgia Roberta Kristina Dalia Agne Gabriele Vilma Ieva Ruta Zuzana
    Beata Dorota Magdalena Aleksandra Monika Kaja Marta Annalena Nancy Nikki Tulsi Kristi
    Angela Sarah Mary Jennifer Elizabeth Susan Margaret Karen Nancy Lisa Laura Emily Emma Jane
    Kamala Hillary Ursula Kaja Kaya Ingrida Agnieszka Katarzyna Małgorzata Joanna Ewa Marta
    Светлана Святлана Наталья Наталля Галина Галіна Ольга Вольга Елена Алена Алёна Мария Марыя
    Марина Марына Татьяна Таццяна Ирина Ірына Анна Ганна Екатерина Кацярына Юлия Юлія Людмила
    Людміла Нина Ніна Надежда Надзея Вера Вера Вероника Вераніка Валентина Валянціна Лариса
    Ларыса Оксана Ксения Ксенія Дарья Дар'я Александра Аляксандра Виктория Вікторыя Анастасия
    Анастасія Наста Полина Паліна София Софія Зоя Раиса Лидия Тамара Инна Алла Лилия Мария
    """
)
MALE_FIRST_NAMES = _words(
    """
    Alexander Aleksandr Aliaksandr Alexandr Oleksandr Sergei Sergey Siarhei Serhiy Serhii Sergej
    Ihor Igor Ihar Kyrylo Kirill Kiryl Keith Donald John Joe Joseph Michael Mikhail Mikhail
    Mikhaïl Mikalai Nikolai Nikolay Mykola Vladimir Uladzimir Volodymyr Wladimir Dmitry Dmitri
    Dzmitry Dmytro Andrei Andrey Andrej Andrii Andriy Ales Aleś Alexei Alexey Aliaksei Oleksiy
    Viktor Viktar Victor Pavel Paval Pavlo Paul Yuri Yury Yuri Yuriy Iouri Juri Maxim Maksim
    Maksym Roman Raman Ivan Ivan Yan Jan Ian Leonid Leanid Anatoly Anatol Anatoliy Boris Barys
    Valery Valery Valer Valeriy Oleg Aleh Oleh Gennady Henadz Vitaly Vital Vitaliy Vadim Vadzim
    Denis Dzianis Evgeny Yevgeny Yauhen Yevhen Eugene Artem Artsiom Artyom Stanislav Stanislau
    Ryhor Grigory Hryhoriy Pyotr Piotr Petr Petro Fyodor Fiodor Yakov Zmitser Zmicier
    Mark Emmanuel Olaf Friedrich Gerhard Boris Rishi Keir Justin Xi Recep Gitanas Gabrielius
    Andrzej Donald Radosław Mateusz Lech Marco Antony Antonio Josep Charles Karl Rafael
    Robert Richard William James David Thomas Christopher Daniel Matthew Anthony Steven George
    Edward Brian Kevin Jason Jeffrey Ryan Jacob Gary Nicholas Eric Stephen Jonathan Larry Frank
    Scott Brandon Benjamin Samuel Patrick Peter Marco Mike Tom Tim Kestutis Kęstutis Tomas
    Tomasz Pawel Paweł Krzysztof Marek Jaroslaw Jarosław Wojciech Michal Michał Rafal Rafał
    Radoslaw Aleksy Algirdas Valdas Vytautas Linas Gabriel Mindaugas Darius Arvydas Saulius
    Edgars Egils Krisjanis Alar Jens Lars Frank Ulrich Wolfgang Hans Martin Christian Pedro Luis
    Carlos Jose Juan Ahmed Mohammed Ali Hassan Omar Benjamin Yair Naftali Karel Milos Vaclav
    Andrej Ilya Ilia Ilja Konstantin Kanstantsin Mikhas Uladzislau Vladislav Ruslan Taras Bohdan
    Nikita Mikita Stepan Stsiapan Yaroslav Miroslav Vasil Vasily Vasyl Leonid Eduard Eduardas
    Александр Аляксандр Сергей Сяргей Игорь Ігар Кирилл Кірыл Дональд Кит Михаил Міхаіл Николай
    Мікалай Владимир Уладзімір Дмитрий Дзмітрый Андрей Андрэй Алесь Алексей Аляксей Виктор
    Віктар Павел Павел Юрий Юрый Максим Максім Роман Раман Иван Іван Ян Леонид Леанід Анатолий
    Анатоль Борис Барыс Валерий Валерый Олег Алег Геннадий Генадзь Виталий Віталь Вадим Вадзім
    Денис Дзяніс Евгений Яўген Артём Арцём Станислав Станіслаў Рыгор Григорий Пётр Пятро Фёдор
    Яков Зміцер Эммануэль Марк Владимир Эдуард Руслан Тарас Богдан Мирослав Ярослав Илья Ілля
    Константин Канстанцін Никита Мікіта Степан Сцяпан Василий Васіль Гитанас Кястутис
    """
)

# Spellings of one place that are one candidate (folded -> display name).
PLACE_ALIASES = {
    "us": "United States",
    "u s": "United States",
    "usa": "United States",
    "u s a": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "united kingdom": "United Kingdom",
    "kiev": "Kyiv",
    "byelorussia": "Belarus",
}

# Nouns that count people ("14 political prisoners"), English, Russian and Belarusian.
COUNTED_NOUNS = _words(
    """
    prisoners prisoner detainees detainee people persons individuals activists journalists
    protesters demonstrators citizens civilians children women men soldiers hostages inmates
    members students workers victims refugees migrants opponents dissidents bloggers lawyers
    defendants convicts captives employees volunteers residents foreigners nationals
    человек людей политзаключённых политзаключенных заключённых заключенных задержанных
    активистов журналистов граждан детей пленных осуждённых осужденных узников фигурантов
    чалавек людзей палітвязняў вязняў затрыманых асуджаных журналістаў актывістаў грамадзян
    """
)
RELEASE_WORDS = (
    "releas", "freed", "free ", "pardon", "amnest", "let go", "set free",
    "освобо", "помилова", "вышли на свобод", "выпущ", "выпуст", "вызвал", "памілава", "вызвален",
)  # fmt: skip
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
    "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8,
    "девять": 9, "десять": 10, "двое": 2, "трое": 3, "четверо": 4, "пятеро": 5,
    "шестеро": 6, "семеро": 7, "чатыры": 4, "пяць": 5, "шэсць": 6, "сем": 7, "восем": 8,
    "дзевяць": 9, "дзесяць": 10,
}  # fmt: skip

# Words after a capitalised word that make it a place ("the Medininkai checkpoint").
PLACE_NOUNS_AFTER = _words(
    """
    checkpoint crossing border region district village town city oblast province county area
    river lake airport station suburb neighbourhood neighborhood square street avenue prison
    colony camp raion
    """
)
# Words right before a name that make it a place ("the city of Grodno").
PLACE_NOUNS_BEFORE = _words("city town village region district province oblast capital")
# Nouns that say what an organisation is: "the newspaper Novy Chas", "Belavia, the state airline".
ORGANIZATION_NOUNS = _words(
    """
    newspaper channel broadcaster agency publication outlet website portal group organisation
    organization party company movement platform service daily magazine station airline bank
    firm network union association committee ngo charity foundation fund initiative
    газета издание телеканал агентство портал сайт организация партия компания движение
    платформа служба журнал радиостанция авиакомпания банк
    газета выданне тэлеканал агенцтва партал сайт арганізацыя партыя кампанія рух
    """
)
# Head nouns of names that are none of the three kinds (holidays, prizes, wars).
OTHER_NAME_HEADS = _words(
    "Day Week Eve Prize Award Awards Cup Games Olympics War Festival Summit Forum Election"
)

# Case-sensitive abbreviations (an organisation only when written in capitals: WHO, not "Who").
# Verbs right before a name that make it an organisation ("who heads Viasna").
ORGANIZATION_VERBS_BEFORE = _words("heads chairs runs founded co-founded joined leads led funds")
