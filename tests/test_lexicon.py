"""The WordNet lexicon shipped in the package, and the script that builds it."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

import hfaug
from hfaug.text import lexicon
from hfaug.text.stopwords import CLOSED_CLASS

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
import build_lexicon  # noqa: E402


def shipped_synonyms() -> set[str]:
    """Every synonym the shipped lexicon offers."""
    with gzip.open(lexicon.LEXICON_PATH, "rt", encoding="utf-8") as handle:
        records = json.load(handle)["entries"].values()
    lines = [line.split("\t") for record in records for line in record.split("\n")]
    return {synonym for line in lines for synonym in line[2].split("|") if synonym}


def test_lexicon_is_loaded_once_per_process():
    assert lexicon.load() is lexicon.load()


def test_synonyms_are_ordered_by_sense_frequency():
    words = lexicon.load()
    assert words.synonyms("film", "n")[:3] == ["movie", "motion picture", "pic"]
    senses = words.senses("time")
    assert senses["n"].count > senses["v"].count
    assert list(senses["n"].weights) == sorted(senses["n"].weights, reverse=True)


def test_proper_names_are_left_out():
    words = lexicon.load()
    assert not [synonym for synonym in words.synonyms("bush") if "george" in synonym]
    assert "canis familiaris" not in words.synonyms("dog")
    assert "bush" in words and "Bush" not in words


def test_words_wordnet_knows_mostly_as_names_are_listed_as_names():
    names = lexicon.load().names
    assert {"lee", "tom", "ford", "burger"} <= names  # Lee, Tom, Ford: no *lee side*, *tomcat*, *ford* a river crossing
    # tagged; an inflection (*number*); capitalised only as a noun (*Goofy*, *Versed*)
    assert not {"bill", "turkey", "number", "numbers", "goofy", "versed"} & names


def test_common_given_names_rarely_tagged_for_their_use_are_listed_as_names():
    names = lexicon.load().names
    # *john carpenter 's original* was *toilet carpenter 's*, *like mike* *like microphone*
    assert {"john", "mike", "harry", "frank", "jean"} <= names
    # often tagged for their use; *rose* a form of *rise*
    assert not {"guy", "bill", "mark", "grace", "summer", "rose"} & names


def test_given_names_that_read_as_names_are_listed_as_first_names():
    first_names = lexicon.load().first_names
    # no lower-case WordNet lemma, or WordNet lists them only for people; or names (*john*)
    assert {"hugh", "eddie", "michael", "britney", "john", "mike"} <= first_names
    # words too: a lower-case lemma (*grant*, *friend*), a stop word (*may*, *will*), a form (*drew*), a place, a month;
    # common surnames (*williams*, *ford*)
    assert not {"grant", "mark", "friend", "may", "will", "drew", "paris", "june", "french", "williams", "ford"} & first_names


def test_a_synonym_never_tagged_in_its_part_of_speech_but_often_in_another_is_left_out():
    words = lexicon.load()
    # *car trouble* would be *car bother*, *captures the way* was *entrances the way*
    trouble = words.synonyms("trouble", "n")
    assert "bother" not in trouble and "problem" in trouble
    assert "entrance" not in words.synonyms("capture", "v") and "action" not in words.synonyms("execute", "v")
    assert words.synonyms("song", "n") == [] and "hereafter" not in words.synonyms("future", "n")  # *vocal*: 3 tags


def test_words_that_most_likely_read_as_names_are_no_synonyms():
    words = lexicon.load()
    # *a coin flip* was *a coin somerset*, *what creature* *what wight*, *pity* *ruth*
    assert "somerset" not in words.synonyms("somersault", "n") and "flip" in words.synonyms("somersault", "n")
    assert "wight" not in words.synonyms("creature") and "ruth" not in words.synonyms("pity")
    assert not shipped_synonyms() & words.names


def test_a_rare_sense_with_many_synonyms_does_not_outweigh_a_frequent_one():
    words = lexicon.load()
    film = dict(zip(words.senses("film")["n"].synonyms, words.senses("film")["n"].weights))
    movie_sense = [synonym for synonym in film if "picture" in synonym or synonym in ("movie", "pic", "flick")]
    assert len(movie_sense) == 4 == len(film)
    # tags plus one: "movie" 39, shared by its 4 synonyms
    assert sum(film[synonym] for synonym in movie_sense) == pytest.approx(39, abs=1e-3)


def test_a_sense_tagged_under_half_as_often_as_the_most_frequent_one_gives_no_synonyms():
    words = lexicon.load()
    # *film* as a medium (*cinema*, *celluloid*: 16 tags against 38) made *a wonderful , ghastly film*
    # *a wonderful , macabre cinema*; *funny* -> *fishy*, *date* -> *escort*, *story* -> *storey*
    assert not {"cinema", "celluloid"} & set(words.synonyms("film", "n"))
    assert "fishy" not in words.synonyms("funny", "a") and "peculiar" in words.synonyms("funny", "a")  # 9 against 17
    assert "escort" not in words.synonyms("date", "n") and "storey" not in words.synonyms("story", "n")


def test_a_word_with_few_tags_needs_senses_with_synonyms_that_weigh_half_of_it():
    words = lexicon.load()  # *make a reservation* was *make a reserve*, *direct deposit* *direct sediment*
    assert words.synonyms("reservation", "n") == [] and words.synonyms("deposit", "n") == []
    assert words.synonyms("review", "n") == []  # not *reassessment*
    assert words.synonyms("judge", "n") == ["justice", "jurist"]  # 9 tags, 64% of them with synonyms


def test_words_whose_first_sense_is_seldom_meant_today_get_no_synonyms_of_it():
    words = lexicon.load()  # *my bank account* was *my bank story*, *find my phone* *encounter my phone*
    assert not any(words.synonyms(word, pos) for word, pos in [("account", "n"), ("credit", "n"), ("bill", "n"), ("find", "v")])
    assert "measure" not in words.synonyms("bill", "n") and "dismay" not in words.synonyms("alarm", "n")
    assert "recognition" in words.synonyms("acknowledgment", "n")  # the sense keeps its other words' synonyms
    assert words.synonyms("encounter", "v")[:2] == ["meet", "run across"]


def test_a_word_whose_synonyms_seldom_have_the_sense_it_is_used_in_gets_none():
    words = lexicon.load()  # *set a timer* was *determine a timer*, *the characters* *the fibers*, *the world* *the domain*
    assert not any(words.synonyms(word, pos) for word, pos in [("character", "n"), ("set", "v"), ("world", "n"), ("get", "v")])
    # just above the bar: *decline* (0.302: *refuse*, *reject*, ...), *call* (*name*), *change* (*alter*)
    assert {"refuse", "reject"} <= set(words.synonyms("decline", "v")) and words.synonyms("call", "v") == ["name"]
    assert words.synonyms("change", "v") == ["alter"]


def test_sense_agreement_is_the_chance_that_a_synonym_drawn_by_weight_has_the_sense_used():
    # senses of 3 and 1 tags weigh 4 and 2 of 6 uses; *a* has the first, *c* the second, *b* both (4 + 2)
    weights, meant = {"a": 2.0, "b": 2.0 + 1.0, "c": 1.0}, {"a": 4, "b": 6, "c": 2}
    assert build_lexicon.sense_agreement(weights, meant, 6) == pytest.approx((2 * 4 + 3 * 6 + 1 * 2) / (6 * 6))
    # senses alike in weight, one synonym each: three agree 1/3 of the time, four 1/4, under the bar
    assert build_lexicon.sense_agreement(dict.fromkeys("abc", 1.0), dict.fromkeys("abc", 1), 3) == pytest.approx(1 / 3)
    assert build_lexicon.sense_agreement(dict.fromkeys("abcd", 1.0), dict.fromkeys("abcd", 1), 4) == 0.25
    assert 0.25 < build_lexicon.MIN_SENSE_AGREEMENT < 1 / 3


def test_no_synonym_has_the_opposite_sentiment():
    words = lexicon.load()  # *an amazing film* was *an awful film*, *hilarious* *screaming*, *terrifying* *terrific*
    assert "awful" not in words.synonyms("amazing", "a") and "awful" not in words.synonyms("awesome", "a")
    assert words.synonyms("hilarious", "a") == [] and "terrific" not in words.synonyms("terrifying", "a")
    assert "odd" not in words.synonyms("funny", "a") and "peculiar" in words.synonyms("funny", "a")  # 0.6: not negative
    assert "contend" in words.synonyms("argue", "v")  # -1.4 against 0.2: nearly neutral


def test_verbs_record_the_weights_of_the_senses_that_take_an_object_or_a_person():
    end = lexicon.load().senses("end")["v"]
    weights = {kind: dict(zip(end.synonyms, end.before[kind])) for kind in ("object", "person")}
    # "end, finish, cease" (*the war ended*) takes no object; "end, terminate" (*end my contract*) does
    assert weights["object"]["finish"] == weights["object"]["cease"] == 0.0
    assert 0 < weights["object"]["terminate"] < dict(zip(end.synonyms, end.weights))["terminate"]  # not all its senses
    tell = lexicon.load().senses("tell")["v"]
    assert set(tell.before["person"]) == {0.0}  # *tell me*: not state, say, narrate, order me
    assert dict(zip(tell.synonyms, tell.before["object"]))["say"] > 0  # *tell a story*
    assert lexicon.load().senses("film")["n"].before == {}


def test_verbs_record_the_weights_of_the_senses_that_take_a_predicate_adjective():
    words = lexicon.load()
    feel, seem = words.senses("feel")["v"], words.senses("seem")["v"]
    assert feel.synonyms == ("experience", "find") and set(feel.before["adjective"]) == {0.0}  # *feel sorry*
    assert seem.before["adjective"] == seem.weights  # *seems tired*: *looks tired*, *appears tired*
    become = dict(zip(words.senses("become")["v"].synonyms, words.senses("become")["v"].before["adjective"]))
    assert become["turn"] == 0.0 and become["go"] > 0  # *became bad*: *went bad*; *turn* takes a noun


def test_tell_is_no_synonym_of_a_verb_that_takes_no_person():
    words = lexicon.load()  # *say hello* was *tell hello*, *order more checks* *tell more checks*
    assert words.synonyms("say", "v") == ["state"] and "tell" not in words.synonyms("order", "v")
    assert "say" in words.synonyms("tell", "v")  # *tell the truth*: *say the truth*


def test_an_adjective_that_only_ends_a_predicate_is_no_synonym_of_one_that_stands_before_a_noun():
    words = lexicon.load()  # *an animated film* was *an alive film*
    assert "alive" not in words.synonyms("animated", "a") and "adrift" not in words.synonyms("aimless", "a")
    assert words.synonyms("adrift", "a") == ["afloat", "aimless"]  # it only ends one too
    assert words.synonyms("preeminent", "a") == ["leading"]  # marked as standing before a noun in this sense


def test_synonyms_rare_in_english_are_left_out():
    words = lexicon.load()
    assert "hebdomad" not in words.synonyms("week") and "fortnight" not in words.synonyms("week")
    assert "locomote" not in words.synonyms("go", "v") and "travel" in words.synonyms("go", "v")
    assert "euphony" not in words.synonyms("music") and "serfhood" not in words.synonyms("serfdom")
    assert "motorcar" not in words.synonyms("car") and "auto" in words.synonyms("car")
    assert "redact" not in words.synonyms("put", "v") and "tyke" not in words.synonyms("kid")
    assert words.synonyms("film", "n")[:3] == ["movie", "motion picture", "pic"]  # common ones stay


def test_words_that_wordfreq_splits_at_an_apostrophe_are_no_synonyms():
    words = lexicon.load()
    # wordfreq reads *ne'er* as *ne* + *er*, both common: poetic elisions are not words it knows
    assert words.synonyms("never") == [] and "e'er" not in words.synonyms("always")
    assert "ma'am" not in words.synonyms("madam")
    words = ("e'er", "ne'er", "ma'am", "'tween", "o'clock", "bull's", "hawk's-beard", "everyday")
    assert [build_lexicon.split_at_apostrophe(word) for word in words] == [True] * 4 + [False] * 4


def test_an_adverb_has_no_synonym_that_mostly_reads_as_an_adjective():
    words = lexicon.load()
    assert "easy" not in words.synonyms("easily", "r") and "deep" not in words.synonyms("deeply", "r")
    assert "good" not in words.synonyms("thoroughly", "r") and "whole" not in words.synonyms("completely", "r")
    assert "good" not in words.synonyms("well", "r")  # *know well*: not *know good*
    assert "pretty" in words.synonyms("fairly", "r")  # an adverb as often as an adjective
    assert "profoundly" in words.synonyms("deeply", "r")


def test_a_noun_or_adjective_has_no_synonym_that_holds_the_word_itself():
    words = lexicon.load()
    # *mental reservation*, *credit entry*, *flight of stairs*, *oil color*: a sense named by more words
    assert "mental reservation" not in words.synonyms("reservation", "n")
    assert not {"credit entry", "flight of stairs", "fictional character"} & {
        *words.synonyms("credit", "n"), *words.synonyms("flight", "n"), *words.synonyms("character", "n")
    }
    assert words.synonyms("oil", "n") == [] and words.synonyms("tail", "n") == []  # usual sense: none left (not *buttocks*)
    assert "check out" in words.synonyms("check", "v")  # verbs keep their particles
    # nor for adjectives, nor through hyphens, nor for a lemma of several words: *auto-mechanic*, *ever-changing*
    assert words.synonyms("mechanic", "n") == ["machinist"] and words.synonyms("changing", "a") == []
    assert "senior high school" not in words.synonyms("high school", "n")
    assert "once again" in words.synonyms("again", "r") and "later on" in words.synonyms("later", "r")  # emphasis


def test_the_spellings_of_a_word_share_their_tags_in_a_sense():
    # WordNet's corpora tag mostly one spelling: untagged, the senses of *favour* weighed alike, too many to tell, so it
    # had no synonym; nor had *savour*; *catalog* and *catalogue* had 3 tags each of their 7
    words = lexicon.load()
    assert words.synonyms("favour", "v") == words.synonyms("favor", "v") == ["prefer"]
    assert words.synonyms("savour", "v") == words.synonyms("savor", "v") == ["enjoy", "bask", "relish"]
    assert words.senses("catalog")["n"].count == words.senses("catalogue")["n"].count == 7


def test_no_synonym_is_the_word_spelt_otherwise():
    # *colour*, *theatre*, *co-ordinate*, *on-line*: a copy changed in its spelling alone, or in two spellings
    words = lexicon.load()
    spelt = {"color": "colour", "theater": "theatre", "coordinate": "co-ordinate", "organization": "organisation",
             "dialogue": "dialog", "filmmaker": "film maker", "meter": "metre", "email": "e-mail"}  # fmt: skip
    assert [(word, variant) for word, variant in spelt.items() if variant in words.synonyms(word, "n")] == []
    assert "on-line" not in words.synonyms("online", "a") and "favourite" not in words.synonyms("favorite", "a")
    assert "realise" not in words.synonyms("realize", "v") and "recognize" in words.synonyms("realize", "v")
    # of a synonym's spellings, one, in the lemma's: not *analyze* and *analyse*, *savor* and *savour*; a British
    # one alone is left out for an American lemma (*savor*: *flavour*), kept for a British one
    assert words.synonyms("study", "v") == ["analyze", "examine"] and words.synonyms("enjoy", "v")[-1] == "savor"
    assert "flavour" not in words.synonyms("savor", "n") and "flavour" in words.synonyms("savour", "n")
    # a sense whose synonym was a spelling keeps its place: *endeavour* as *strive*, as *endeavor*; no other word taken for
    # a spelling (*tour*: *tor*, *scouring*: *scoring*, *advertising*: *advertizing*)
    assert words.synonyms("endeavour", "v") == words.synonyms("endeavor", "v") == ["strive"]
    assert "tour" in words.synonyms("enlistment", "n") and "scouring" in words.synonyms("scrub", "n")
    assert "advertising" in words.synonyms("advert", "n")
    assert "behaviour" not in words.synonyms("behavior", "n") and "marvellous" not in words.synonyms("fantastic", "a")
    assert words.synonyms("check", "n") == words.synonyms("leukemia", "n") == []  # cheque, leukaemia: spellings
    assert "o.k." not in words.synonyms("ok", "a") and "enrol" not in words.synonyms("enroll", "v")
    assert "ok" in words.synonyms("okay", "a") and "o.k." not in words.synonyms("okay", "a")  # the plain one kept
    assert "goodwill" not in words.synonyms("good will", "n")  # joined, with a rule of the word's ending


def test_no_synonym_is_the_word_spelt_with_another_british_ending():
    # *enrolment* beside *enrollment*, *fibre* beside *fiber*, *judgement* for *judgment*, *sceptical* for *skeptical*
    words = lexicon.load()
    spelt = {"fulfillment": "n", "fiber": "n", "jewelry": "n", "archaeology": "n", "archeology": "n", "skeptic": "n",
             "self-centered": "a", "recognizable": "a"}  # fmt: skip
    assert [word for word, pos in spelt.items() if words.synonyms(word, pos)] == []
    assert words.synonyms("neighborhood", "n") == ["vicinity", "locality"]  # neighbourhood
    assert words.synonyms("enrollment", "n") == ["registration"] and words.synonyms("registration", "n") == ["enrollment"]
    assert words.synonyms("luster", "n") == ["splendor", "sheen"]  # splendour
    assert "maneuver" in words.synonyms("guide", "v") and "manoeuvre" not in words.synonyms("guide", "v")
    assert words.synonyms("judgment", "n") == ["mind", "assessment"] and "judgement" not in words.synonyms("discernment")
    assert words.synonyms("skeptical", "a") == words.synonyms("sceptical", "a") == ["doubting", "questioning"]
    assert words.synonyms("aging", "n") == ["ripening", "senescence"]  # ageing
    assert words.synonyms("adept", "a") == ["expert", "practiced", "proficient", "skillful"]  # skilful
    assert words.synonyms("checked", "a") == ["checkered"] and words.synonyms("egocentric", "a") == ["self-centered"]
    assert words.synonyms("likable", "a") == ["appealing"] and words.synonyms("inquiry", "n")[0] == "research"
    # a rule that makes another word of a word is no spelling: *marshall* is a name, *tor* a hill
    assert words.synonyms("mobilize", "v")[0] == "marshal" and "tour" in words.synonyms("enlistment", "n")


def test_gray_is_the_american_spelling_although_grey_is_more_common():
    # wordfreq, which counts British texts too, ranks *grey* above *gray*: *grayish* was *grey*, *hoary* *grey-headed*
    words = lexicon.load()
    assert words.synonyms("grayish", "a") == ["gray"] and words.synonyms("gray", "a") == ["grayish"]
    assert words.synonyms("hoary", "a")[:3] == ["gray", "gray-haired", "gray-headed"]
    assert words.synonyms("grey-headed", "a")[:2] == ["grey", "grey-haired"]  # a British word keeps British ones


def test_a_noun_has_no_synonym_that_is_its_verbs_gerund():
    words = lexicon.load()
    # *losing his touch* was *losing his touching*, *my shopping list* *my shopping listing*
    for noun, gerund in [("touch", "touching"), ("list", "listing"), ("dream", "dreaming"), ("exercise", "exercising")]:
        assert gerund not in words.synonyms(noun, "n")
    assert words.synonyms("exercise", "n") == ["workout"]
    assert "stopping point" in words.synonyms("close", "n")  # the gerund of another word stays


def test_a_phrase_never_tagged_in_its_sense_is_no_synonym():
    words = lexicon.load()
    # *a wonderful film* was *a wonderful moving-picture show*, *eloquent language* *eloquent linguistic communication*
    film = words.synonyms("film", "n")
    assert not {"moving picture", "moving-picture show", "motion-picture show", "picture show"} & set(film)
    assert "motion picture" in film  # tagged in the sense
    assert words.synonyms("language", "n") == []
    assert "have-to doe with" not in words.synonyms("relate", "v")  # misspelt in WordNet, never tagged
    assert words.synonyms("ultimately", "r") == ["finally", "in the end", "at last"]
    assert words.synonyms("well-intentioned", "a") == ["well-meaning", "well-meant"]  # hyphenated: one word


def test_letters_and_roman_numerals_are_no_synonyms_of_numbers():
    words = lexicon.load()
    assert words.synonyms("two", "a") == ["2"] and words.synonyms("five", "a") == ["5"]  # not *ii*, *v*
    assert words.synonyms("second", "n") == []  # not *s*, nor *sec* (a shortening)
    assert "cm" in words.synonyms("centimeter") and "mm" in words.synonyms("millimeter")


def test_a_shortening_rarer_than_its_word_is_no_synonym():
    words = lexicon.load()
    # *in years* was *in yrs*, *30 seconds of plot* *30 secs of plot*, *biggest percentage* *biggest pct*
    for word, shortening in [("year", "yr"), ("hour", "hr"), ("minute", "min"), ("magazine", "mag"), ("sister", "sis")]:
        assert shortening not in words.synonyms(word, "n")
    assert words.synonyms("percentage", "n") == ["percent"]
    # more common than the word: kept
    assert words.synonyms("advertisement", "n")[0] == "ad" and words.synonyms("warfare", "n") == ["war"]
    assert "teen" in words.synonyms("teenage", "a") and "cm" in words.synonyms("centimeter", "n")


def test_function_words_are_no_synonyms():
    words = lexicon.load()
    # WordNet lists *about* and *most* for *almost*, *but* for *simply*, *can* for *toilet*
    assert words.synonyms("almost", "r")[:2] == ["nearly", "virtually"]
    assert words.synonyms("simply", "r") == ["merely", "just", "only"]
    assert "can" not in words.synonyms("toilet", "n") and "after" not in words.synonyms("later", "r")
    assert "need" in words.synonyms("require", "v")  # stop words stay, but not *do* (*makes clear*: not *does clear*)
    assert words.synonyms("make", "v") == []  # its usual sense has no other synonym
    assert not shipped_synonyms() & CLOSED_CLASS
    # *not always*: not *not ever*, which means *never*
    assert words.synonyms("always", "r") == [] and not shipped_synonyms() & build_lexicon.NEGATIVE_POLARITY


def test_a_synonym_almost_never_used_in_a_frequent_sense_is_left_out_of_it():
    words = lexicon.load()
    # *time* is tagged 219 times in its sense *an occasion*, *clip* once: *what time is it* is no *what clip*
    assert words.synonyms("time", "n") == []
    assert "oculus" not in words.synonyms("eye", "n") and "adult male" not in words.synonyms("man", "n")
    assert "bump" not in words.synonyms("find", "v") and "male parent" not in words.synonyms("father", "n")
    assert words.synonyms("film", "n")[:2] == ["movie", "motion picture"]  # synonyms in use stay (*movie*: 26 of 38)


def test_a_synonym_that_mostly_means_something_else_is_left_out_of_the_sense():
    words = lexicon.load()
    # *script* -> *book* (tagged once in the sense, 59 times in all): *a flat script* was *a flat book*
    assert words.synonyms("script", "n") == [] and words.synonyms("plot", "n") == []
    assert "grade" not in words.synonyms("score", "n") and "head" not in words.synonyms("mind", "n")
    assert words.synonyms("convince", "v") == words.synonyms("cause", "v") == []  # not *converted*, *made*
    assert words.synonyms("film", "n")[0] == "movie" and "shoot" in words.synonyms("film", "v")


def test_a_compound_is_no_synonym_without_its_preposition():
    words = lexicon.load()
    assert "looking" not in words.synonyms("looking for")  # *looking my phone*
    assert "alarm" in words.synonyms("alarm system")


def test_a_phrase_has_no_synonym_known_only_in_its_other_senses():
    words = lexicon.load()
    assert words.synonyms("credit card") == []  # not *plastic*, tagged only as the material
    assert "high" not in words.synonyms("high school") and "bolt" not in words.synonyms("go off", "v")
    assert "shortly" not in words.synonyms("in short", "r") and "blast" not in words.synonyms("good time")
    assert words.synonyms("phone call", "n") == ["call", "telephone call"]  # tagged in the sense too


def test_a_number_and_a_plural_are_no_synonym_of_a_noun():
    words = lexicon.load()
    # *these days* was *these twenty-four hours*
    assert "twenty-four hours" not in words.synonyms("day", "n") and "two weeks" not in words.synonyms("fortnight")
    assert "teeth" in words.synonyms("dentition", "n")  # a plural without a number


def test_an_adjective_gets_no_synonym_that_ends_in_a_preposition_it_lacks():
    words = lexicon.load()
    # *an underlying purpose* was *an implicit in purpose*, *disgusted* *tired of*
    assert words.synonyms("underlying", "a") == ["inherent"] and "tired of" not in words.synonyms("disgusted", "a")
    assert "dependent on" in words.synonyms("contingent on", "a")  # both need their object


def test_no_synonym_is_profane_or_from_an_obscene_or_disparaging_sense():
    offensive = build_lexicon.offensive_words()
    synonyms = shipped_synonyms()
    assert len(synonyms) > 20_000
    assert not [synonym for synonym in synonyms if not offensive.isdisjoint(synonym.split())]
    assert "clitoris" not in lexicon.load().synonyms("button")
    # slurs that better-profanity's list lacks: *a tiny apartment* was *a midget apartment*
    assert "midget" not in lexicon.load().synonyms("tiny", "a") and "dumb" not in lexicon.load().synonyms("speechless")
    assert lexicon.load().synonyms("convulsive", "a") == []  # not *spastic*


def test_everyday_phrases_get_no_synonyms_of_the_sense_have_sex():
    words = lexicon.load()  # *just do it* was *just eff*, *get it on* *bang*: WordNet marks no usage there
    assert not {"eff", "bonk", "hump", "make love", "be intimate", "get laid"} & shipped_synonyms()
    assert words.synonyms("do it", "v") == [] and words.synonyms("get it on", "v") == []
    # nor of senses whose synonyms read as sexual beside an everyday word: *the climax of the film* was *the coming*
    assert "coming" not in words.synonyms("climax", "n") and "foreplay" not in words.synonyms("arousal", "n")
    assert words.synonyms("pussy", "n") == ["kitty", "kitty-cat", "pussycat"]  # not *slit*


def test_the_shipped_lexicon_is_compact():
    assert lexicon.LEXICON_PATH.stat().st_size < 3_000_000
    assert len(lexicon.load()) > 60_000


def test_a_missing_lexicon_says_how_to_rebuild_it(tmp_path):
    with pytest.raises(hfaug.HfaugError) as raised:
        lexicon.load(str(tmp_path / "nothing.json.gz"))
    assert str(raised.value) == (
        f"the WordNet lexicon {tmp_path / 'nothing.json.gz'} is missing; rebuild it with `python {lexicon.BUILD_SCRIPT}` "
        "(needs WordNet 3.0: `apt-get install wordnet-base wordnet-sense-index`)."
    )


def test_a_missing_lexicon_of_an_installed_package_says_to_install_it_again(tmp_path, monkeypatch):
    # an installed package has no scripts/ beside it: the advice to run the build script could not be followed
    monkeypatch.setattr(lexicon, "BUILD_SCRIPT", tmp_path / "scripts" / "build_lexicon.py")
    with pytest.raises(hfaug.HfaugError, match=r"missing; this installation of hfaug is damaged; install it again "
                       r"\(pip install --force-reinstall --no-deps hfaug\)\.$"):
        lexicon.load(str(tmp_path / "other.json.gz"))


def test_text_augmenters_need_neither_nltk_nor_its_data(tmp_path):
    code = (
        "import sys, hfaug\n"
        "out = hfaug.EDA(n=4, seed=1)({'text': ['they filmed the dogs running']})\n"
        "assert all(error == '' for error in out['hfaug_error']), out\n"
        "assert 'nltk' not in sys.modules\n"
    )
    env = {"PATH": "", "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=tmp_path, timeout=120)


def test_lexnames_has_the_45_wordnet_lexicographer_files():
    lines = build_lexicon.lexnames_text().splitlines()
    assert len(lines) == 45
    assert lines[0] == "00\tadj.all\t3"
    assert lines[3] == "03\tnoun.Tops\t1"
    assert lines[44] == "44\tadj.ppl\t3"


@pytest.mark.slow
def test_the_build_script_rebuilds_an_identical_lexicon(tmp_path):
    if not all((Path("/usr/share/wordnet") / name).is_file() for name in build_lexicon.WORDNET_FILES):
        pytest.skip("WordNet 3.0 is not installed (apt-get install wordnet-base wordnet-sense-index)")
    out = tmp_path / "lexicon.json.gz"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "build_lexicon.py"),
            "--wordnet",
            "/usr/share/wordnet",
            "--out",
            str(out),
        ],
        check=True,
        timeout=600,
    )
    identical = out.read_bytes() == lexicon.LEXICON_PATH.read_bytes()  # no byte diff of 1.6 MB on failure
    assert identical, "the shipped lexicon is stale: rebuild it with `python scripts/build_lexicon.py`"


def test_compounds_are_listed_in_their_inflected_forms_as_tries_by_first_word():
    compounds = lexicon.load().compounds
    assert compounds["credit"]["card"] == compounds["credit"]["cards"] == {"": {}}
    assert compounds["turned"]["off"] == compounds["turn"]["off"] == {"": {}}
    assert compounds["turned"]["a"]["blind"]["eye"] == {"": {}}
    assert "" in compounds["in"]["the"]["end"] and "" not in compounds["in"]["the"]
    # a verb before a single preposition is left out: "the tallest building in New York"
    assert "in" not in compounds.get("building", {})
    assert "for" not in compounds.get("stand", {})


def test_compound_forms_know_their_lemma_part_of_speech_and_inflection():
    words = lexicon.load()
    assert words.compound("phone numbers") == ("phone number", "n", "NNS")
    assert words.compound("turned off") == ("turn off", "v", "VBD")
    assert words.synonyms("phone number", "n") == ["telephone number"]
    assert words.compound("savings account") is None  # a compound without synonyms
    assert "savings" in words.compounds and words.compound("phone") is None


def test_an_output_path_that_is_a_folder_is_refused_before_the_build(tmp_path, capsys):
    with pytest.raises(SystemExit) as stopped:
        build_lexicon.main(["--out", str(tmp_path)])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.strip().endswith(
        f"error: --out {str(tmp_path)!r} is a folder; pass the path of the lexicon file to write"
    )
