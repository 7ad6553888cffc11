"""The ACLED relevance stage on sentences written for the project: figurative and
irrelevant uses of violent words yield nothing, literal variants (other actors, tense, voice,
word order) are still coded, and each event says why its passage was judged relevant."""
from __future__ import annotations

import pytest

FIGURATIVE = {
    "sport": [
        "India and England battled it out for the inaugural trophy at Lord's on Sunday.",
        "Pakistan were beaten 2-1 by the hosts in Karachi on Saturday.",
        "The hosts beat the visitors by six wickets in Colombo on Friday.",
        "The striker shot wide twice before half-time as the champions struggled.",
        "The champions clash with Madrid in the semi-final in Lisbon on Tuesday.",
        "Chelsea attacked relentlessly in the second half but the goalkeeper kept a clean "
        "sheet at the stadium.",
        "The visitors were thrashed and knocked out of the cup by the hosts in Cardiff.",
    ],
    "business": [
        "Supermarkets slashed prices in London as the price war with discount rivals "
        "intensified.",
        "The bank launched a hostile takeover bid for its rival on Monday.",
        "The two airlines are locked in a fierce price war on routes to Delhi.",
        "Shares in the carrier were hit hard in Frankfurt after the takeover battle.",
        "The firm attacked the regulator's decision to cap prices in Mumbai.",
        "The chief executive fought off a boardroom battle with investors in New York.",
    ],
    "entertainment": [
        "The film bombed at the box office despite its famous stars.",
        "The sequel was a box office bomb in Los Angeles last year.",
        "The killer app for the new console is a racing game.",
        "The band's new single shot to number one in the charts on Sunday.",
        "Critics attacked the director's new thriller at the festival in Cannes.",
        "The rapper's album was killed off by the record label in London.",
    ],
}

UNREAL = [  # plans, threats, hypotheses, questions, remembrance, history, running totals
    "The rebels threatened to attack the capital, Kabul.",
    "The army plans to launch an offensive against the militants in Swat next month.",
    "If the talks fail, the militants could attack Kabul.",
    "Will the army attack the rebels in Idlib?",
    "Thousands gathered in Srebrenica to commemorate the victims of the 1995 massacre.",
    "In 1971, the army killed thousands of civilians in Dhaka.",
    "At least 200 people have been killed in clashes in Darfur since January.",
    "Speaking to reporters, the minister said militants would attack police posts in Quetta.",
    "The minister alleged that militants had attacked police posts in Quetta on Monday.",
    "He alleged smugglers funded the group, and said the militants killed policemen in Quetta.",
    "The leader of the newly formed, banned group spoke to reporters in Quetta on Monday.",
]

LITERAL = [  # real events: other actors, tense, voice, word order, in ordinary settings
    "Gunmen attacked a cricket team's bus in Lahore on Tuesday, killing six policemen.",
    "A bomb exploded near the stadium in Quetta during a football match, killing four "
    "spectators.",
    "Militants attacked an oil company's pipeline in Warri on Monday, killing two guards.",
    "Workers protested outside the factory in Karachi on Monday, demanding unpaid wages.",
    "Gunmen opened fire on a concert in Kabul on Friday, killing three musicians.",
    "Protesters stormed a film studio in Mumbai on Sunday, angry over a movie.",
    "The rebels attacked the capital, Kabul, on Monday, killing five soldiers.",
    "Five soldiers were killed when rebels attacked Kabul on Monday.",
    "On Monday, soldiers clashed with militants in Swat.",
    "Police fired tear gas at fans who clashed with them outside the stadium in Lahore.",
    "Militants are attacking villages near Idlib, residents said on Tuesday.",
]


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


@pytest.mark.parametrize("text", [t for texts in FIGURATIVE.values() for t in texts])
def test_figurative_violence_in_ordinary_news_is_not_coded(acled, text):
    assert acled.code_texts([text], date="2024-05-01") == []


@pytest.mark.parametrize("text", UNREAL)
def test_violence_that_did_not_happen_here_and_now_is_not_coded(acled, text):
    assert acled.code_texts([text], date="2024-05-01") == []


@pytest.mark.parametrize("text", LITERAL)
def test_literal_violence_and_protest_are_still_coded(acled, text):
    events = acled.code_texts([text], date="2024-05-01")
    assert events, text
    relevance = events[0]["cite_info"]["relevance"]
    assert relevance["rule"] in ("conflict-actor", "crowd", "protest", "weapon",
                                 "civilians-harmed", "people-harmed")
    assert relevance["says"] and relevance["cues"]


def test_a_sports_article_codes_no_battles_but_its_real_attack(acled):
    article = ("Pakistan beat Sri Lanka in the first Test\n\n"
               "Pakistan beat Sri Lanka by 31 runs in the first Test match in Karachi on "
               "Sunday. The hosts battled hard after a batting collapse, and the visitors were "
               "beaten when their captain was bowled in the second innings for 12. Sri Lanka "
               "clash with Pakistan again in the second Test in Lahore next week, after a "
               "spinner took six wickets. The cricket series is level after the hosts' win.")
    assert acled.code_texts([article], date="2024-05-01") == []
    attacked = article + (" Gunmen attacked a bus carrying the visiting team in Lahore on "
                          "Saturday, killing six policemen.")
    events = acled.code_texts([attacked], date="2024-05-01")
    assert [e["location"]["location"] for e in events] == ["Lahore"]
    assert events[0]["cite_info"]["relevance"]["context"] == "sport"


def test_page_furniture_is_not_coded(acled):
    page = ("Top Searched Companies Top Calculators Top Stocks Live Market News Latest News "
            "Clash Of Titans\n"
            "Read more: Police clash with protesters in Lahore\n"
            "By Ahmed Khan, Staff Reporter\n"
            "Share this article\n\n"
            "The central bank kept interest rates unchanged on Monday, citing inflation.")
    assert acled.code_texts([page], date="2024-05-01") == []


def test_a_real_event_after_page_furniture_is_still_coded(acled):
    page = ("Home News World Sport Business Opinion Videos Photos Latest Trending\n"
            "By Ahmed Khan\n\n"
            "Gunmen killed three policemen at a checkpoint in Quetta on Monday, officials "
            "said.\nRead more: Markets rally as oil prices fall")
    events = acled.code_texts([page], date="2024-05-01")
    assert [e["location"]["location"] for e in events] == ["Quetta"]


@pytest.mark.parametrize("text, place", [
    ("Speaking to reporters in his hometown of Sialkot, the minister said militants attacked "
     "a police post in Quetta on Monday.", "Quetta"),
    ("Born in Karachi, the journalist was shot dead by gunmen in Peshawar on Monday.",
     "Peshawar"),
    ("The soldier, a native of Multan, was killed when militants attacked his post in "
     "Turbat on Sunday.", "Turbat"),
    ("Militants attacked a police post in Quetta on Monday, the minister told reporters in "
     "his home town of Sialkot.", "Quetta"),
])
def test_where_someone_is_from_is_not_where_the_event_happened(acled, text, place):
    events = acled.code_texts([text], date="2024-05-01")
    assert {e["location"]["location"] for e in events} == {place}


def test_dropped_cues_are_named_in_the_provenance(acled):
    events = acled.code_texts(["Gunmen killed two villagers in Swat on Monday. The rebels "
                               "threatened to attack Mingora."], date="2024-05-01")
    assert len(events) == 1
    relevance = events[0]["cite_info"]["relevance"]
    assert relevance["rule"] == "conflict-actor" and relevance["context"] == "news"


@pytest.mark.parametrize("text, first, second", [
    ("Security sources said that 22 more terrorists were killed during overnight follow-up "
     "operations in Kech.", "Military Forces", "Unidentified Armed Group"),
    ("Twelve militants were killed in clashes in Kech on Monday.", "Military Forces",
     "Unidentified Armed Group"),
    ("Soldiers killed twelve militants in clashes in Kech on Monday.", "Military Forces",
     "Unidentified Armed Group"),
    ("Ten soldiers were killed in clashes in Kech on Monday.", "Unidentified Armed Group",
     "Military Forces"),
    ("Militants ambushed a patrol in Kech on Monday, killing ten soldiers.",
     "Unidentified Armed Group", "Military Forces"),
])
def test_the_side_that_acted_is_actor_1(acled, text, first, second):
    [event] = acled.code_texts([text], date="2024-05-01")
    assert event["actor1"].startswith(first) and event["actor2"].startswith(second)
