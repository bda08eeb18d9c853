"""Find anyone by any spelling: a table of stored names and the spellings that must find them.

Each query must put its person in the top three; unrelated names must find nobody.
The stored form is what a researcher typed first; the queries are the other scripts
and romanisations the same person reaches a case file in.
"""

from __future__ import annotations

import pytest

from casefile.services.entities import add_entity
from casefile.services.fields import EntityFields
from casefile.services.search import search
from casefile.storage.engine import open_database

# (stored name, aliases, spellings that must find it)
PEOPLE: list[tuple[str, list[str], list[str]]] = [
    (
        "Sviatlana Tsikhanouskaya",
        ["Ціханоўская@be"],
        [
            "Tikhanovskaya",
            "Тихановская",
            "tsikhanouskaya",
            "Svetlana Tikhanovskaya",
            "Cichanoŭskaja",
            "Tichanowskaja",
            "Светлана Тихановская",
            "Swiatłana Cichanouska",
        ],
    ),
    ("Siarhei Tsikhanouski", [], ["Sergei Tikhanovsky", "Сергей Тихановский", "Siarhiej Cichanoŭski"]),
    (
        "Mikalai Statkevich",
        [],
        [
            "Statkevich",
            "Николай Статкевич",
            "Мікалай Статкевіч",
            "Mikałaj Statkiewicz",
            "Nikolai Statkevitch",
        ],
    ),
    ("Aleś Puškin", [], ["Pushkin", "Алесь Пушкін", "Ales Pushkin"]),
    ("Yuliya Slutskaya", [], ["Sluckaja", "Юлия Слуцкая", "Julia Slutskaja", "Iuliia Slutskaia"]),
    (
        "Alexander Lukashenko",
        ["Аляксандр Лукашэнка@be"],
        ["Lukashenka", "Лукашенко", "Łukaszenka", "Aliaksandr Lukashenka", "Lukašenka"],
    ),
    ("Ales Bialiatski", [], ["Алесь Бяляцкі", "Ales Byalyatsky", "Aleś Bialacki", "Беляцкий"]),
    ("Maria Kalesnikava", [], ["Мария Колесникова", "Maryja Kalesnikava", "Maria Kolesnikova"]),
    ("Ihar Losik", [], ["Игорь Лосик", "Igor Losik", "Ігар Лосік"]),
    ("Raman Pratasevich", [], ["Roman Protasevich", "Раман Пратасевіч", "Роман Протасевич"]),
    ("Viktar Babaryka", [], ["Viktor Babariko", "Віктар Бабарыка", "Виктор Бабарико", "Wiktar Babaryka"]),
    (
        "Volodymyr Zelenskyy",
        [],
        ["Владимир Зеленский", "Volodymyr Zelensky", "Wołodymyr Zełenski", "Володимир Зеленський"],
    ),
    ("Yulia Tymoshenko", [], ["Юлія Тимошенко", "Julija Tymoszenko", "Yuliya Timoshenko"]),
    ("Andrei Sannikov", [], ["Андрэй Саннікаў", "Andrej Sannikau", "Андрей Санников"]),
    ("Maksim Znak", [], ["Максім Знак", "Maxim Znak"]),
    ("Zmitser Dashkevich", [], ["Зміцер Дашкевіч", "Zmicier Daškievič"]),
    ("Natalya Dulina", [], ["Наталья Дулина", "Natallia Dulina"]),
    ("Kyrylo Balakhonov", [], ["Кирилл Балахонов", "Kirill Balakhonov", "Kyryło Bałachonow"]),
    ("Halina Krasnyanskaya", [], ["Галина Краснянская", "Galina Krasnyanskaya", "Halina Krasnianskaja"]),
    ("Wojciech Kowalski", [], ["Войцех Ковальский", "Voitsekh Kovalsky"]),
    ("Łukasz Żurek", [], ["Lukasz Zurek", "Лукаш Журек"]),
    ("Gabrielius Landsbergis", [], ["Габриэлюс Ландсбергис", "Gabrielyus Landsbergis"]),
    ("Ingrida Šimonytė", [], ["Ingrida Simonyte", "Ингрида Шимоните"]),
    ("Algirdas Brazauskas", [], ["Альгирдас Бразаускас"]),
    ("Keith Kellogg", [], ["Кит Келлог"]),
    ("Donald Trump", [], ["Дональд Трамп"]),
    ("Angela Merkel", [], ["Ангела Меркель"]),
    ("Emmanuel Macron", [], ["Эммануэль Макрон"]),
    ("Gerhard Schröder", [], ["Герхард Шрёдер", "Gerhard Schroeder"]),
    ("Józef Piłsudski", [], ["Юзеф Пилсудский", "Jozef Pilsudski"]),
    ("Tadeusz Kościuszko", [], ["Тадеуш Костюшко", "Tadevush Kastsyushka"]),
    ("Adam Mickiewicz", [], ["Адам Мицкевич", "Adam Mitskevich", "Адам Міцкевіч"]),
    ("Francysk Skaryna", [], ["Францыск Скарына", "Frantsisk Skorina"]),
    ("Yanka Kupala", [], ["Янка Купала", "Janka Kupała"]),
    ("Vasil Bykau", [], ["Васіль Быкаў", "Vasil Bykov", "Wasil Bykaŭ"]),
    ("Uladzimir Karatkevich", [], ["Уладзімір Караткевіч", "Vladimir Korotkevich"]),
    ("Sviatlana Alexievich", [], ["Святлана Алексіевіч", "Sviatlana Aleksijevič", "Светлана Алексиевич"]),
    ("Zianon Pazniak", [], ["Зянон Пазьняк", "Zenon Poznyak", "Зенон Позняк"]),
    ("Stanislau Shushkevich", [], ["Станіслаў Шушкевіч", "Stanislav Shushkevich", "Stanisław Szuszkiewicz"]),
    ("Ryhor Baradulin", [], ["Рыгор Барадулін", "Grigory Borodulin"]),
    ("Taras Shevchenko", [], ["Тарас Шевченко", "Taras Szewczenko", "Taras Schewtschenko", "Taras Ševčenko"]),
    ("Mykhailo Hrushevsky", [], ["Михаил Грушевский", "Mychajlo Hruschewskyj", "Mykhajlo Hruševskyj"]),
    ("Lesya Ukrainka", [], ["Леся Украинка", "Łesia Ukrainka"]),
    ("Olha Kharlan", [], ["Ольга Харлан", "Olga Kharlan"]),
    ("Fyodor Dostoevsky", [], ["Фёдор Достоевский", "Fiodor Dostojewski", "Fyodor Dostoyevsky"]),
    ("Pyotr Tchaikovsky", [], ["Пётр Чайковский", "Piotr Czajkowski", "Pjotr Tschaikowski"]),
    ("Alexei Navalny", [], ["Алексей Навальный", "Aleksei Navalnyi", "Alexej Nawalny"]),
    ("Mikhail Khodorkovsky", [], ["Михаил Ходорковский", "Michail Chodorkowski"]),
    ("Dmitry Medvedev", [], ["Дмитрий Медведев", "Dmitrij Miedwiediew"]),
    ("Katsiaryna Andreyeva", [], ["Екатерина Андреева", "Katsiaryna Andrejeva"]),
    ("Valiantsin Stefanovich", [], ["Валентин Стефанович", "Walancin Stefanowicz"]),
    ("Nasta Loika", [], ["Наста Лойка", "Nasta Lojka"]),
    # French and German press spellings: ou for u, ch for sh, tch/tsch for ch, j for zh, w for v.
    ("Sergei Shoigu", [], ["Sergueï Choïgou", "Sergej Schoigu", "Сергей Шойгу"]),
    ("Vladimir Zhirinovsky", [], ["Vladimir Jirinovski", "Wladimir Zhirinowski"]),
    ("Georgy Zhukov", [], ["Gueorgui Joukov", "Georgi Zhukow"]),
    ("Ihor Korney", [], ["Ihar Karnei", "Игорь Корней"]),
    ("Hanna", [], ["Ганна", "Hanna"]),
    ("Anna", [], ["Анна"]),
]

UNRELATED = [
    "Ivan Petrov", "John Smith", "Barack Obama", "Xi Jinping", "Olaf Scholz", "Greta Thunberg",
    "Pavel Durov", "Sergei Lavrov", "Boris Johnson", "Maria Sharapova", "Kim Jong Un",
    "Ramzan Kadyrov", "Mark Rutte", "Elon Musk", "Lech Wałęsa", "Oleg Sentsov", "Nadiya Savchenko",
    "Ursula von der Leyen", "Виталий Кличко", "Петро Порошенко",
]  # fmt: skip

# More French and German spellings of people already in the table.
ROMANISATIONS = [
    ("Alexander Lukashenko", "Alexandre Loukachenko"),
    ("Alexander Lukashenko", "Alexander Lukaschenko"),
    ("Taras Shevchenko", "Taras Chevtchenko"),
    ("Sviatlana Tsikhanouskaya", "Svetlana Tikhanovskaïa"),
    ("Pyotr Tchaikovsky", "Piotr Tchaïkovski"),
    ("Mikalai Statkevich", "Nikolaï Statkevitch"),
    ("Mikhail Khodorkovsky", "Mikhaïl Khodorkovski"),
]

PAIRS = [(stored, query) for stored, _, queries in PEOPLE for query in queries] + ROMANISATIONS


@pytest.fixture(scope="module")
def people_db(tmp_path_factory):
    """One case file holding the whole table, on the backend under test."""
    from tests.conftest import fresh_case_target

    with fresh_case_target(tmp_path_factory.mktemp("pairs")) as target:
        db = open_database(target)

        def fill(session):
            for name, aliases, _ in PEOPLE:
                add_entity(session, kind="person", data=EntityFields(name=name), aliases=aliases)

        db.write(fill)
        yield db
        db.dispose()


def test_the_table_is_big_enough() -> None:
    assert len(PAIRS) >= 60


@pytest.mark.parametrize(("stored", "query"), PAIRS, ids=[f"{q}->{s}" for s, q in PAIRS])
def test_each_spelling_finds_its_person_in_the_top_three(people_db, stored: str, query: str) -> None:
    hits = people_db.read(lambda s: search(s, query=query, limit=3))
    assert stored in [h.entity.name for h in hits], [(h.entity.name, h.matched) for h in hits]


@pytest.mark.parametrize("query", UNRELATED)
def test_unrelated_names_find_nobody(people_db, query: str) -> None:
    hits = people_db.read(lambda s: search(s, query=query, limit=3))
    assert hits == [], [(h.entity.name, h.matched) for h in hits]
