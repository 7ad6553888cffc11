"""ACLED typing: the taxonomy and its derived fields, and sub-event types decided from who
acts on whom and how, one event per location and day."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder_acled.taxonomy import check_row, interaction, taxonomy

ACTOR_TYPES = st.integers(min_value=1, max_value=8)


def test_taxonomy_has_acleds_six_types_and_twenty_five_sub_types():
    subs = taxonomy().sub_events
    assert len(subs) == 25
    assert {s.event_type for s in subs.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
        "Riots", "Strategic developments"}
    assert subs["Excessive force against protesters"].disorder_type == \
        "Political violence; Demonstrations"
    assert subs["Mob violence"].disorder_type == "Political violence"
    assert subs["Violent demonstration"].disorder_type == "Demonstrations"
    assert len({s.code for s in subs.values()}) == 25


@given(ACTOR_TYPES, ACTOR_TYPES)
def test_interaction_is_unordered_ten_min_plus_max(a, b):
    assert interaction(a, b) == interaction(b, a) == 10 * min(a, b) + max(a, b)


@given(ACTOR_TYPES)
def test_one_actor_interaction_is_ten_times_its_type(a):
    assert interaction(a, 0) == 10 * a


def test_interaction_text_form_follows_acled():
    tax = taxonomy()
    assert tax.interaction_value(1, 7, "text") == "State forces-Civilians"
    assert tax.interaction_value(6, 0, "text") == "Protesters only"
    assert tax.inter_value(2, "text") == "Rebel group"


def _row(**changes):
    row = {"event_type": "Violence against civilians", "sub_event_type": "Attack",
           "disorder_type": "Political violence", "actor1": "Taliban", "inter1": 2,
           "actor2": "Civilians (Afghanistan)", "inter2": 7, "interaction": 27,
           "civilian_targeting": "Civilian targeting"}
    return {**row, **changes}


def test_check_row_accepts_a_consistent_row_in_numeric_and_text_forms():
    assert check_row(_row()) == []
    assert check_row(_row(inter1="Rebel group", inter2="Civilians",
                          interaction="Rebel group-Civilians")) == []


@pytest.mark.parametrize("changes, complaint", [
    ({"interaction": 12}, "interaction"),
    ({"event_type": "Battles"}, "event_type"),
    ({"disorder_type": "Demonstrations"}, "disorder_type"),
    ({"civilian_targeting": None}, "civilian_targeting"),
    ({"actor2": None}, "actor2"),
    ({"sub_event_type": "Skirmish"}, "unknown sub_event_type"),
])
def test_check_row_names_what_is_inconsistent(changes, complaint):
    problems = check_row(_row(**changes))
    assert problems and any(complaint in p for p in problems)


# -- typing real sentences -------------------------------------------------------------------
CASES = [
    ("On 3 May 2020, Taliban militants clashed with Afghan soldiers in Kandahar city.",
     "Armed clash", 12),
    ("On 3 May 2024, an IED planted by BLA militants killed two soldiers in Turbat, Balochistan.",
     "Remote explosive/landmine/IED", 12),
    ("On 3 May 2024, police fired tear gas to disperse protesters in Nairobi.",
     "Protest with intervention", 16),
    ("On 3 May 2024, unidentified gunmen shot dead two villagers in Kalat, Balochistan.",
     "Attack", 37),
    ("On 3 May 2024, students staged a peaceful rally in Dhaka demanding lower fees.",
     "Peaceful protest", 60),
    ("On 3 May 2024, a drone strike by the military hit a compound in Khost, killing three "
     "militants.", "Air/drone strike", None),
    ("On 3 May 2024, a mob lynched a suspected thief in Beira.", "Mob violence", 57),
    ("On 3 May 2024, a suicide bomber blew himself up at a checkpoint in Peshawar, killing "
     "four policemen.", "Suicide bomb", None),
]


@pytest.fixture(scope="module")
def acled(engine_factory):
    return engine_factory("acled")


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("text, sub_event_type, interaction_code", CASES)
def test_sub_event_type_from_who_acts_on_whom_and_how(acled, text, sub_event_type,
                                                       interaction_code):
    events = acled.code_texts([text])
    assert [e["sub_event_type"] for e in events] == [sub_event_type]
    if interaction_code is not None:
        assert events[0]["interaction"] == interaction_code
    assert check_row(events[0]) == []


@pytest.mark.model  # loads the real pipeline itself
@pytest.mark.parametrize("text", [
    "An earthquake killed 50 people and destroyed hundreds of houses in eastern Turkey.",
    "The foreign minister visited Islamabad for talks on trade and sanctions.",
    "A chemical plant exploded after a gas leak, killing six workers, officials said.",
])
def test_texts_without_an_acled_event_yield_none(acled, text):
    assert acled.code_texts([text]) == []


@pytest.mark.model  # loads the real pipeline itself
def test_one_event_per_location_with_the_total_split_and_noted(acled):
    text = ("On 3 May 2024, BLA militants attacked police posts in Quetta, Mastung and Nushki, "
            "killing 9 policemen.")
    events = acled.code_texts([text])
    assert sorted(e["location"]["location"] for e in events) == ["Mastung", "Nushki", "Quetta"]
    assert [e["fatalities"] for e in events] == [3, 3, 3]
    assert all("split" in e["notes"] for e in events)
    assert all(e["actor1"] == "BLA: Baloch Liberation Army" and e["inter2"] == 1
               for e in events)


@pytest.mark.model  # loads the real pipeline itself
def test_events_carry_acled_columns_and_core_fields(acled):
    event = acled.code_texts(["On 3 May 2020, Taliban militants clashed with Afghan soldiers "
                              "in Kandahar city."])[0]
    assert event["event_code"] == "armed-clash"
    assert event["event_label"] == "Battles: Armed clash"
    assert event["event_date"] == "2020-05-03" and event["year"] == 2020
    assert event["country"] == "Afghanistan"
    assert event["actor"][0]["code"] == event["actor1"]
    assert event["recipient"][0]["code"] == event["actor2"]
    assert event["size"]["dead"] == event["fatalities"]


def test_text_inter_codes_when_the_codebook_asks(nlp):
    from eventcoder import Engine
    from eventcoder_acled.codebook import AcledCodebook
    engine = Engine(AcledCodebook({"inter_format": "text"}), nlp=nlp)
    event = engine.code_texts(["On 3 May 2020, Taliban militants clashed with Afghan soldiers "
                               "in Kandahar city."])[0]
    assert event["inter1"] in ("Rebel group", "State forces")
    assert event["interaction"] == "State forces-Rebel group"
    assert check_row(event) == []


@pytest.mark.model  # loads the real pipeline itself
def test_a_transitive_strike_is_no_labour_strike(acled):
    """'Rebels strike three towns' is violence; 'workers went on strike' is a protest."""
    attack = acled.code_texts(["M23 rebels strike three towns in North Kivu, killing 14 "
                               "Congolese soldiers."], date="2025-03-09")
    assert attack and all(e["event_type"] != "Protests" for e in attack)
    strike = acled.code_texts(["Teachers went on strike in Nairobi on Monday to demand "
                               "higher pay."], date="2025-03-09")
    assert [e["event_type"] for e in strike] == ["Protests"]


# -- general typing rules (sentences written for these tests) --------------------------------
def _types(acled, text: str) -> list[str]:
    return [e["sub_event_type"] for e in acled.code_texts([text], date="2024-05-03")]


@pytest.mark.parametrize("text, expected", [
    # an explosive weapon used in a gunfight between armed sides is an armed clash
    ("On 3 May 2024, rebels opened fire and threw a grenade at soldiers guarding an army post "
     "near Gao, killing one soldier.", "Armed clash"),
    ("On 3 May 2024, rebels attacked an army checkpoint near Gao with grenades and heavy "
     "weapons, wounding two soldiers.", "Armed clash"),
    ("On 3 May 2024, militants and soldiers clashed near Gao. Gunfire and several loud "
     "explosions were heard.", "Armed clash"),
    ("On 3 May 2024, rebels fired mortars, machine guns and small arms at army positions near "
     "Gao.", "Armed clash"),
    # ... but the weapon alone stays remote violence
    ("On 3 May 2024, militants fired rockets at an army camp near Gao.",
     "Shelling/artillery/missile attack"),
    ("On 3 May 2024, militants ambushed an army convoy with a roadside bomb near Gao, killing "
     "three soldiers.", "Remote explosive/landmine/IED"),
    ("On 3 May 2024, rebels shelled army positions near Gao with mortars loaded with chlorine "
     "gas during heavy fighting.", "Chemical weapon"),
    # arms seized after a fight are no explosion; a defused shell is disrupted weapons use
    ("On 3 May 2024, soldiers clashed with rebels near Gao, killing four rebels. The soldiers "
     "seized rifles and explosives from the site.", "Armed clash"),
    ("On 3 May 2024, army engineers defused two mortar shells fired by rebels at a village "
     "near Gao.", "Disrupted weapons use"),
    # a coal or gold mine is a place of work, not a landmine
    ("On 3 May 2024, militants ambushed a police patrol near a coal mine outside Quetta and "
     "shot dead two policemen.", "Armed clash"),
])
def test_explosions_in_a_fight_and_arms_that_are_not_used(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # unarmed people start the violence; the armed men in the story only respond to it
    ("On 3 May 2024, villagers assaulted two policemen in a village near Patna when the "
     "officers tried to enforce a curfew.", "Mob violence"),
    ("On 3 May 2024, a crowd of about 300 people tried to vandalise a police station in Patna. "
     "Police opened fire and one man was killed.", "Mob violence"),
    # armed men who start it are the attackers
    ("On 3 May 2024, soldiers beat up three villagers in a market near Patna.", "Attack"),
])
def test_who_starts_the_violence_decides_mob_or_attack(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # demonstrators who clash with the police make a violent demonstration, deaths or not
    ("On 3 May 2024, student demonstrators clashed with police in Dhaka. Two students were "
     "shot dead.", "Violent demonstration"),
    # lethal force against a crowd that is not violent is excessive force
    ("On 3 May 2024, police shot dead two demonstrators during a peaceful march in Dhaka.",
     "Excessive force against protesters"),
    # deaths that are the protest's reason are no force used on the protest
    ("On 3 May 2024, students staged a peaceful protest in front of the press club in "
     "Dhaka against the deaths of two classmates in police custody.", "Peaceful protest"),
])
def test_violent_demonstration_or_excessive_force(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # communities fighting: communal militias in battle when people die, a brawl otherwise
    ("On 3 May 2024, four people were injured in fighting between herders and farmers near "
     "Mopti.", "Mob violence"),
    ("On 3 May 2024, three people were wounded in intercommunal violence in a village near "
     "Mopti.", "Mob violence"),
    ("Intercommunal violence between two neighbouring communities left eleven people dead "
     "near Bor on 3 May 2024.", "Armed clash"),
    ("On 3 May 2024, militias of two rival clans clashed in a village near Mandera. At least "
     "seven people were killed.", "Armed clash"),
])
def test_violence_between_communities(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a convoy of an NGO carries no soldiers
    ("On 3 May 2024, an armed group attacked an NGO convoy near Bria, killing one aid worker.",
     ["Attack"]),
    # armed people are armed men, not a mob
    ("On 3 May 2024, armed motorcyclists opened fire at two shopkeepers in Panjgur, killing "
     "one.", ["Attack"]),
    # people described as spies of the army are the victims, the army is no side
    ("On 3 May 2024, rebels killed two alleged spies of the army in a village near Beni.",
     ["Attack"]),
    # earlier attacks told as background are no side of this one, nor a new event
    ("On 3 May 2024, gunmen shot dead a teacher in Turbat. The attack comes after BLA "
     "militants carried out a series of attacks across the province.", ["Attack"]),
])
def test_who_is_no_side_of_an_attack(acled, text, expected):
    assert _types(acled, text) == expected


def test_a_sentence_that_only_refers_back_to_the_attack_is_no_new_event(acled):
    text = ("On 3 May 2024, gunmen shot dead a teacher in Turbat. The attack comes after BLA "
            "militants carried out a series of attacks in Quetta on 1 May.")
    assert _types(acled, text) == ["Attack"]


@pytest.mark.parametrize("text, expected", [
    # an attack or ambush on a building or vehicle to rob or burn it, nobody hurt: looting
    ("On 3 May 2024, gunmen ambushed an NGO vehicle near Bria and robbed the driver of his "
     "phone.", "Looting/property destruction"),
    ("On 3 May 2024, militiamen attacked a health centre near Beni and set fire to two "
     "motorbikes.", "Looting/property destruction"),
    # ... but people attacked, or a village attacked, is violence against civilians
    ("On 3 May 2024, gunmen attacked two traders near Bria and stole their goods.", "Attack"),
    ("On 3 May 2024, militants attacked the village of Kora, killing two farmers and looting "
     "shops.", "Attack"),
    # burning houses after a clash told as background is property destruction
    ("On 3 May 2024, militants burned houses near Mandera following an earlier clash with "
     "police.", "Looting/property destruction"),
])
def test_attacks_on_property_alone_are_looting(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # an abduction that turns into a gunfight between armed sides is a battle
    ("On 3 May 2024, militants abducted three miners near Duki and engaged in a gunfight with "
     "Levies personnel who came to rescue them.", "Armed clash"),
    ("On 3 May 2024, soldiers clashed with Boko Haram fighters near Kaya, killing 15 of them. "
     "Twelve hostages were freed.", "Armed clash"),
    # an abduction alone is violence against civilians
    ("On 3 May 2024, gunmen abducted two traders near Kalat.",
     "Abduction/forced disappearance"),
])
def test_abduction_or_the_fight_around_it(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # people displaced or evicted, with the violence only as the reason: another development
    ("On 3 May 2024, about 2,000 people were displaced from villages near Beni following "
     "clashes between the army and ADF rebels.", ["Other"]),
    ("On 3 May 2024, police evicted 200 families from a settlement in Nairobi.", ["Other"]),
    # forces moved because of fighting, or to attack later: a change to the group's activity
    ("On 3 May 2024, RSF reinforcements were deployed to Omdurman due to clashes with the "
     "army.", ["Change to group/activity"]),
    # ... but a death after a beating is the beating's event
    ("On 3 May 2024, a man died after being beaten by police in Ukunda during the enforcement "
     "of a curfew.", ["Attack"]),
    # a disaster's displaced are no ACLED event
    ("Floods displaced about 5,000 people in Beira on 3 May 2024.", []),
])
def test_displacement_and_movements_told_with_violence_as_their_reason(acled, text, expected):
    assert _types(acled, text) == expected


@pytest.mark.parametrize("text, expected", [
    # territory changing hands with no fighting reported is a non-violent transfer
    ("On 3 May 2024, the army regained control of Kora village from RSF. No clashes were "
     "reported.", "Non-violent transfer of territory"),
    ("On 3 May 2024, RSF took control of Kora village without a fight.",
     "Non-violent transfer of territory"),
    ("On 3 May 2024, the army regained control of Kora village after heavy clashes with RSF.",
     "Government regains territory"),
])
def test_territory_taken_without_a_fight(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # violence that only describes who protests is not the crowd's
    ("On 3 May 2024, relatives of people killed during the blockade staged a protest rally in "
     "Dhaka.", "Peaceful protest"),
    ("On 3 May 2024, parents gathered in Kisii to demand justice for their children who were "
     "beaten by police.", "Peaceful protest"),
    # a crowd dispersed with tear gas is a protest with intervention, not a riot
    ("On 3 May 2024, hundreds of youths demonstrated in Nairobi demanding an inquiry, and "
     "police used tear gas to disperse the crowd.", "Protest with intervention"),
])
def test_what_a_crowd_does_not_do(acled, text, expected):
    assert _types(acled, text) == [expected]


def test_a_civilian_killed_for_supporting_the_army_is_no_battle(acled):
    text = ("On 3 May 2024, rebels killed a shopkeeper in Turbat, allegedly for supporting the "
            "army.")
    assert _types(acled, text) == ["Attack"]


@pytest.mark.parametrize("text, expected", [
    # rivals settling a dispute with sticks and knives are a mob, not an armed group
    ("On 3 May 2024, rivals stabbed and killed a farmer at a village near Pabna following an "
     "altercation over a land dispute.", "Mob violence"),
    # communities that clash and count deaths are communal militias in battle
    ("On 3 May 2024, two neighbouring communities clashed near Narok over grazing land. Eight "
     "fatalities reported. Several houses were torched.", "Armed clash"),
    ("On 3 May 2024, two neighbouring communities clashed near Narok over grazing land. "
     "Several houses were torched.", "Mob violence"),
])
def test_rivals_and_communities(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # a weapon that destroys something is used, not disrupted
    ("On 3 May 2024, army artillery shelled and destroyed a rebel cannon near Dankoj.",
     "Shelling/artillery/missile attack"),
    ("On 3 May 2024, army airstrikes targeted rebels near Kora. The army destroyed two rebel "
     "vehicles.", "Air/drone strike"),
    ("On 3 May 2024, militants destroyed a power tower with explosives near Barkhan.",
     "Remote explosive/landmine/IED"),
    # arms destroyed, shot down, seized or found are disrupted weapons use
    ("On 3 May 2024, air defence units intercepted and shot down three drones near Jaisalmer.",
     "Disrupted weapons use"),
    ("On 3 May 2024, soldiers found a stash of mortar shells in a house near Mosul.",
     "Disrupted weapons use"),
    ("On 3 May 2024, police defused a bomb planted near a market in Quetta.",
     "Disrupted weapons use"),
])
def test_weapons_used_or_disrupted(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # armed men the protest is about are no sign that the crowd is armed
    ("On 3 May 2024, residents staged a protest in Port Sudan, condemning RSF attacks on a "
     "camp for displaced people.", "Peaceful protest"),
    ("On 3 May 2024, students staged a protest in Sylhet against the detention of six of "
     "their leaders by the Detective Branch.", "Peaceful protest"),
    # police who disperse or detain protesters intervene in the protest
    ("On 3 May 2024, a hundred factory workers staged a protest in Gazipur demanding unpaid "
     "wages. Police intervened and dispersed the protesting workers.",
     "Protest with intervention"),
    # 'suspected' militants still act: their attack is no mob's
    ("On 3 May 2024, suspected militants attacked a village near Gao, burned houses and "
     "executed the village chief.", "Attack"),
])
def test_armed_men_around_a_protest(acled, text, expected):
    assert _types(acled, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    # stun grenades and tear gas shells are crowd control, not explosive weapons
    ("On 3 May 2024, police fired stun grenades at traders who refused to close their stalls "
     "at a market in Nairobi.", ["Attack"]),
    # violence done by someone named in a passive ('beaten by ...') is an event even when
    # the passage is about an election
    ("On 3 May 2024, an opposition activist was beaten by ruling party supporters during the "
     "election campaign in Harare.", ["Mob violence"]),
])
def test_crowd_control_munitions_and_passive_doers(acled, text, expected):
    assert _types(acled, text) == expected


def test_a_planted_bomb_is_no_industrial_plant(acled):
    """'planted' shares its lemma with '(power) plant', which frames industrial accidents."""
    text = "On 3 May 2024, militants planted an IED on a road near Bol, killing three soldiers."
    assert _types(acled, text) == ["Remote explosive/landmine/IED"]
