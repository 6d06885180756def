"""hfaug.Synonym: WordNet synonyms that keep part of speech, inflection, case and layout."""

from __future__ import annotations

import json
import re

import pytest
from datasets import Dataset
from text_checks import copies_with_sources

import hfaug
from hfaug.text import lexicon, wordforms
from hfaug.text.stopwords import ENGLISH
from hfaug.text.wordforms import compound_replacements, context_of, inflect, replacements
from hfaug.text.wordforms import synonyms as wordform_synonyms
from hfaug.text.synonym import TextAnalysis, candidates
from hfaug.text.words import WORD_RE, article_for, case_of, split_words


def replaced(out) -> list[list[list]]:
    return [json.loads(params).get("replaced", []) for params in out["hfaug_params"]]


def fitting_of(text, word):
    """The :class:`Replacements` that fit ``word`` where ``text`` has it, or ``None`` if it is no candidate."""
    pieces = split_words(text)
    found = candidates(pieces, frozenset(ENGLISH))
    words = [pieces[2 * index + 1] for index in found.indices]
    return found.replacements[words.index(word)] if word in words else None


def test_fixed_seed_gives_exact_outputs(text_mix):
    rows = list(text_mix["text"][:3]) + list(text_mix["text"][40:43])
    out = hfaug.Synonym(seed=7)({"text": rows})
    assert out["text"] == [
        "a stirring , amusing and finally transporting re-imagining of beauty and the beast and 1930s horror films",
        "apparently reassembled from the cutting-room floor of any granted daytime soap .",
        "they presume their audience wo n't sit still for a sociology lesson , however entertainingly presented , so "
        "they trot out the conventional science-fiction elements of bug-eyed monsters and futurist women in "
        "skimpy clothes .",
        "How did serfdom develop in and then leave Russia ?",  # no candidate: kept
        "What films had the character Popeye Doyle ?",
        "How can I find a list of celebrities ' real names ?",  # *real*: not *existent*, kept
    ]
    assert replaced(out)[0] == [["funny", "amusing", 13]]


def test_params_record_every_replacement(text_mix):
    out = text_mix.map(hfaug.Synonym(p=0.3, n=2, keep_original=True, seed=5), batched=True)
    pairs = copies_with_sources(out)
    assert len(pairs) > 100
    for source, row in pairs:
        rebuilt, record = source, json.loads(row["hfaug_params"])
        for word, synonym, start in sorted(record["replaced"] + record.get("articles", []), key=lambda edit: -edit[2]):
            assert rebuilt[start : start + len(word)] == word
            rebuilt = rebuilt[:start] + synonym + rebuilt[start + len(word) :]
        assert rebuilt == row["text"]


def test_an_indefinite_article_fits_the_word_that_replaced_the_next():
    out = hfaug.Synonym(p=1.0, seed=0)({"text": "this is a single teacher . A SINGLE TEACHER , an idea"})
    assert out["text"] == "this is an individual instructor . AN INDIVIDUAL INSTRUCTOR , a thought"
    assert json.loads(out["hfaug_params"])["articles"] == [["a", "an", 8], ["A", "AN", 27], ["an", "a", 46]]


@pytest.mark.parametrize(
    ("word", "article", "fitting"),
    [("outstanding", "a", "an"), ("useful", "an", "a"), ("hour", "A", "An"), ("European", "an", "a"),
     ("one-sided", "an", "a"), ("unimportant", "a", "an"), ("X-ray", "a", "an"), ("OLD", "A", "AN"),
     ("film", "AN", "A"), ("U.S.", "an", "a"), ("F.B.I.", "a", "an"), ("o.k.", "a", "an"), ("Ph.D.", "an", "a"),
     # numbers as they are spoken: *eight*, *eleventh*, *eighteen thousand*, *eighteen hundreds*, *eighties*
     ("8", "a", "an"), ("8-year-old", "a", "an"), ("11th", "a", "an"), ("18,000", "a", "an"), ("1800s", "a", "an"),
     ("80s", "a", "an"), ("8.5", "a", "an"), ("180", "an", "a"), ("1,100", "an", "a"), ("1.8", "an", "a"),
     # "yoo" sounds and the letter U: *a U-turn*, *a USB cable*, *a Unix server*, *a Ukrainian singer*
     ("u-turn", "an", "a"), ("U-boat", "an", "a"), ("usb", "an", "a"), ("unix", "an", "a"), ("Ukrainian", "an", "a"),
     ("uvula", "an", "a"), ("upper", "a", "an"), ("usher", "a", "an"), ("unkind", "a", "an"), ("ugly", "a", "an")],
)
def test_article_for_follows_the_sound_of_the_word(word, article, fitting):
    assert article_for(word, article) == fitting


@pytest.mark.parametrize(
    ("word", "article", "fitting"),
    [("FBI", "an", "an"), ("FBI", "a", "a"), ("HUGE", "a", "a"), ("MRI's", "An", "An"),  # *an F-B-I*, *a HUGE fan*
     ("AMAZING", "a", "an"), ("ATM", "a", "an"), ("UFO", "an", "a"), ("TV", "an", "a"),  # both readings agree
     ("FILM", "AN", "A")],  # an article in capitals: a text in capitals, its words read as words
)
def test_a_word_in_capitals_changes_an_article_only_where_read_alike_letter_by_letter_and_as_a_word(
    word, article, fitting
):
    assert article_for(word, article) == fitting


def test_acronyms_are_kept_and_words_in_capitals_together_replaced():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": ["I bought a TV in World War II .", "THIS FILM IS A SINGLE TEACHER"]})
    assert out["text"] == ["I purchased a TV in World War II .", "THIS PIC IS AN INDIVIDUAL INSTRUCTOR"]


def punctuation(text: str) -> list[str]:
    return [char for char in WORD_RE.sub("", text) if not char.isspace()]


def test_punctuation_is_untouched(text_mix):
    out = text_mix.map(hfaug.Synonym(p=0.5, n=2, keep_original=True, seed=1), batched=True)
    pairs = copies_with_sources(out)
    assert len(pairs) > 100
    assert all(punctuation(row["text"]) == punctuation(source) for source, row in pairs)


def test_layout_of_tabs_newlines_and_brackets_is_kept():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "a  gentle ,\tfunny\nfilm ... about (cell phones)!"})
    assert out["text"] == "a  gentle ,\tpeculiar\nmotion picture ... about (cell telephones)!"


def test_case_is_kept_lower_title_and_upper():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "Films delight audiences . They jumped up , LAUGHING HAPPILY ."})
    assert out["text"] == "Motion pictures delight audiences . They sprang up , LAUGHING MERRILY ."


def test_case_of_every_replacement_matches_the_word(text_mix):
    out = text_mix.map(hfaug.Synonym(p=1.0, seed=4), batched=True)
    pairs = [change[:2] for row in replaced(out) for change in row]
    assert len(pairs) > 140
    assert all(case_of(synonym) == case_of(word) or not re.search("[a-z]", synonym, re.I) for word, synonym in pairs)


def test_inflection_is_kept():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "the dogs jumped and the cat was sleeping on better chairs"})
    assert out["text"] == "the dogs leapt and the cat was slumbering on better chairs"


@pytest.mark.parametrize(
    ("word", "tag", "forms"),
    [
        ("films", "NNS", ("movies", "motion pictures", "pics")),
        ("wrote", "VBD", ("composed", "penned")),
        ("sleeping", "VBG", ("slumbering",)),
        ("bigger", "JJR", ("larger",)),
    ],
)
def test_synonyms_take_the_inflection_of_the_word(word, tag, forms):
    found = replacements(word)
    assert found.tag == tag
    assert found.forms[:3] == forms


def test_a_word_whose_usual_senses_have_no_synonym_is_not_replaced():
    # *card*: only *identity card* (3 of its 19 sense-tagged uses); *see*: *understand* and *witness*
    # (301 of 1,240); *comedy*: *clowning*; *first*: *1st*
    for word in ("card", "cards", "see", "saw", "comedy", "first"):
        assert replacements(word) is None, word
    assert replacements("film").forms[:2] == ("movie", "motion picture")  # its usual sense has synonyms
    out = hfaug.Synonym(p=1.0, seed=0)({"text": "a great comedy about my first film"})
    assert out["text"] == "a great comedy about my first pic"


def test_single_letters_are_never_replaced():
    for text in ("transfer $50 from account a to account b", "is it 5 g or 5 m ?", "vitamin c and r"):
        params = hfaug.Synonym(p=1.0, n=4, seed=2)({"text": [text]})["hfaug_params"]
        replaced_words = {word for row in params for word, _, _ in json.loads(row)["replaced"]}
        assert not any(len(word) == 1 for word in replaced_words), (text, replaced_words)  # b: not *barn*


def test_part_of_speech_follows_the_previous_word():
    assert replacements("film", "det").pos == "n"
    assert replacements("film", "subject").pos == "v"
    assert replacements("film", "subject").forms == ("shoot",)
    assert hfaug.Synonym(p=1.0, seed=1)({"text": "they film the crowd"})["text"] == "they shoot the crowd"


def test_a_participle_after_a_determiner_is_never_replaced_as_a_verb():
    assert replacements("checking").pos == "v"
    assert replacements("checking", "det") is None  # *my checking account*: no adjective or noun sense
    assert replacements("amazing", "det").pos == "a"
    # and the compound is replaced as a whole
    living = {"my sitting room", "my front room", "my parlor"}  # not "living-room" nor "parlour": spellings
    assert set(hfaug.Synonym(p=1.0, n=8)({"text": ["my living room"]})["text"]) == living


def test_a_participle_without_synonyms_after_a_determiner_modifies_the_noun_after_it():
    # *an overexposed waste of film* was *an overexposed squander of film*, *a 10 sided die* *a 10 sided perish*
    assert fitting_of("the rest is just an overexposed waste of film .", "waste") is None  # the noun: none
    assert fitting_of("roll a 10 sided die", "die") is None
    assert fitting_of("a quaint , romanticized rendering .", "rendering").forms[0] == "rendition"  # a noun
    assert fitting_of("what's my checking look like", "look") is None  # a form in -ing only: no modifier (*looking at*)


def test_contractions_count_as_their_second_part_and_clauses_are_no_determiners():
    cases = [("the", " "), ("that", " "), ("what", ""), ("they'll", " "), ("ll", " '"), ("don't", " "), ("They", "")]
    assert [context_of(word, gap) for word, gap in cases] == ["det", None, None, "modal", "modal", "modal", "subject"]
    for text in ("they'll film it", "they 'll film it", "we don't film it"):
        outputs = {hfaug.Synonym(p=1.0, seed=seed)({"text": text})["text"] for seed in range(6)}
        assert outputs == {text.replace("film", "shoot")}
    assert replacements("moves").pos == "v"  # "a story that moves"
    # *'ve* is *have*: *we 've only come face-to-face* was *we 've only arrive*; *we've started* gets *begun*
    assert [context_of(word, gap) for word, gap in [("we've", " "), ("ve", " '")]] == ["aux", "aux"]
    assert fitting_of("we've started", "started").forms[0] == "begun"
    assert "arrived" in fitting_of("we 've only come face-to-face with", "come").forms  # not *arrive*


def test_a_word_that_ends_a_predicate_after_a_form_of_be_is_read_as_an_adjective_where_it_can_be():
    # *my sister is form*: read as a noun, which WordNet counts more often
    assert fitting_of("my sister is kind", "kind") is None  # the adjective has no synonym
    assert fitting_of("the material is slight", "slight").pos == "a"
    assert fitting_of("the car was repaired", "repaired").pos == "v"  # a participle: the passive
    # not where the predicate goes on (*partially of*), nor as a verb (*there are go alerts*)
    assert fitting_of("this film is part of the fun", "part").pos == "n"
    assert fitting_of("the film is way too indulgent .", "way") is None  # *is way too*: not *is fashion too*
    assert getattr(fitting_of("there are travel alerts", "travel"), "pos", None) != "v"
    # contracted too, SST-2's apart as well; not after a possessive
    for text in ("it's kind .", "it 's kind .", "they 're kind ."):
        assert fitting_of(text, "kind") is None, text
    assert fitting_of("the film 's kind .", "kind").pos == "n"
    assert fitting_of("it is everyone's favorite .", "favorite") is None  # a noun, which has none: not *preferred*


def test_a_negated_auxiliary_counts_as_the_auxiliary():
    # *no that isn't rectify*: read as a modal's verb
    assert [context_of(word, " ") for word in ("isn't", "wasn't", "hasn't", "doesn't", "can't")] == [
        "aux", "aux", "aux", "modal", "modal"
    ]
    for text in ("no that isn't correct", "no that is n't correct"):  # SST-2 writes n't apart
        assert {hfaug.Synonym(seed=seed)({"text": text})["text"] for seed in range(6)} == {text.replace("correct", "right")}


def test_split_contractions_are_never_replaced_even_with_your_own_stop_words():
    text = "it 's a film , they 're here and i 'm sure you 'll see it , ca n't you ?"
    for seed in range(5):
        params = hfaug.Synonym(p=1.0, stopwords=["movie"], seed=seed)({"text": text})["hfaug_params"]
        assert {word for word, _, _ in json.loads(params)["replaced"]} <= {"film", "here", "sure", "see"}


def test_multi_word_nouns_with_a_preposition_inflect_their_first_word():
    assert inflect("piece of work", "n", "NNS") == "pieces of work"
    assert inflect("man in the street", "n", "NNS") == "men in the street"
    assert inflect("motion picture", "n", "NNS") == "motion pictures"


def test_plural_lemmas_stand_only_for_plurals_and_are_not_pluralised_again():
    assert [inflect(lemma, "n", "NNS") for lemma in ("authorities", "drinking glasses", "glass")] == [
        "authorities", "drinking glasses", "glasses"
    ]
    assert inflect("authorities", "n", "NN") is None and inflect("glass", "n", "NN") == "glass"
    assert replacements("governments").forms == ("authorities", "regimes")


def test_no_form_of_another_spelling_is_used():
    # *has been approved* was *has been o.k.'d*: lemminflect's forms of *okay* include those of *o.k.*
    assert (inflect("okay", "v", "VBD"), inflect("okay", "v", "VBN")) == ("okayed", None)
    assert replacements("approved", "aux").forms == ("sanctioned",)
    assert inflect("rock 'n' roll", "n", "NNS") == "rock 'n' rolls"  # the lemma's own marks


def test_a_regular_verb_s_participle_is_spelled_as_its_past():
    # *which referred to* was *which refered to*: lemminflect lists some participles only as pasts
    verbs = ("refer", "occur", "control", "prefer", "kidnap", "co-star")
    assert [inflect(verb, "v", "VBN") for verb in verbs] == [inflect(verb, "v", "VBD") for verb in verbs] == [
        "referred", "occurred", "controlled", "preferred", "kidnapped", "co-starred",
    ]  # fmt: skip
    assert [inflect(verb, "v", "VBN") for verb in ("can", "happen", "go")] == ["canned", "happened", "gone"]


def test_nouns_in_s_unknown_to_lemminflect_are_taken_as_plurals():
    assert [inflect(lemma, "n", "NNS") for lemma in ("fixings", "bathing trunks", "1980s")] == [
        "fixings", "bathing trunks", "1980s",
    ]  # fmt: skip
    assert inflect("fixings", "n", "NN") is None
    assert "trimmings" in replacements("fixings").forms
    assert inflect("bus", "n", "NNS") == "buses"
    assert replacements("1930s").forms == ("thirties",)  # a lemma in the plural stands for plurals


def test_hyphenated_words_unknown_to_lemminflect_inflect_their_last_part():
    # *confederate veterans* was *confederate ex-servicemans*
    assert [inflect(lemma, "n", "NNS") for lemma in ("ex-serviceman", "ex-wife", "half-life")] == [
        "ex-servicemen", "ex-wives", "half-lives",
    ]  # fmt: skip
    assert inflect("tailor-make", "v", "VBD") == "tailor-made" and inflect("co-occur", "v", "VBG") == "co-occurring"
    assert inflect("self-esteem", "n", "NNS") is None  # its last part is a mass noun
    assert inflect("add-on", "n", "NNS") == "add-ons" and inflect("fine-tune", "v", "VBN") == "fine-tuned"
    assert inflect("snow-white", "a", "JJS") is None  # not *snow-whitest*


def test_nouns_whose_plural_is_rare_stand_only_for_singulars():
    # *it has plenty of laughs* was *plenty of laughters*; *the results are honest* *the upshots*
    assert "laughters" in lexicon.load().rare_forms and "effects" not in lexicon.load().rare_forms
    assert replacements("laughs") is None and replacements("laugh", "det").forms == ("laughter",)
    assert replacements("results").forms == ("consequences", "effects", "outcomes")
    assert replacements("result", "det").forms[-1] == "upshot"


def test_synonyms_are_not_used_in_forms_that_are_rare_in_english():
    # *visual gags* was *visual jests*, *fears* *frights*, *cooly unsettling* *cooly fazing*
    rare = lexicon.load().rare_forms
    assert {"jests", "frights", "fazing", "salved", "speediest"} <= rare
    assert not {"jokes", "jest", "saves", "quickest", "referred"} & rare
    assert replacements("gags") is None and replacements("gag", "det").forms == ("jest",)
    assert replacements("fears", "det") is None and replacements("fear", "det").forms == ("fright",)
    assert replacements("quickest") is None


def test_abstract_nouns_unknown_to_lemminflect_have_no_plural():
    assert [inflect(lemma, "n", "NNS") for lemma in ("powerfulness", "quirkiness", "careerism")] == [None] * 3
    assert [inflect(lemma, "n", "NNS") for lemma in ("weakness", "likeness", "ism")] == ["weaknesses", "likenesses", "isms"]
    assert inflect("powerfulness", "n", "NN") == "powerfulness"
    assert "connectedness" in replacements("connection").forms
    assert "connectednesses" not in replacements("connections").forms
    # nouns in -ing: *a bravura carrying out*, but not *the carryings out*, *colorings*, *dreamings*
    assert [inflect(lemma, "n", "NNS") for lemma in ("carrying out", "coloring", "dreaming")] == [None] * 3
    assert inflect("building", "n", "NNS") == "buildings" and "buildings" in replacements("constructions").forms
    assert replacements("arguments").forms == ("statements", "controversies", "contentions")  # not "arguings"


def test_copulas_modals_and_like_are_never_replaced_as_verbs_even_without_stop_words():
    for word in ("is", "was", "being", "can", "could", "will", "would", "like"):
        for context in (None, "subject", "modal", "aux"):
            assert replacements(word, context) is None, (word, context)
    assert replacements("will", "det").forms == ("volition", "testament")
    params = hfaug.Synonym(p=1.0, stopwords=[], seed=1)({"text": "it could be what we can write"})["hfaug_params"]
    assert [word for word, _, _ in json.loads(params)["replaced"]] == ["write"]
    params = hfaug.Synonym(p=1.0, seed=1)({"text": "films like this , i like them"})["hfaug_params"]
    assert [word for word, _, _ in json.loads(params)["replaced"]] == ["films"]
    assert fitting_of("they make this worth a peek", "worth") is None  # after a pronoun: not *this deserving*


def test_a_past_form_that_may_be_a_participle_gets_synonyms_alike_in_both():
    assert replacements("leapt").forms == ("jumped", "bounded")  # not *sprang*: *the deer leapt over*
    assert replacements("leapt", "subject").forms == ("jumped", "bounded", "sprang")  # *they leapt*: past
    assert replacements("leapt", "aux").forms == ("jumped", "bounded", "sprung")  # *has leapt*: participle
    assert replacements("built").forms == ("constructed",)
    out = hfaug.Synonym(p=1.0, n=8, seed=1)({"text": ["the deer leapt over the fence"]})
    assert not {"sprang", "sprung"} & {word for text in out["text"] for word in text.split()}
    # a regular verb's past is its participle too: lemminflect lists no participle for it
    assert replacements("started", "aux").forms == ("begun", "started out", "set out", "commenced")
    assert replacements("started").forms == ("started out", "set out", "commenced")  # not *began*, *begun*


def test_a_verb_headed_by_be_is_a_synonym_only_where_its_form_fits_any_subject():
    # *was*/*were* and *am*/*are* follow the subject, and a base form may be a present or follow *do*
    assert replacements("planned", "subject") is None  # not *they was after*
    assert replacements("plan", "subject") is None  # not *we am after*
    assert replacements("plan") is None  # not *they often be after*, *did they be after*
    assert compound_replacements("kept mum").forms == ("shut up",)  # not *was quiet*
    assert compound_replacements("keep mum").forms == ("shut up",)  # not *be quiet*
    assert compound_replacements("keeps mum").forms == ("shuts up", "is quiet")
    assert replacements("plans", "subject").forms == ("is after",)  # *is*, *being*, *been*: for any subject
    assert replacements("planning", "aux").forms == ("being after",)
    assert replacements("planned", "aux").forms == ("been after",)
    out = hfaug.Synonym(p=1.0, seed=0)({"text": ["we kept mum .", "they planned the attack"]})
    assert out["text"] == ["we shut up .", "they planned the onslaught"]


def test_a_verb_before_an_object_gets_synonyms_of_senses_that_take_one():
    assert replacements("ended").forms == ("finished", "terminated", "ceased")
    assert replacements("ended").before["object"].forms == ("terminated",)  # not *ceased the war*
    assert replacements("move").forms == ("travel", "go") and replacements("move").before["object"] is None  # *go my car*
    assert replacements("tell").before["person"] is None  # *tell me*: not *state me*
    assert replacements("calls").before["person"].forms == ("names",)
    for seed in range(20):
        aug = hfaug.Synonym(p=1.0, seed=seed)
        out = aug({"text": "is there a way to move my car"})["text"]
        assert " to travel my " not in out and " to go my " not in out, out
        assert aug({"text": "can you tell me the time"})["text"].startswith("can you tell me")
    for text in ("i want to move closer", "how far can the car move per hour"):
        assert fitting_of(text, "move").forms == ("travel", "go"), text  # no object
    assert fitting_of("it moves me", "moves") is None  # not *travels me*
    assert fitting_of("when will the war end", "end").forms == ("finish", "terminate", "cease")  # no object
    assert fitting_of("please end my contract", "end").forms == ("terminate",)
    # not before *you*, which may be a subject (*I tell you, it works*)
    assert replacements("tell").forms[:2] == ("state", "say")


def test_a_causative_get_is_left_alone_and_its_participle_is_passive():
    # *get bananas added*: *acquire bananas added*; *get it done*: *catch on made*
    for text in ("please get bananas added to my list", "can i get my oil changed", "get it done today"):
        assert fitting_of(text, "get") is None, text
    # a participle before its particle: *i need to get my tires checked out* was *acquire my tires looked into*
    assert fitting_of("i need to get my tires checked out", "get") is None
    # ... and a compound participle is one: *gone over*, not *went over*
    for text in ("i need to get my tires checked out", "i had my tires checked out", "i want my tires checked out"):
        assert fitting_of(text, "checked").forms[2] == "gone over", text
    assert fitting_of("he checked out the book", "checked").forms[2] == "went over"
    # an infinitive is no participle: *i want to shut down my computer* would be *i want to closed*
    assert fitting_of("i want to shut down my computer", "shut").tag == "VB"
    assert fitting_of("i got my card declined", "declined").tag == "VBN"  # *refused*, not *waned*
    assert fitting_of("i do not get it", "get").forms[0] == "catch on"  # no participle: *get it*, understand
    assert fitting_of("freeman and judd make it work", "make") is None  # not *survive work*
    assert fitting_of("this movie makes it hard to care", "makes") is None  # not *survives hard*
    assert fitting_of("we will make it", "make").forms[0] == "survive"
    # *have got* too (*i have got my oil changed*: not *have*); but a participle that modifies what follows it, or one
    # after a subject, makes no causative
    assert fitting_of("i have got my oil changed", "have") is None
    for text in ("i have got a used car", "i have got a set of keys", "i have got the answer you wanted"):
        assert fitting_of(text, "have").forms == ("have", "hold"), text


def test_please_opens_a_request_like_the_start_of_a_sentence():
    pieces = split_words("please assist me in looking for my phone")
    found = candidates(pieces, frozenset(ENGLISH))
    assert [(pieces[2 * index + 1], fitting.pos) for index, fitting in zip(found.indices, found.replacements)][0] == (
        "assist",
        "v",  # read by frequency it was a noun: *please assistance me*
    )


def test_born_is_never_replaced_as_a_verb():
    for context in (None, "subject", "modal", "aux", "noun"):
        assert replacements("born", context) is None, context  # bear: also carry, tolerate, have
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "Where was the singer born ?"})
    assert [word for word, _, _ in json.loads(out["hfaug_params"])["replaced"]] == ["singer"]


def test_inflections_of_like_are_never_replaced_as_verbs():
    for word in ("likes", "liked", "liking"):
        for context in (None, "subject", "modal", "aux"):
            assert replacements(word, context) is None, (word, context)
    assert replacements("likes", "det") is None  # the likes of: not "the wishes of"
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "i liked the film and she likes it"})
    assert [word for word, _, _ in json.loads(out["hfaug_params"])["replaced"]] == ["film"]


def test_like_after_a_noun_or_before_its_object_is_left_alone():
    # *what is the pressure ilk in my tires*, *some ilk it hot*: read as a noun
    for text in ("what is the pressure like in my tires", "What is the weather like on the moon ?", "some like it hot"):
        out = hfaug.Synonym(p=1.0, n=8, seed=1)({"text": [text]})
        assert [word for record in out["hfaug_params"] for word, _, _ in json.loads(record).get("replaced", [])] == []


def test_a_noun_before_a_clause_without_that_keeps_its_synonyms():
    assert fitting_of("the means it takes", "means") is not None and fitting_of("the meaning it has", "meaning") is not None


def test_names_inside_a_sentence_are_left_alone():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "What films featured the character Popeye Doyle ?"})
    assert out["text"] == "What pics had the character Popeye Doyle ?"  # a noun before a name: left alone


def test_protected_terms_are_untouched_case_insensitively_and_across_spaces():
    aug = hfaug.Synonym(p=1.0, seed=1, protected=["new york", "films", "art gallery"])
    out = aug(
        {
            "text": [
                "What 's the tallest building in New York City ?",
                "Name a large art  gallery in new york and its films .",
            ]
        }
    )
    assert out["text"] == [
        "What 's the tallest edifice in New York City ?",
        "Name a big art  gallery in new york and its films .",
    ]


def test_protected_terms_survive_every_copy(trec_train):
    rows = trec_train.filter(lambda row: "New York" in row["text"])
    out = rows.map(hfaug.Synonym(p=1.0, n=3, keep_original=True, seed=2, protected=["New York"]), batched=True)
    pairs = copies_with_sources(out)
    assert len(pairs) > 40
    assert all(row["text"].count("New York") == source.count("New York") for source, row in pairs)


def test_a_protected_word_is_never_replaced_as_part_of_a_multi_word_synonym():
    # unprotected: *ice cream* -> *icecream*, *hot dogs* -> *hotdogs*
    texts = ["I love ice cream and hot dogs .", "The children love ice cream and hot dogs at a big party ."]
    for seed in range(3):
        out = hfaug.Synonym(p=1.0, seed=seed, protected=["cream", "dogs"])({"text": texts})
        assert out["text"][0] == texts[0]
        assert out["hfaug_error"][0].startswith("dropped: no word has a WordNet synonym that fits")
        assert [word for word, _, _ in replaced(out)[1]] == ["children", "big"]


def test_stop_words_are_never_replaced(text_mix):
    out = text_mix.map(hfaug.Synonym(p=1.0, seed=3), batched=True)
    assert not [change[0] for row in replaced(out) for change in row if change[0].lower() in ENGLISH]


def test_custom_stop_words_replace_the_built_in_list():
    aug = hfaug.Synonym(p=1.0, seed=1, stopwords=["Film", "crowd"])
    assert aug({"text": "they film the big crowd"})["text"] == "they film the large crowd"


@pytest.mark.parametrize("augmenter", [hfaug.Synonym, hfaug.CharNoise])
@pytest.mark.parametrize("word", [" film ", "credit card"])
def test_a_stop_word_that_could_match_no_word_is_refused_pointing_to_protected(augmenter, word):
    # it was taken and matched nothing: the words were changed
    with pytest.raises(ValueError, match=rf"stop words are single words without spaces, got {re.escape(repr(word))}; .*"
                       rf"protected=\[{re.escape(repr(word.strip()))}\]$"):
        augmenter(stopwords=[word])


def test_max_replacements_caps_the_replacements(text_mix):
    out = text_mix.map(hfaug.Synonym(p=1.0, max_replacements=2, seed=1), batched=True)
    counts = [len(row) for row in replaced(out)]
    assert max(counts) == 2
    assert counts.count(2) >= 0.5 * len(counts)


def test_higher_p_replaces_more_words(text_mix):
    low = text_mix.map(hfaug.Synonym(p=0.1, seed=1), batched=True)
    high = text_mix.map(hfaug.Synonym(p=0.8, seed=1), batched=True)
    assert sum(map(len, replaced(high))) > 2 * sum(map(len, replaced(low)))
    assert min(len(row) for row, error in zip(replaced(low), low["hfaug_error"]) if not error) == 1


def test_a_text_without_a_fitting_word_is_dropped_from_the_copies():
    ds = Dataset.from_dict({"text": ["what is it ?", "a gentle film"]})
    out = ds.map(hfaug.Synonym(n=2, keep_original=True, seed=1), batched=True)
    assert list(out["text"][:1]) == ["what is it ?"]
    assert list(out["hfaug_copy"]) == [0, 0, 1, 2]
    single = ds.map(hfaug.Synonym(seed=1), batched=True)
    assert single["hfaug_error"][0].startswith("dropped: no word has a WordNet synonym")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"p": 0}, r"p must be a number in \(0, 1\]"),
        ({"p": 1.5}, r"p must be a number in \(0, 1\]"),
        ({"max_replacements": 0}, r"max_replacements must be None or an integer >= 1"),
        ({"stopwords": "french"}, r"unknown stop word list 'french'"),
        ({"protected": "film"}, r"protected must be a list of words or phrases, e.g. protected=\['film'\]"),
        ({"protected": ["film", ""]}, r"protected terms must be non-empty strings"),
    ],
)
def test_invalid_parameters_are_rejected_with_a_clear_message(options, message):
    with pytest.raises((TypeError, ValueError), match=message):
        hfaug.Synonym(**options)


def test_ready_instance_uses_the_defaults():
    assert hfaug.synonym == hfaug.Synonym()
    assert hfaug.synonym.config()["stopwords"] == "english"


def test_a_compound_with_s_is_left_whole():
    # *my recognition card's apr*, *the yellow salad's taste*: the compound was not found with its 's
    for text in ("what is my credit card's apr", "the chicken salad’s taste"):
        assert {hfaug.Synonym(p=1.0, seed=seed)({"text": text})["text"] for seed in range(6)} == {text}


@pytest.mark.parametrize(
    "text",
    [
        "where am i right now",
        "never mind , i found it",
        "what did i eat last night",
        "how many days do i have left",
        "you ca n't help but smile",
        "how many carry ons can i take",
        "how do i jump start a car",
    ],
)
def test_idioms_that_wordnet_lacks_are_left_whole(text):
    # *where am i rectify now*, *never psyche*, *have gone away*: each word read alone
    replaced = [record.get("replaced", []) for record in map(json.loads, hfaug.Synonym(p=1.0, n=8, seed=1)({"text": [text]})["hfaug_params"])]
    idioms = {"right", "now", "never", "mind", "last", "night", "left", "help", "but", "carry", "ons", "jump", "start"}
    assert not {word for words in replaced for word, _, _ in words} & idioms


def test_a_noun_in_ing_that_ends_a_noun_phrase_or_ending_a_predicate_is_no_verb():
    # *tomorrow's running across*, *your language posing*, *my aa converging*, *is vexing*, *is drilling*
    for text, word in [
        ("when is tomorrow's meeting", "meeting"),
        ("change your language setting", "setting"),
        ("i missed my aa meeting", "meeting"),
        ("please change your language setting to spanish", "setting"),  # was *placing*
        ("the staff meeting for march 1 at 10 am", "meeting"),  # was *converging*
        ("is there a reminder for my aa meeting on my list", "meeting"),  # was *getting together*
    ]:
        assert fitting_of(text, word) is None, text  # the noun has no synonyms
    assert fitting_of("the largest post office building in the world", "building").forms == ("edifice",)
    # an action, not a thing: the verb (not *advent*, *departure*, *run*)
    for text, word in [
        ("when is my paycheck coming", "coming"),
        ("john's coming tomorrow", "coming"),
        ("my flight's leaving", "leaving"),
        ("i saw the man running", "running"),
        ("a director beginning to resemble someone", "beginning"),  # before an infinitive
        ("a small film suffering from a severe case", "suffering"),  # not *woe*
        ("a director fighting against the urge", "fighting"),  # not *scrap*
        ("takes its sweet time building to a climax", "building"),  # *to* and a determiner: not *edifice*
    ]:
        assert getattr(fitting_of(text, word), "pos", "v") == "v", text
    assert fitting_of("the film is baffling .", "baffling").pos == "a"
    assert fitting_of("it is boring .", "boring").forms[:2] == ("dull", "ho-hum")
    assert fitting_of("she is leaving today", "leaving").pos == "v"  # no object needed: the verb
    assert fitting_of("i am trying to find my phone", "trying").pos == "v"  # before *to*: the verb, not *stressful*
    # a possessive determines the noun phrase, and the question's verb ends it
    assert fitting_of("where does john's flight land", "land").pos == "v"


@pytest.mark.parametrize(
    ("text", "word", "forms"),
    [
        # a participle that WordNet tags often as an adjective ends the predicate: a state, not an action
        ("as far as i am concerned .", "concerned", None),  # was *born on*
        ("we were satisfied .", "satisfied", None),  # was *filled*
        ("i am determined to win", "determined", None),  # was *found*
        ("Where is Belize located ?", "located", ("placed", "situated")),  # was *turned up*
        ("where is the kentucky horse park located ?", "located", ("placed", "situated")),
        ("the hotel is located in spain .", "located", ("placed", "situated")),
        # a passive: the adjective is tagged too seldom against its verb, or no question or predicate ends there
        ("what chemicals are used in lethal injection ?", "used", ("utilized", "applied", "employed")),
        ("the film was written by him .", "written", ("composed", "penned")),
        ("is the store closed today ?", "closed", ("shut", "folded", "shut down")),
        ("can you let me know the wait time before being seated", "seated", None),  # was *being sitting*
    ],
)
def test_a_participle_that_is_an_adjective_of_its_own_ends_a_predicate_as_one(text, word, forms):
    assert getattr(fitting_of(text, word), "forms", None) == forms


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # a word in *-s* before a determiner or an object pronoun: the verb (were *characteristics*, *lays*)
        ("What South American city features the exclusive beach ?", "features", "v"),
        ("a few good ideas and features some decent performances", "features", "v"),
        ("What stringed weapon fires a bolt ?", "fires", "v"),
        ("a screenplay that forces them into bizarre situations", "forces", "v"),
        # no determiner or pronoun after it: the noun
        ("the features of the phone", "features", "n"),
        ("nicely combines the enigmatic features of memento", "features", "n"),
        # joined to a plural that can only be a noun: a noun (were *deepens*, *essays*)
        ("What is the difference between molecules and compounds ?", "compounds", None),
        ("the number of assassinations and attempts to assassinate", "attempts", "n"),
        ("it eats bugs and attempts to fly", "attempts", "v"),
        ("in totally unexpected directions and keeps on going .", "keeps", None),  # a noun never tagged: was *livelihoods*
    ],
)
def test_a_word_in_s_is_read_as_a_verb_before_a_determiner_and_as_a_noun_joined_to_one(text, word, pos):
    assert getattr(fitting_of(text, word), "pos", None) == pos


@pytest.mark.parametrize(
    ("text", "word", "left_alone"),
    [
        # the word after a first name in lower case is its surname (were *allow*, *spud*, *greenish*, *creeks*)
        ("hugh grant , who has a good line", "grant", True),
        ("eddie murphy and owen wilson have a ball", "murphy", True),
        ("the comedy of tom green and the farrelly brothers", "green", True),
        ("in the hands of mel brooks", "brooks", True),
        # a name's verb, an adverb or no noun; a capitalised name; no first name before
        ("woody allen seems to be", "seems", False),
        ("is dan aware of it", "aware", False),
        ("jim taylor brilliantly employs", "brilliantly", False),
        ("Where did Eddie buy the car ?", "buy", False),
        ("we want to grant access", "grant", False),
        # after a surname that is a first name too: no second surname (were left alone)
        ("a new hal hartley movie to pore over", "movie", False),
        ("a randall wallace film from any other", "film", False),
        ("it makes even elizabeth hurley seem graceless", "seem", False),
    ],
)
def test_the_word_after_a_first_name_in_lower_case_is_left_alone_as_its_surname(text, word, left_alone):
    assert (fitting_of(text, word) is None) == left_alone


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # after *something*, *anything*, *nothing*: an adjective, never a noun (were *playfulness*, *goodness*)
        ("is there anything fun to do in berlin", "fun", None),
        ("nothing good can happen .", "good", None),  # no adjective synonym of one word
        ("tell me something funny about cats", "funny", "a"),
        # a verb stays one
        ("nothing happens .", "happens", "v"),
        ("anything approaching a vague reason", "approaching", "v"),
    ],
)
def test_a_word_after_something_or_nothing_is_no_noun(text, word, pos):
    assert getattr(fitting_of(text, word), "pos", None) == pos


@pytest.mark.parametrize("text", ["it is not correct", "it's not correct", "that’s not correct", "that 's not correct ."])
def test_a_word_after_be_and_not_ends_its_predicate_as_after_be(text):
    # *not* written apart reads as *n't* does (was *rectify*, the verb)
    assert fitting_of(text, "correct").forms == ("right",)


def test_a_noun_after_what_and_before_of_is_read_as_a_noun():
    assert fitting_of("what breed of dog is this", "breed").pos == "n"  # not *what multiply of dog*


def test_a_word_after_what_is_no_verb_where_no_form_of_it_agrees_with_what():
    # a noun before a plural's verb: *what alerts are*, *which purchases are* were *what alarms are*, *which buys are*
    for text, word in [("what alerts are there for paris", "alerts"), ("which purchases are pending", "purchases")]:
        assert fitting_of(text, word) is None, text  # no noun synonyms
    # a modifier before its noun: *what spot novelist*, *what setting down time*, *what duplicate talking professor*
    assert fitting_of("What spy novelist served in Moscow ?", "spy") is None
    assert fitting_of("what landing time is scheduled", "landing") is None
    assert fitting_of("What double talking professor holds it ?", "double").pos == "a"
    # the verb, or the noun that heads the phrase, where a form agrees with what follows
    assert fitting_of("What causes pneumonia ?", "causes") is None  # a verb: no synonyms fit
    assert fitting_of("What mountains lie between the rivers ?", "mountains").forms == ("mounts",)
    assert fitting_of("What actor first portrayed James Bond ?", "actor").forms == ("player",)
    assert fitting_of("What coach received a degree ?", "coach").pos == "n"
    # the noun a modifier after *what* precedes heads the phrase: *what barroom evaluate called*
    assert fitting_of("What barroom judge called himself The Law ?", "judge").pos == "n"
    assert fitting_of("What double talking professor holds it ?", "talking").pos == "v"  # may modify the next


@pytest.mark.parametrize(
    "text",
    ["i can't put up with this noise", "What drink is made up of rum ?", "we ran out of milk", "i can't make up my mind"],
)
def test_a_verb_and_its_particle_are_left_alone_before_the_preposition_or_object_that_completes_them(text):
    # *post with this noise*, *represented of rum*, *constitute my mind*: the phrase is one verb (WordNet's *make up
    # one's mind*), and a synonym of its first words left the rest behind
    copies = {hfaug.Synonym(p=1.0, seed=seed)({"text": text})["text"] for seed in range(12)}
    assert copies == {text}


def test_wordnet_compounds_are_replaced_whole_or_not_at_all():
    aug = hfaug.Synonym(p=1.0, seed=3)
    out = aug({"text": "Open a savings account and turn off the phone calls ."})
    assert out["text"] == "Open up a savings account and switch off the calls ."
    assert json.loads(out["hfaug_params"])["replaced"] == [
        ["Open", "Open up", 0],
        ["turn off", "switch off", 27],
        ["phone calls", "calls", 40],
    ]
    # in any case and inflection
    assert aug({"text": "Police officers : I turned off the TV ."})["text"] == "Officers : I switched off the TV ."
    # no synonyms (savings account, special effects), stop words only (at all): left whole
    out = aug({"text": "Savings accounts : special effects at all ."})
    assert out["text"] == "Savings accounts : special effects at all ."
    assert "no word has a WordNet synonym" in out["hfaug_error"]
    # words apart by other whitespace than one space: left whole, since replacing them would lose the layout
    out = aug({"text": "my phone\ncall ,  phone  call ; phone call"})
    assert out["text"] == "my phone\ncall ,  phone  call ; call"
    # adverbs depend on the words around them: "this kind of film"
    assert hfaug.Synonym(p=1.0, seed=1)({"text": "It was kind of boring ."})["text"] == "It was kind of tiring ."


def test_the_words_of_a_named_place_person_or_event_are_left_alone():
    # *north korea* was *northwards korea*, *charles dickens* *charles devils*, *world war ii* *world war two*
    for text, word in [
        ("does north korea have any travel alerts", "north"),
        ("who knew charles dickens could be so light-hearted", "dickens"),
        ("the opening scenes of a wintry new york city", "city"),
        ("to address his own world war ii experience", "ii"),
    ]:
        assert fitting_of(text, word) is None
    assert fitting_of("what time is it up north", "north").forms[0] == "northerly"  # no name


def test_a_phrasal_verb_whose_particle_follows_its_object_is_left_alone():
    # *liven things up* was *animate things up*, *check my balance out* *check out my balance out*
    for text, verb in [
        ("to liven things up .", "liven"),
        ("put the meeting off", "put"),
        ("let me check my balance out", "check"),
        ("so you can get your money back", "get"),
    ]:
        assert fitting_of(text, verb) is None
    # no object before the particle: a verb, an adverb, *to*
    for text, verb in [("the movie keeps coming back", "keeps"), ("the dialogue spin hopelessly out of control", "spin")]:
        assert fitting_of(text, verb) is not None
    assert fitting_of("put the book on the table", "put").forms[0] == "set"


def test_a_compound_verb_after_an_auxiliary_is_a_participle():
    out = hfaug.Synonym(p=1.0, seed=4)({"text": "he has cut off"})
    assert out["text"] == "he has interrupted"  # not *has interrupt*
    assert compound_replacements("cut off").forms[:3] == ("interrupt", "disrupt", "break up")
    assert compound_replacements("cut off", "aux").forms[:3] == ("interrupted", "disrupted", "broken up")


def test_a_verb_before_a_preposition_is_no_compound():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "the tallest building in town"})
    assert out["text"] == "the tallest edifice in town"


def test_be_and_an_adjective_is_no_compound_verb():
    aug = hfaug.Synonym(p=1.0, seed=0)
    assert aug({"text": "my dog is sick today"})["text"] == "my dog is queasy today"  # not *honks*
    assert aug({"text": "the award was given to me"})["text"] == "the award was given to me"  # not *tended*
    assert "due" not in lexicon.load().compounds["is"] and compound_replacements("is due") is None


def test_a_sentence_opening_before_a_determiner_or_object_is_read_as_an_imperative():
    aug = hfaug.Synonym(p=1.0, seed=3)
    assert aug({"text": "Film the crowd ."})["text"] == "Shoot the crowd ."
    assert aug({"text": "I hate it . Buy a pizza ."})["text"] == "I detest it . Purchase a pizza ."
    assert aug({"text": "I hate it . Ship it today ."})["text"] == "I detest it . Send it today ."
    # demonstratives also modify adjectives: "Films this bad" opens with a noun
    assert aug({"text": "Films this bad are rare ."})["text"] == "Flicks this bad are rare ."


def test_courtesies_are_stop_words():
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "please play some movies , thanks ! bye"})
    assert out["text"] == "please play some films , thanks ! bye"


@pytest.mark.parametrize(
    "text, word, pos",
    [
        ("his early plays are better .", "plays", "n"),  # after a determiner and an adjective
        ("the new plan failed .", "plan", "n"),
        ("a great play .", "play", "n"),
        ("the TV play was cancelled .", "play", "n"),  # before a verb that follows its subject
        ("Love is blind .", "Love", None),  # a noun, and the noun has no synonym
        ("What films did he make ?", "films", "n"),
        ("what is the meaning of life ?", "meaning", "n"),  # the last word of a noun phrase
        ("what's the minimum i owe", "minimum", "n"),
        ("the amount of people", "amount", "n"),
        ("the best in town", "best", None),  # a superlative, not the noun (*the topper*): no synonym
        ("a warmed over pastiche", "warmed", None),  # no verb after a determiner
        ("Film A is better than film B .", "Film", "n"),  # a capital A is a letter, no object of an imperative
        ("they place it there .", "place", "v"),  # the word before says more than the counts (noun 193, verb 173)
        ("what they want is rest .", "want", "v"),
        ("What remains is a mystery .", "remains", "v"),  # a clause opened by *what*
        ("What flavour is the ice cream ?", "flavour", "n"),
        ("How fast is a cheetah ?", "fast", None),  # after a word of degree: no noun (*fasting*)
        ("a story that moves .", "moves", "v"),
        ("I want to film the crowd", "film", "v"),  # after *to*: a verb in the base form
        ("tell me how to pronounce anonymous", "pronounce", "v"),
        ("is it going to flood today", "flood", "v"),
        ("when does my current job have the next paid holiday", "job", "n"),  # *have* is the verb (was *speculate*)
        ("did a Cornell University study say would make", "say", "v"),
        ("i'm gonna buy a pizza", "buy", "v"),
        ("listen to reports", "reports", "n"),  # no base form: not a verb (*describes*)
        ("from stage to film", "film", "n"),  # *from X to Y*: like X
        ("Why do we have to go to school ?", "school", None),  # *to* after *go*: a noun, without synonym
        ("How do doctors diagnose cancer ?", "doctors", "n"),  # no base form after *do*: not a verb
        ("ruins the show 's concept .", "ruins", "v"),  # opening before an object: a finite verb
        ("repaired my phone", "repaired", "v"),
        ("is there a way to get a new insurance plan", "plan", "n"),  # a determiner, adjectives and nouns
        ("the car repair .", "repair", "n"),
        ("the movie moves .", "moves", "v"),  # a singular noun and a verb
        ("a visual spectacle void of images", "void", "a"),  # no verb: as WordNet counts most often
        ("the talk alone is enough", "alone", "r"),
        ("is there a travel alert for russia", "alert", None),  # before a preposition: a noun, which has none
        ("is there a bank close", "close", None),  # an adjective may end what *there is*: not *stopping point*
        ("does argentina have a travel alert", "alert", None),  # what *have* has: a noun (was *watchful*)
        ("is my tire pressure okay", "okay", "a"),  # a predicate: an adjective where WordNet counts more
        ("play this story fair", "fair", "a"),
        ("are there any travel alerts for russia", "alerts", None),  # *alert* takes an object: a noun (was *alarms*)
        ("i want to change my insurance plans", "plans", "n"),  # not *is after*
        ("the boss helps me", "helps", "v"),  # its object
        ("what sets this comedy apart from others", "apart", None),  # no noun: as before
        ("Who lives at 39 Stone Canyon Way ?", "lives", "v"),  # *who*: a subject (not *livings*)
        ("will my flight leave ?", "leave", "v"),  # a question's verb
        ("will my package ship on time ?", "ship", "v"),  # also where WordNet counts more nouns
        ("What year did the Vietnam War end ?", "end", "v"),
        ("the dramatics that follow are utter hooey .", "utter", "a"),  # after *are*: no participle, no verb
        ("the film 's look is its strength .", "look", "n"),  # SST-2's possessive *'s*
        ("we have fun", "fun", "n"),
        ("he has acquired a taste", "acquired", "v"),
        ("let's go now", "go", "v"),  # *let's*: not an auxiliary
        ("Where was the president born ?", "born", None),
        ("then leave Russia ?", "leave", None),  # before a name: an object, and *go away* takes none
        ("tell me when i last got paid", "last", None),  # an adverb before a past form (was *endure*)
        ("did i last service my car", "last", None),  # an adverb before a verb and its object (was *endure*)
        ("where did i last place my phone", "last", None),
        ("you seem tired", "seem", "v"),  # no adverb: a verb before a participle
        ("warm water may well be the best", "well", None),  # an adverb before a verb (was *swell*)
        ("the water will well up", "well", "v"),
    ],
)
def test_part_of_speech_from_the_words_around(text, word, pos):
    pieces = split_words(text)
    found = candidates(pieces, frozenset(ENGLISH))
    chosen = {pieces[2 * index + 1]: fitting.pos for index, fitting in zip(found.indices, found.replacements)}
    assert chosen.get(word) == pos


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        # after an adjective or a number, a plural: nothing there can be a verb's subject
        ("how do i order new checks", "checks", None),  # the noun has no synonym (was *tell new checks out*)
        ("hallelujah for small favors .", "favors", None),  # was *small prefers*
        ("look at a girl in tight pants", "pants", ("n", "NNS", "trousers")),  # was *tight heaves*
        ("myriad signs , if you will", "signs", ("n", "NNS", "marks")),  # was *ratifies*
        ("four natural aids", "aids", ("n", "NNS", "helps")),  # the noun *help*
        ("it may work for teens who grew up on televised scooby-doo shows or reruns .", "shows", None),
        # after a noun where the noun phrase ends, a plural: the verb would lack its object
        ("what are my options for new insurance plans", "plans", ("n", "NNS", "programs")),  # was *is after*
        ("online spelling and punctuation drills for my grader", "drills", None),  # was *bores*
        ("makes a joke out of car chases for an hour", "chases", ("n", "NNS", "pursuits")),  # was *dogs*
        # a verb: after a noun phrase, an adverb or a name, before its object, or without one
        ("the world needs more", "needs", ("v", "VBZ", "necessitates")),
        ("the cast keeps this pretty watchable", "keeps", ("v", "VBZ", "maintains")),
        ("What city boasts the largest zoo ?", "boasts", ("v", "VBZ", "sports")),
        ("the music stops in a game of chairs", "stops", ("v", "VBZ", "halts")),
        ("mckay shows crushingly little curiosity", "shows", ("v", "VBZ", "exhibits")),
        ("than it first sets out to do", "sets", ("v", "VBZ", "begins")),  # *first*: an adverb too
        ("the direction occasionally climbs to the level", "climbs", ("v", "VBZ", "mounts")),
        ("the film is about how max shows , provokes", "shows", ("v", "VBZ", "exhibits")),  # a name
        ("Practice helps .", "helps", ("v", "VBZ", "assists")),  # a sentence's first word
        ("as comedy goes , very silly", "goes", ("v", "VBZ", "travels")),  # *go* takes no object
    ],
)
def test_a_plural_after_a_modifier_that_cannot_be_its_subject_is_no_verb(text, word, reading):
    fitting = fitting_of(text, word)
    assert (fitting and (fitting.pos, fitting.tag, fitting.forms[0])) == reading


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        # the noun that ends a determiner's noun phrase, also before a comma, *and*, *or*, *but* or *than*
        ("it wants to be a gangster flick or an art film", "flick", None),  # the noun has none (was *flip*)
        ("i never want to see another car chase , explosion or gunfight again", "chase", ("n", "NN", "pursuit")),
        ("more in common with a fireworks display than a movie", "display", ("n", "NN", "show")),  # a plural modifier
        ("simply and surprisingly , a nice , light treat .", "treat", ("n", "NN", "dainty")),  # two modifiers
        ("a party-hearty teen flick that scalds like acid .", "flick", None),  # two adjectives (was *flip*)
        ("make the most of a bumper cast , but never", "cast", None),  # also a past form (was *throw*)
        ("a loud crash .", "crash", ("n", "NN", "clang")),
        # a verb: a question's, a bare infinitive after a plural, or one without an object to lack
        ("When did the neanderthal man live ?", "live", ("v", "VB", "populate")),
        ("what does my gas meter say", "say", ("v", "VB", "state")),
        ("how fast does the fastest car go", "go", ("v", "VB", "travel")),
        ("it makes your feet ache", "ache", ("v", "VB", "yearn")),
        ("the movie moves and breathes", "moves", ("v", "VBZ", "travels")),
        ("devolves into the derivative , leaning on effects .", "leaning", None),  # no noun after a comma
    ],
)
def test_the_noun_that_ends_a_noun_phrase_before_a_comma_or_a_conjunction_is_no_verb(text, word, reading):
    fitting = fitting_of(text, word)
    assert (fitting and (fitting.pos, fitting.tag, fitting.forms[0])) == reading


@pytest.mark.parametrize(
    ("text", "word", "reading"),
    [
        ("an energetic and engaging film that never pretends", "engaging", None),  # an adjective (was *pursuing*)
        ("a grievous but calm complaint against fathers", "calm", ("a", "JJ", "serene")),
        ("his chilling , unnerving film is", "unnerving", ("a", "JJ", "formidable")),  # was *fazing*
        # a verb: no adjective before *and*, or no noun after the word
        ("or care about the characters and uses them as markers", "uses", ("v", "VBZ", "utilizes")),
        ("has a wooden delivery and encounters a substantial arc", "encounters", ("v", "VBZ", "meets")),
        ("while solondz tries and tries hard", "tries", ("v", "VBZ", "seeks")),
    ],
)
def test_an_adjective_joined_to_another_before_their_noun_is_no_verb(text, word, reading):
    fitting = fitting_of(text, word)
    assert (fitting and (fitting.pos, fitting.tag, fitting.forms[0])) == reading


def test_prepositions_and_interjections_are_replaced_only_after_a_determiner():
    # WordNet knows them only as content words: despite -> contempt, worth -> deserving, wow -> riot
    for word in ("despite", "worth", "across", "throughout", "outside", "unlike", "plus", "regarding", "wow"):
        for context in (None, "subject", "modal", "aux", "noun"):
            assert replacements(word, context) is None, (word, context)
    assert replacements("plus", "head").forms[:1] == ("asset",)  # a real plus
    assert replacements("inside", "head").forms == ("interior",)  # the inside of
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "despite its flaws , the film is worth a look across the country"})
    assert [word for word, _, _ in json.loads(out["hfaug_params"])["replaced"]] == ["flaws", "film", "country"]


def test_a_verb_after_a_question_modal_and_its_subject_is_in_the_base_form():
    # *can you put*: read after *you* alone, *put* was a past tense (*can you positioned*)
    for text in ("can you put a block on my card", "did you shut the door", "does she put it there"):
        pieces = split_words(text)
        found = candidates(pieces, frozenset(ENGLISH))
        assert found.replacements[0].tag == "VB", text
    for text in ("Which country did Hitler rule ?", "Where does Mother Angelica live ?"):  # a name as subject
        pieces = split_words(text)
        found = candidates(pieces, frozenset(ENGLISH))
        assert (found.replacements[-1].pos, found.replacements[-1].tag) == ("v", "VB"), text  # not *linguistic rule*
    out = hfaug.Synonym(p=1.0, seed=1)({"text": "could you put it there"})
    assert out["text"] == "could you lay it there"  # not *laid*
    assert candidates(split_words("you put it there"), frozenset(ENGLISH)).replacements[0].tag == "VBD"


def test_a_phrasal_verb_is_no_synonym_before_a_pronoun_it_would_have_to_split():
    # *call off it*, *call up me*: the particle goes after a pronoun (*call it off*)
    def synonyms(text, word):
        return fitting_of(text, word).forms

    assert synonyms("please cancel it", "cancel") == ("scratch", "scrub")
    assert synonyms("call me mary", "call") == ("name",)
    assert synonyms("cancel the meeting", "cancel")[0] == "call off"  # before a noun phrase it stays


def test_more_and_most_come_before_an_adjective_or_a_noun_and_any_word_before_enough_is_no_verb():
    assert fitting_of("a more amusing film", "amusing").pos == "a"  # not the verb's *more diverting* alone
    assert fitting_of("the most devastating flaw", "devastating").pos == "a"  # not *laying waste to*
    assert fitting_of("can i get more films", "films").forms[0] == "movies"  # not *shoots*
    assert fitting_of("it is light enough", "light") is None  # not *visible light enough*
    assert fitting_of("funny enough", "funny").pos == "a" and fitting_of("funny enough", "enough") is None  # not *plenty*
    assert fitting_of("how much do i have to at least pay on my bills", "pay") is None  # *at least*: no noun


def test_get_alone_is_never_replaced_and_a_compound_of_got_after_have_is_left_alone():
    # *my getting there* was *my acquiring there*: WordNet's noun *getting*
    assert fitting_of("my getting there on time matters", "getting") is None
    # *i've got over it* was *i've traversed it*
    for text in ("i've got over it", "you haven't got over it", "you have n't got over it", "has she got over it"):
        assert fitting_of(text, "got") is None, text
    assert fitting_of("i got over it", "got").forms[0] == "traversed"
    assert fitting_of("got over it , i have", "got").forms[0] == "traversed"  # the first word: no word before
    assert fitting_of("i would've got over it", "got").forms[0] == "traversed"  # the perfect of *get*
    assert fitting_of("i should have got the job", "have") is None  # not *i should have the job*
    pieces = split_words("he got married")  # a compound: replaced whole
    assert candidates(pieces, frozenset(ENGLISH)).replacements[0].forms[0] == "married"


def test_have_got_before_a_particle_or_a_comparative_is_the_perfect_of_get_and_left_alone():
    # *he has got up* was *he has up*, *it has got better* *it holds better*
    for text in ("he has got up", "we have got away with it", "it has got better", "the kids have got older"):
        assert fitting_of(text, "has" if " has " in text else "have") is None, text
    for seed in range(3):
        assert hfaug.Synonym(p=1.0, seed=seed)({"text": "he has got up"})["text"] == "he has got up"
    # before its predicate adjective too, but not before an adjective of a noun: *he has got tired* was *he holds tired*
    for text in ("he has got tired", "it has got much colder", "we have got back"):
        assert fitting_of(text, "has" if " has " in text else "have") is None, text
    assert fitting_of("she has got bigger problems", "has").forms == ("has", "holds")
    assert fitting_of("she has got more money", "has").forms == ("has", "holds")  # *have*: *more* is a stop word
    assert fitting_of("she has got a new car", "has").forms == ("has", "holds")


def test_no_synonym_repeats_the_word_before_or_after_it():
    def forms(text, word):
        found = fitting_of(text, word)
        return found.forms if found else ()

    assert "go for" in forms("i want to apply now", "apply")
    assert forms("i want to apply for a new card", "apply") == ()  # not *go for for*, nor *use for*: the sense of *go for*
    assert "look for" not in forms("please search for my phone", "search")
    assert forms("a perfect score in a gymnastics exercise", "gymnastics") == ()  # not *gymnastic exercise exercise*
    out = hfaug.Synonym(p=1.0, seed=0, n=20)({"text": ["i want to apply for a new card"]})
    assert not [text for text in out["text"] if "for for" in text]


def test_a_phrasal_verb_is_no_synonym_before_a_particle():
    # *come from* was *come up from*, *founded by* *set up by*; *start at* would be *start out at*
    assert "come up" in fitting_of("when will the train come ?", "come").forms
    assert fitting_of("the laughs come from the outtakes", "come").forms == ("arrive", "get")
    assert "start out" in fitting_of("the show will start soon", "start").forms
    assert "start out" not in fitting_of("the show will start at noon", "start").forms
    assert "set up" not in fitting_of("What army was founded by William Booth ?", "founded").forms
    out = hfaug.Synonym(p=1.0, seed=0, n=20)({"text": ["the laughs come from the outtakes"]})
    assert not [text for text in out["text"] if " up from" in text]


def test_a_word_after_named_called_name_is_or_call_me_is_a_name_and_left_alone():
    # *my name is john*, *call me frank* were *my name is toilet*, *call me blunt*
    for text, word in [
        ("my name is john", "john"),
        ("my name's bob", "bob"),
        ("my name 's bob", "bob"),
        ("my name’s bob", "bob"),
        ("you can call me frank", "frank"),
        ("a dog named buddy", "buddy"),
    ]:
        assert fitting_of(text, word) is None
    assert fitting_of("john is my name", "john").forms[0] == "toilet"  # WordNet's noun, where nothing names it
    assert fitting_of("be frank with me", "frank") is not None


def test_a_month_next_to_a_number_or_after_a_word_of_time_is_left_alone():
    # *on march 1* was *on marching 1*, *the tenth of august* *the tenth of venerable*
    for text, month in [
        ("i need a pto request on march 1 to 2", "march"),
        ("from feb 22 to march 1", "march"),
        ("i want the ninth and the tenth of august", "august"),
        ("the show opens in march .", "march"),
    ]:
        assert fitting_of(text, month) is None, text
    assert fitting_of("the soldiers march through town", "march").pos == "v"
    assert fitting_of("an august institution", "august").forms[0] == "grand"


def test_a_word_before_a_clitic_written_apart_is_a_noun():
    # *to affirm love 's power* was *to affirm enjoy 's power*, *the capital 's rotunda* *the great 's*
    assert fitting_of("to affirm love 's power", "love") is None  # no noun synonym
    assert fitting_of("we watch the capital 's parade", "capital") is None
    assert fitting_of("i love fall 's colors", "fall").forms[0] == "autumn"


def test_a_verb_before_an_infinitive_gets_synonyms_of_senses_that_take_one():
    # *was going to be* was *was traveling to be*, *manages to* *deals to*, *fails to* also *goes wrong to*
    assert fitting_of("apollo 13 was going to be released", "going") is None
    assert fitting_of("a monologue that manages to incorporate both", "manages") is None
    assert fitting_of("i need to know the time", "need") is None  # not *require to know*
    assert fitting_of("a documentary fails to live up to it", "fails").forms == ("neglects",)
    assert fitting_of("i want to book a flight", "want").forms == ("desire",)
    assert fitting_of("we are forced to reflect", "forced").forms[0] == "coerced"  # a passive: *force somebody to*
    assert "speak" in fitting_of("i want to talk to him", "talk").forms  # *to him*: no infinitive
    assert "travel" in fitting_of("help me move to a new city", "move").forms  # *to a*: a preposition


def test_a_verb_before_a_predicate_adjective_gets_the_synonyms_of_senses_that_take_one():
    # *making you feel guilty* was *making you find guilty*, *feel sorry* *experience sorry*
    for text in ["without making you feel guilty about it", "asks you to feel sorry for him", "you feel so very good",
                 "i feel sick today"]:
        assert fitting_of(text, "feel") is None
    assert fitting_of("the sequences feel sanitised and stagey", "feel") is None
    # *it feels much longer* was *it experiences much longer*, *i feel pretty good* *i find pretty good*
    for text in ["it feels much longer", "i feel better already", "i feel pretty good", "you will feel wide awake"]:
        assert fitting_of(text, text.split()[1]) is None, text
    assert fitting_of("the film seems tired", "seems").forms == ("looks", "appears")
    assert fitting_of("it seems bigger", "seems").forms == ("looks", "appears")
    assert "experience" in fitting_of("you feel contradictory things", "feel").forms  # a noun phrase
    assert "find" in fitting_of("we feel that we know", "feel").forms
    assert fitting_of("it makes you feel new ones", "feel").forms == ("experience", "find")
    assert fitting_of("tell me how to pronounce anonymous", "pronounce").forms[0] == "articulate"  # no copula
    assert fitting_of("look up easy to follow recipes", "look").forms[0] == "consult"  # a compound: *look up*


def test_a_passive_participle_gets_the_synonyms_of_senses_that_take_an_object():
    # *my card was declined* was *my card was worsened*; *my contract can get ended* would be *can get finished*
    assert fitting_of("my card was declined", "declined").forms == ("refused", "rejected", "passed up", "turned down")
    assert fitting_of("my contract can get ended", "ended").forms == ("terminated",)
    assert "worsened" in fitting_of("sales have declined", "declined").forms  # no passive


def test_the_participle_of_a_question_that_be_opens_is_passive():
    # *why was my card declined* was *why was my card worsened*; *how was the war ended* would be *... ceased*
    declined = ("refused", "rejected", "passed up", "turned down")
    assert fitting_of("why was my card declined", "declined").forms == declined
    assert fitting_of("Was the transfer declined ?", "declined").forms == declined
    # before an adverb of time or in *-ly*: *why was my card declined yesterday* was *... worsened yesterday*
    assert fitting_of("why was my card declined yesterday", "declined").forms == declined
    assert fitting_of("i want my chase account closed immediately", "closed").tag == "VBN"
    assert fitting_of("how was the war ended", "ended").forms == ("terminated",)
    assert fitting_of("When was the tower built ?", "built").tag == "VBN"
    assert "worsened" in fitting_of("the reason was my card declined", "declined").forms  # no question
    assert fitting_of("What is the tallest building in Japan ?", "building").forms == ("edifice",)  # no participle

    # after a verb's object (*want*, *like*, *need*, *have*): *i would like the door shut* would be *the door close*
    assert fitting_of("i would like the door shut", "shut").tag == "VBN"
    assert fitting_of("i need to have my contract ended", "ended").forms == ("terminated",)


def test_a_verb_whose_past_is_its_base_form_is_past_or_a_participle_after_a_singular_noun():
    # *my card split in half* was *my card part in half*; *the fire spread to the roof* would be *the fire distribute*
    spread = fitting_of("let the landlord know that the fire spread to the roof", "spread")
    assert (spread.tag, spread.forms) == ("VBD", ("distributed",))
    assert fitting_of("the gate shut behind him", "shut").forms == ("closed",)
    assert fitting_of("What album put The Beatles on the cover ?", "put").forms == ("set", "placed", "laid")
    # the base form after a modal, *to* or a verb whose object it follows; a noun before *is*
    assert fitting_of("did the man shut the gate ?", "shut").tag == "VB"
    assert fitting_of("i want to watch the gate shut tonight", "shut").tag == "VB"
    assert fitting_of("i need the gate to shut at noon", "shut").tag == "VB"
    assert fitting_of("what cheese spread is best", "spread") is None


def test_a_word_before_a_predicate_adjective_or_after_a_verb_and_so_is_an_adverb():
    # *people working so hard* was *so difficult*, *keep you wide awake* *broad awake*, *even halfway scary* *midway*
    assert fitting_of("liberating to see people working so hard at leading lives", "hard") is None  # no adverb synonym
    assert fitting_of("we do n't need to try very hard .", "hard") is None
    assert fitting_of("it 'll keep you wide awake and ... very tense .", "wide") is None
    assert fitting_of("anything even halfway scary as they poorly rejigger", "halfway") is None
    # *just plain otherworldly* was *just evident otherworldly*
    plain = fitting_of("just plain otherworldly , a freaky bit of art", "plain")
    assert (plain.pos, plain.forms) == ("r", ("obviously", "evidently", "manifestly", "patently", "plainly"))
    # an adjective after a copula and *so*, before a noun, or before a verb's past
    assert fitting_of("this is so hard", "hard").forms == ("difficult",)
    assert fitting_of("the work seems too hard", "hard").forms == ("difficult",)
    assert fitting_of("big beautiful houses", "big").forms == ("large",)
    assert fitting_of("is traffic heavy on my route", "heavy") is None


def test_a_noun_that_wordnet_tags_five_times_as_often_prevails_over_an_adjectives_ending():
    # *such provocative material shows* was read as an adjective (*-al*), *What is Mississippi 's state animal* *carnal*
    assert fitting_of("with such provocative material shows why", "material").forms == ("stuff",)
    assert fitting_of("What is Mississippi 's state animal ?", "animal").forms == ("beast", "creature")
    assert wordforms.tag_after_determiner("material") == "NN"
    assert wordforms.tag_after_determiner("official") == "JJ"  # 12 against 26


def test_sst2s_possessive_written_apart_opens_a_noun_phrase_as_my_does():
    # *adam sandler 's new movie rapes , pillages* read *rapes* as a plural, *sandler 's latest attempt to* as a verb
    text = "the way adam sandler 's new movie rapes , pillages and incinerates frank capra 's classic ..."
    assert fitting_of(text, "rapes").forms == ("violates", "assaults", "outrages")
    attempt = fitting_of("the master of disguise represents adam sandler 's latest attempt to dumb down", "attempt")
    assert (attempt.pos, attempt.forms[:2]) == ("n", ("effort", "endeavor"))


def test_a_noun_compound_that_ends_in_a_preposition_before_an_object_is_a_verb_and_its_preposition():
    # *can you start talking to me* was *can you start speech me*
    assert hfaug.Synonym(p=1.0, seed=1)({"text": "start talking to me"})["text"] == "start out talking to me"
    assert fitting_of("he gave me a real talking to .", "talking").forms == ("speech",)  # the compound


def test_a_base_form_after_be_a_determiner_and_a_singular_noun_is_no_verb():
    # *is my credit report low* was *is my credit describe low*: the noun phrase is the subject of *is*
    assert fitting_of("is my credit report low", "report").pos == "n"
    assert fitting_of("where did all my money go this month", "go") is None  # not *cristal*
    assert fitting_of("scenes and an exciting plot make this a hit", "make") is None  # two subjects: not *brand*
    assert fitting_of("members of the band play well together", "play") is None  # the subject before: not *drama*
    assert fitting_of("let the music play loud", "play") is None
    # the object of *want* or *need*: *i need a pto request put in* was *i need a pto quest put in*
    assert fitting_of("i need a pto request put in for the weekend", "request").pos == "n"


def test_an_adjective_in_ing_after_an_adverb_is_read_as_after_the_word_before_the_adverb():
    # *a truly riveting movie*, *the film is incredibly boring* were *truly concentrating*, *incredibly drilling*
    riveting = fitting_of("a truly riveting movie .", "riveting")
    assert riveting.forms == ("absorbing", "engrossing", "fascinating", "gripping")
    assert fitting_of("an incredibly boring film", "boring").pos == "a"
    assert fitting_of("the film is incredibly boring .", "boring").pos == "a"
    assert fitting_of("he was slowly moving away", "moving").pos == "v"
    assert fitting_of("for those always seeking something new", "seeking").pos == "v"  # a pronoun: not *quest*


@pytest.mark.parametrize(
    ("text", "word", "pos"),
    [
        # an adjective where no object follows (were *traveling*, *obliging*, *drilling*, *going*, *casting down*)
        ("a deeply moving french drama", "moving", None),  # no adjective synonym
        ("an emotionally and spiritually compelling journey", "compelling", None),
        ("a gratingly irritating film", "irritating", "a"),
        ("the movie grows boring despite the scenery", "boring", "a"),
        ("intelligent and moving .", "moving", None),
        ("it is sordid , depressing and dull", "depressing", None),
        ("mindless and boring martial arts", "boring", "a"),
        # a verb (or no adjective): an object follows, no adjective before *and*, an adverb before verbs, an ordinal
        ("inexplicably wearing a hat", "wearing", "v"),
        ("unfunny and lacking any sense", "lacking", "v"),
        ("effecting change and inspiring hope", "inspiring", "v"),
        ("What country was Kim Philby really working for ?", "working", None),  # not *on the job*
        ("jaw-droppingly superficial , straining to get by on humor", "straining", None),  # an infinitive: not *arduous*
        ("how is the traffic normally driving into downtown", "driving", None),  # a preposition: not *impulsive*
        ("leaving on the 16th and returning on the 20th", "returning", None),  # not *reverting*
        (", annoying people are rude", "annoying", "v"),  # the first word: no word before (not the last, *rude*)
    ],
)
def test_a_word_in_ing_after_an_adverb_a_copula_or_a_joined_adjective_is_an_adjective(text, word, pos):
    fitting = fitting_of(text, word)
    assert (fitting and fitting.pos) == pos


def test_a_word_after_a_degree_word_gets_only_one_word_synonyms():
    # *how soon will you mail me a new card* was *how before long will you*
    assert fitting_of("how soon will you mail me a new card", "soon").forms == ("shortly", "presently")
    assert fitting_of("as soon as you can", "soon").forms == ("shortly", "presently")
    assert "in haste" not in fitting_of("the film feels so hastily assembled", "hastily").forms  # *so in haste*
    assert "before long" in fitting_of("it will be over soon", "soon").forms  # no degree word: any
    assert "smart as a whip" not in fitting_of("the film is so brilliant", "brilliant").forms  # an adjective only


def test_a_word_after_any_or_no_before_a_preposition_ends_a_noun_phrase():
    # *any meaning to life* was *any pregnant to life*
    assert fitting_of("is there any meaning to life", "meaning").pos == "n"
    assert fitting_of("those willing to endure", "willing") is None


def test_a_word_far_likelier_a_noun_after_a_determiner_before_no_noun_nor_adjective_is_the_head():
    # *life has no meaning* was *life has no significant*, *explain the meaning clearly* *the pregnant clearly*
    for text in ("life has no meaning", "what makes life have any meaning", "explain the meaning clearly"):
        assert fitting_of(text, "meaning").pos == "n", text
    assert fitting_of("a thinking man 's movie", "thinking").forms == ("intelligent",)  # before its noun


def test_the_word_after_need_or_want_opens_its_object_and_is_no_verb():
    # *i need help acquiring new insurance* was *i need assist acquiring*
    for text in ("i need help acquiring new insurance", "i want help adjusting my policy", "we needed help ."):
        found = fitting_of(text, "help")
        assert (found.pos, found.tag) == ("n", "NN") and "assistance" in found.forms
    assert fitting_of("i need to help my son", "help").pos == "v"  # after *to*
    assert fitting_of("can you help me", "help").pos == "v"


def test_a_word_after_an_adjective_is_no_verb():
    # *dramatic punch* was *dramatic plug*, *dumb laughs* *dumb expresses joy*
    assert fitting_of("lacks dramatic punch and depth .", "punch").forms[0] == "clout"
    # a noun, whose one synonym, *laughter*, has no plural in use: not the verb's *expresses joy*
    assert fitting_of("offers big , fat , dumb laughs that may make you hate yourself", "laughs") is None
    assert fitting_of("moments that are insightful enough to be remembered", "enough") is None  # a function word
    assert fitting_of("it becomes long and tedious like a classroom play", "like") is None


def test_a_verb_that_wordnet_lists_with_the_preposition_after_it_is_not_replaced_alone():
    # *relies on* was *trusts on*, *put in a pto request* *set in*, *believe in it* *think in it*
    assert fitting_of("harvard man is a wild ride that relies on its cast", "relies") is None
    assert fitting_of("how do i put in a pto request", "put") is None
    assert fitting_of("the film does n't really believe in it", "believe") is None
    assert fitting_of("he died in 1990", "died").forms[0] == "perished"  # *die in* is no verb of its own
    assert lexicon.load().prepositions["rely"] == {"on", "upon"}


def test_a_word_after_a_possessive_s_written_apart_is_read_as_after_a_determiner():
    # *scott 's convincing portrayal* was *scott 's converting portrayal*; *he 's* is *he is*
    assert fitting_of("it is scott 's convincing portrayal of roger", "convincing") is None  # no verb
    assert fitting_of("the movie 's captivating details", "captivating").forms[0] == "bewitching"
    assert fitting_of("nicholson 's understated performance is wonderful .", "understated").forms == ("unpretentious",)
    assert fitting_of("What country 's capital is Tirana ?", "capital") is None  # a noun, without synonyms
    assert fitting_of("he 's fighting crime", "fighting").pos == "v"


def test_a_verb_before_two_objects_is_left_alone():
    # *send me a new card* would be *direct me a new card*, *show us a good time* was *exhibit us a good time*
    assert fitting_of("how long does visa take to send me a new card", "send") is None
    assert fitting_of("the filmmakers want to show us a good time", "show") is None
    assert fitting_of("can you send them to me", "send").forms == ("direct",)  # one object
    assert fitting_of("can you send me home", "send") is None  # a noun after a person: not *direct me home*
    assert fitting_of("please show the way", "show").forms[0] == "exhibit"


def test_a_verb_before_a_pronoun_and_an_infinitive_is_left_alone():
    # *help me move my money* was *assist me move my money*, *aid me move my money*
    assert fitting_of("help me move my money", "help") is None
    assert fitting_of("can you help us find a hotel", "help") is None
    # *figure*, *plan*: more often nouns, but before a particle or an object verbs
    assert fitting_of("help me figure out where my phone is", "help") is None
    assert fitting_of("can you help us plan a trip", "help") is None
    # and an infinitive with *to*: *want you to enjoy* was *desire you to enjoy*
    assert fitting_of("they just want you to enjoy yourselves", "want") is None
    assert fitting_of("it encourages you to accept it", "encourages") is None
    assert fitting_of("help me with my money", "help").forms == ("assist", "aid")  # no verb after the pronoun


def test_next_instead_and_according_are_stop_words():
    # WordNet counts *next* mostly as *adjacent*: *my next paycheck* was *my adjacent paycheck*
    assert fitting_of("what date do i get my next paycheck", "next") is None
    assert fitting_of("next time out they might", "next") is None
    assert fitting_of("let's speak in mandarin instead of english", "instead") is None  # not *rather of*
    assert fitting_of("does life have a meaning, according to you", "according") is None  # not *harmonizing to*


def test_mean_is_replaced_only_after_a_determiner():
    # WordNet's verb senses: *what does the word abjure mean* was *... intend*
    assert fitting_of("what does the word abjure mean", "mean") is None
    assert fitting_of("tell me what ennui means", "means") is None
    assert fitting_of("what is the meaning of life", "meaning").forms[0] == "significance"


def test_let_is_never_replaced_nor_a_synonym():
    # *let* takes a bare infinitive: *let 's see* was *allow 's see*; *rent a new car* would be *let a new car*
    assert fitting_of("let 's see", "let") is None
    assert fitting_of("do n't let the subtitles fool you", "let") is None
    assert fitting_of("wiseman is patient , letting his camera observe", "letting") is None
    assert fitting_of("you can rent a new car", "rent").forms == ("lease",)
    assert "let" not in fitting_of("they allowed the film to run", "allowed").forms


def test_a_word_unknown_to_wordnet_and_lemminflect_after_a_determiner_opens_a_noun_phrase():
    # *a pto request for me*: read as a verb, *request* was *quest*
    assert fitting_of("how do i put in a pto request for me", "request").forms == ("petition",)
    assert fitting_of("take the money out of my paypal wallet now", "wallet").pos == "n"
    assert fitting_of("can you get a coin and toss it", "toss").pos == "v"  # *and* is no noun
    assert fitting_of("it 's a feel-bad ending for a story", "ending").pos == "n"  # hyphens: an adjective
    assert fitting_of("the film has the thrown-together look of a talent show", "look").pos == "n"


def test_a_one_letter_stem_makes_no_adjective_ending():
    # *live* ends in *-ive* and was read as an adjective (*gay men unrecorded in*)
    assert fitting_of("where do gay men live ?", "live").forms[:2] == ("populate", "dwell")
    assert fitting_of("it 's a lovely , sad dance", "dance") is None  # a noun's ending still counts (no verb)


def test_less_least_and_several_are_function_words():
    assert fitting_of("lurid and less than lucid work", "less") is None  # not *to a lesser extent*
    assert fitting_of("several scenes run too long", "several") is None  # not *respective scenes*
    assert fitting_of("despite several attempts at dialogue", "attempts").pos == "n"  # a determiner: not *tries*


def test_a_word_wordnet_knows_mostly_as_a_name_is_left_alone_where_it_is_capitalised_or_the_text_has_no_capitals():
    def replaced(text):
        analysis = TextAnalysis(text, (), frozenset(ENGLISH))
        return [analysis.pieces[2 * index + 1] for index in analysis.found.indices]

    assert "ai" not in replaced("ask the ai to find my phone")  # not *three-toed sloth*
    assert "lee" not in replaced("spike lee 's best film")  # not *lee side*
    assert "Amazon" not in replaced("Amazon sent my order late")  # not *Virago*
    assert replaced("How many calories are in a burger ?")[-1] == "burger"  # with capitals: *hamburger*
    assert "burger" not in replaced("how many calories are in a burger")
    # common given names: *john carpenter 's original* was *toilet carpenter 's*, *harry shearer* *harass*
    assert not {"john", "harry"} & set(replaced("as john carpenter 's original , harry shearer is"))
    assert replaced("Where is the john ?") == ["john"]  # in lower case in a text with capitals: *toilet*


def test_a_word_after_a_preposition_is_no_finite_verb():
    # *with laughs to spare* was *with expresses joy to spare*
    assert fitting_of("a character study with laughs to spare", "laughs") is None  # the noun, which has none
    assert fitting_of("the fear of change", "change").pos == "n"  # not *alter*
    assert fitting_of("the gift of tears", "tears").forms[0] == "teardrops"  # not *ruptures*
    assert fitting_of("it succeeds in showing this character", "showing").tag == "VBG"  # a gerund stays
    assert fitting_of("a vat of failed jokes", "failed").tag == "VBN"  # a participle, not a past
    assert fitting_of("What kind of animal is Babar ?", "animal").pos == "n"  # before *is*: a noun


def test_the_last_word_of_a_noun_phrase_after_does_or_did_is_the_verb_of_a_question():
    # *does a human live*: *human* read as an adjective made *live* one (*unrecorded*)
    assert fitting_of("How long does a human live ?", "live").forms[:2] == ("populate", "dwell")
    assert fitting_of("Why did the chicken cross the road ?", "cross").pos == "v"
    assert fitting_of("What year did the first issue of Playboy come out ?", "issue") is None  # a noun


def test_a_word_before_the_head_of_a_noun_phrase_is_an_adjective_if_tagged_one_half_as_often_as_a_noun():
    # *my current insurance* became *my electric current insurance* (a noun: 18 tags, an adjective: 17)
    assert fitting_of("how do i change my current insurance to a new plan", "current") is None
    assert fitting_of("a lame comedy .", "lame").forms[0] == "feeble"  # not *square*
    # a noun (5 against 92), whose one synonym, *min*, is a shortening: not the adjective's *infinitesimal*
    assert fitting_of("please give me a 4 minute warning", "minute") is None


def test_an_adverb_between_a_modal_subject_or_auxiliary_and_its_verb_is_looked_past():
    # *could only spring from* was *could only springtime from*, *can only dream of* *can only dreaming of*
    assert fitting_of("a comedy that could only spring from the mind of the writer", "spring").pos == "v"
    assert fitting_of("the storytelling that george lucas can only dream of .", "dream").forms == ("daydream",)
    assert fitting_of("the humour here is unusually dry .", "dry") is None  # after *is*: no bare verb (*dry out*)
    assert fitting_of("i just started this new job", "started").forms[0] == "began"  # a finite verb after *i*
    assert fitting_of("the film always tries to please", "tries").pos == "v"  # after a noun: as before


def test_a_word_whose_usual_sense_has_no_synonym_needs_half_its_uses_covered():
    # *flight*: *escape*, *flying* (its usual sense, a formation of aircraft, has none); *bank*: *banking concern*
    assert fitting_of("is my delta flight on time", "flight") is None
    assert fitting_of("what is my bank balance", "bank") is None
    assert fitting_of("transfer $5 from savings to checking", "transfer") is None
    assert fitting_of("a spectacle full of flatulence jokes", "full") is None
    assert fitting_of("how do i change my car oil", "change").forms == ("alter",)  # its usual sense has it


def test_a_number_after_a_determiner_modifies_the_noun_after_it():
    # *a 10% discount*, *the 3D print failed* were *a 10% brush aside*, *the 3D publish failed*
    assert fitting_of("i want a 10% discount on my order", "discount").pos == "n"
    assert fitting_of("the 3D print failed", "print") is None  # a noun, which has no synonym here
    assert fitting_of("a $5 discount", "discount").pos == "n"
    assert fitting_of("my ps4 broke yesterday", "broke") is None  # a name with digits is no number
    assert fitting_of("it arrived on March 3rd , 2024", "3rd") is None  # nor replaced: it was *tertiary*


def test_a_noun_before_a_word_that_can_only_be_a_noun_or_a_name_modifies_it_and_is_left_alone():
    # *a fun fact*, *travel warnings*, *computer animation* were *a merriment fact*, *traveling
    # warnings*, *computing machine animation*: a modifier keeps a sense of its own in the pair
    assert fitting_of("tell me a fun fact about elephants", "fun") is None
    assert fitting_of("are there any travel warnings for london", "travel") is None
    assert fitting_of("some of the computer animation is handsome", "computer") is None
    assert fitting_of("a weak ghost story without a conclusion", "story").forms[0] == "narrative"  # the head
    assert fitting_of("the film rests on its cast", "film").pos == "n"  # *rests* can be a verb
    assert fitting_of("what is the movie about", "movie").pos == "n"  # *about*: a stop word
    # a word unknown to WordNet and lemminflect is most likely a name or a noun: *admirers of director abel
    # ferrara*, *the alaska standard timezone* were *manager abel ferrara*, *the alaska measure timezone*
    assert fitting_of("admirers of director abel ferrara", "director") is None
    assert fitting_of("what time is it in the alaska standard timezone", "standard") is None
    assert fitting_of("admirers of the director will be relieved", "director").forms == ("manager",)
    # a noun before a WordNet compound noun: *my chime bank account* was *my bell bank account*
    assert fitting_of("is there money in my chime bank account", "chime") is None
    assert fitting_of("use my park credit card", "park") is None
    # but not before a verb's or an adverb's compound: *my car turned off*, *the highest mountain on earth*
    assert fitting_of("why has my car turned off", "car").pos == "n"
    assert fitting_of("the highest mountain on earth", "mountain").forms == ("mount",)


def test_a_verb_before_an_object_gets_no_synonym_whose_sense_needs_a_person_and_an_infinitive():
    # *order a new card* was *tell a new card*: *order*, *tell* and *say* share only *order somebody to*
    assert fitting_of("if i order a new card how long would it take", "order") is None
    assert fitting_of("you try to guess the order in which they leave", "guess") is None


def test_a_compound_that_holds_a_number_is_left_whole():
    # *for 15 minutes* was *for quarter-hours*, *30 minutes late* *half-hours late*, *wait twenty-four hours*
    # *wait days*: the synonym of a number and its unit drops the number
    for text, word in [
        ("set a timer for 15 minutes", "15"),
        ("set a timer for 15 minutes", "minutes"),
        ("tell him i will be 30 minutes late", "minutes"),
        ("set a timer for 60 minutes", "60"),
        ("wait twenty-four hours", "twenty-four"),
        ("wait twenty-four hours", "hours"),
        ("i will be back in two weeks", "weeks"),
    ]:
        assert fitting_of(text, word) is None, text
    assert hfaug.Synonym(p=1.0, seed=0)({"text": "set a timer for 15 minutes"})["text"].endswith(" for 15 minutes")
    assert fitting_of("we watched 15 films", "films") is not None  # no compound


def test_a_verb_before_you_them_or_her_gets_only_synonyms_that_take_a_person():
    # *tell them hi* was *state them hi*, *tell her* *say her*: *you*, *them* and *her* may be persons
    for text in ["text sal and tell them hi", "can you tell her i am late", "i tell you , it works"]:
        assert fitting_of(text, "tell") is None, text
    assert fitting_of("who created you", "created") is None  # *create*: no sense that takes a person
    assert fitting_of("can you help them", "help").forms == ("assist", "aid")


def test_a_verb_before_a_pronoun_and_a_wh_word_or_an_adjective_is_left_alone():
    # *show me how to* was *exhibit me how to*, *show me recent transactions* *demonstrate me recent transactions*,
    # *send me more checkbooks* *direct me more checkbooks*, *show me 5-star dining establishments* *exhibit me 5-star
    # ...*: a second object follows the pronoun
    for text, verb in [
        ("show me how to change my oil", "show"),
        ("show me what i bought yesterday", "show"),
        ("show me recent transactions", "show"),
        ("show me 5-star dining establishments", "show"),  # a number opens it, as an adjective does
        ("show me 3 restaurants nearby", "show"),
        ("can you send me more checkbooks", "send"),
        ("ask him if he is coming", "ask"),
    ]:
        assert fitting_of(text, verb) is None, text
    assert fitting_of("show me the way", "show") is None  # a determiner, as before
    assert fitting_of("i can help you over there", "help").forms == ("assist", "aid")  # a particle
    assert fitting_of("please call me mary", "call").forms == ("name",)  # a name: what the person is called


def test_call_and_name_are_replaced_by_each_other_only_where_they_give_a_name():
    # *call robby* was *name robby*, *Name a country* *Call a country*: telephone, identify
    for text, word in [("i want to call robby", "call"), ("Name a civil war battlefield .", "Name"),
                       ("can you name the song on the speakers", "name"), ("i will be calling hr", "calling")]:
        assert fitting_of(text, word) is None, text
    for text, word in [("please call me tomorrow", "call"), ("call me at 5", "call"), ("i need to call", "call")]:
        assert fitting_of(text, word) is None, text  # no name after the person, or none at all
    assert fitting_of("i want you to call me pam", "call").forms == ("name",)
    assert fitting_of("What do you call a group of geese ?", "call").forms == ("name",)  # asked for
    assert fitting_of("what's should i call you by", "call").forms == ("name",)
    assert hfaug.Synonym(p=1.0, seed=0)({"text": "he calls me mary"})["text"] == "he names me mary"  # mary: a name
    assert fitting_of("What is a 2-sided object called ?", "called").forms == ("named",)
    assert fitting_of("a pugilist named Cauliflower McPugg", "named").forms == ("called",)
    assert fitting_of("call off the meeting", "call").forms[0] == "cancel"  # a compound


def test_roman_numerals_and_abbreviations_with_points_are_left_alone():
    # *blade ii* was *blade two*, *charles stone iii* *charles stone 3*, *What does e.g. stand for ?*
    # *What does for example stand for ?*
    for text, word in [
        ("... blade ii is still top-heavy", "ii"),
        ("director charles stone iii applies more detail", "iii"),
        ("the godfather part iv", "iv"),
        ("What does e.g. stand for ?", "e.g."),
        ("it was o.k. , i guess", "o.k."),
    ]:
        assert fitting_of(text, word) is None, text


def test_an_ordinal_written_in_digits_is_no_synonym():
    # *the second man to walk on the moon* was *the 2d man*
    assert fitting_of("Who was the second man to walk on the moon ?", "second") is None
    assert replacements("fourth") is None  # only *4th*
    assert not wordform_synonyms._DIGIT_ORDINAL_RE.fullmatch("1990s")  # a decade in digits is no ordinal


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("the xl hoodie fits great", "xl"),
        ("can i exchange the xl for a medium", "xl"),
        ("we ate at il buco and loved it", "il"),
        ("we ate at xc buco and loved it", "xc"),
        ("we ate at lv buco and loved it", "lv"),
        ("we ate at ci buco and loved it", "ci"),
    ],
)
def test_roman_numerals_of_any_value_are_left_alone(text, word):
    # WordNet lists the number for each: *the xl hoodie* was *the 40 hoodie*, *il buco* *49 buco*
    assert fitting_of(text, word) is None


def test_a_number_is_no_synonym_of_a_word_that_holds_none():
    # *ace* was *one* or *1*, *club* *nine*, *trio* *three*, *tenner* *ten*
    assert fitting_of("she served an ace", "ace").forms == ("single", "unity")
    assert fitting_of("we joined the club", "club").forms == ("society", "guild")
    assert "three" not in fitting_of("the trio played", "trio").forms
    assert replacements("tenner") is None  # its only synonyms are numbers
    assert compound_replacements("ball club").forms == ("club",)


def test_number_words_keep_their_numbers_and_numeral_like_words_their_synonyms():
    assert replacements("forty").forms == ("40",)
    assert compound_replacements("baker's dozen").forms == ("thirteen",)
    assert replacements("mix", "subject").forms[0] == "blend"  # also a Roman numeral's letters
    assert replacements("cm").forms == ("centimeter",)  # not also "centimetre": one spelling
