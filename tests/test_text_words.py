"""Words with spans, layout-keeping edits, protected terms and stop words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata

import numpy as np
import pytest

import hfaug
from hfaug.augmenter import check_count
from hfaug.augmenter.arguments import check_probability

from hfaug.text.words import (
    WORD_RE,
    articles,
    case_of,
    check_stopwords,
    check_terms,
    find_words,
    fit_articles,
    is_negation,
    join_contractions,
    protected_groups,
    protected_spans,
    splice,
    split_words,
    starts_sentence,
    stopword_set,
    with_case,
)


@pytest.mark.parametrize("hash_seed", ["0", "1", "6"])
def test_a_protected_term_that_begins_another_never_splits_it_whatever_the_hash_seed(hash_seed):
    # the longer term is tried first; taken in a set's order, "good" went before "good film" under some hash seeds
    script = (
        "from hfaug.text.words import find_words, protected_groups; text = 'a good film indeed'; "
        "print(protected_groups(text, find_words(text), ('good', 'good film')))"
    )
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    result = subprocess.run([sys.executable, "-c", script], env=environment, capture_output=True, text=True, check=True)
    assert result.stdout == "[-1, 0, 0, -1]\n"


def test_words_keep_inner_apostrophes_and_hyphens():
    assert [word for _, _, word in find_words("It's a re-imagining, isn't it? wo n't 1930s")] == [
        "It's", "a", "re-imagining", "isn't", "it", "wo", "n't", "1930s",
    ]  # fmt: skip


def test_penn_treebank_brackets_hold_no_words():
    # EDA moved and deleted SST-2's *lrb*: *-lrb- film -rrb- movie* became *-movie- film -rrb- lrb*
    text = "-lrb- film -rrb- , a -LSB- sic -RSB- pre-lrb- x"
    assert [word for _, _, word in find_words(text)] == ["film", "a", "sic", "pre-lrb", "x"]
    assert "".join(split_words(text)) == text


def test_urls_and_email_addresses_hold_no_words():
    text = "Mail john.smith@films.com, see https://example.com/new-films?id=3 or WWW.Movies.org today"
    assert [word for _, _, word in find_words(text)] == ["Mail", "see", "or", "today"]
    assert split_words(text)[1::2] == ["Mail", "see", "or", "today"]
    assert "".join(split_words(text)) == text


def test_bare_domains_hashtags_and_handles_hold_no_words():
    # *How do I contact answers.com ?* was *... contact replies.com ?*
    text = "How do I contact answers.com or bbc.co.uk/news ? #blessed @support thanks"
    assert [word for _, _, word in find_words(text)] == ["How", "do", "I", "contact", "or", "thanks"]
    assert "".join(split_words(text)) == text
    assert [word for _, _, word in find_words("the end.It was C# and e.g. U.S. films")] == [
        "the", "end", "It", "was", "C", "and", "e.g.", "U.S.", "films",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("see bit.ly/3xYzAb or amazon.de/returns and example.ai now", ["see", "or", "and", "now"]),
        ("Tom &amp; Jerry <b>free shipping</b><br/> now", ["Tom", "Jerry", "free", "shipping", "now"]),
        ("run `pip install requests` then [the help page](/help/billing) or ~/docs/notes.txt", ["run", "then", "the", "help", "page", "or"]),
        ("SST-2's `` quoted words '' stay words", ["SST-2's", "quoted", "words", "stay", "words"]),
        ("pay $12.99 or 12,50€ , 10% off on 12/03/2024", ["pay", "$12.99", "or", "12,50€", "10%", "off", "on", "12/03/2024"]),
        ("and/or 24/7 km/h", ["and", "or", "24/7", "km", "h"]),
        ("caf&eacute; <td nowrap>cell</td> `max_len` , `--force` and my.blog/post", ["caf", "cell", "and"]),
        ("10％ off ٥٠٪ , ＄5", ["10％", "off", "٥٠٪", "＄5"]),
        ("1. Open the app\n  2) Tap it\n10. Done", ["Open", "the", "app", "Tap", "it", "Done"]),
        ("Run:\n```sh\ncannot open file\n```\nthen ~~~\n~~~\nrest of it", ["Run", "then"]),
        ("x\n```\ncode\n````\nafter it\n~~~ so happy ~~~", ["x", "after", "it", "so", "happy"]),  # closed by a longer fence
        ("x\n```\ncode\n```~~~\nstill code", ["x"]),  # a fence of mixed characters closes none
        ("~~~ so happy today ~~~", ["so", "happy", "today"]),  # no fence: one line (it froze every word)
        ("```print(1)``` prints\nmore", ["print", "1", "prints", "more"]),  # inline code: a backtick in its first line
        # what only looks like them stays words
        ("if a<b and c>d , <<back>> , R&B; , a /very/ good movie.Good/bad , he said `brilliant`\n3.5 stars in 2019. Then\n5 ``",
         ["if", "a", "b", "and", "c", "d", "back", "R", "B", "a", "very", "good", "movie", "Good", "bad", "he", "said", "brilliant",
          "3.5", "stars", "in", "2019", "Then", "5"]),
    ],
    ids=[
        "domains", "html", "code-links-paths", "ptb-quotes", "prices-dates", "slashes", "more-markup", "full-width",
        "list-markers", "code-blocks", "longer-closing-fence", "mixed-closing-fence", "one-line-tildes", "inline-triple-backticks",
        "look-alikes",
    ],  # fmt: skip
)
def test_markup_links_paths_and_prices_are_kept_whole(text, words):
    # their parts were words: *bit.ly/error and got a 3xYzAb*, *&my; amp*, *`pip put in calls for`*, *$my ... 500*
    assert [word for _, _, word in find_words(text)] == words
    assert "".join(split_words(text)) == text


@pytest.mark.parametrize("run", ["-", "a0", "ab-", "a.", "+a", "a_", ".-"], ids=repr)
def test_a_long_run_of_one_kind_beside_a_link_is_read_in_one_pass(run):
    # each start in the run was tried to its end: a line of 10,000 hyphens took seconds, of 100,000 minutes
    line = run * (100_000 // len(run))
    text = f"mail jane@example.com , see `a b`\n{line}\nthanks"
    words = [word for _, _, word in find_words(text)]
    assert (words[:2], words[-1]) == (["mail", "see"], "thanks")
    assert "".join(split_words(text)) == text


def test_words_of_any_script_are_found_and_emoji_are_not():
    assert [word for _, _, word in find_words("東京 😀 שלום مرحبا")] == ["東京", "שלום", "مرحبا"]


def test_combining_marks_are_part_of_their_words():
    # Hindi's vowel signs, Thai's vowels and accents written apart were cut out: *फिल्म* was *फ*, *ल*, *म*
    decomposed = unicodedata.normalize("NFD", "le café très bon")
    for text in ("मुझे यह फिल्म बहुत पसंद है", "ฉัน ชอบ หนัง", decomposed):
        assert [word for _, _, word in find_words(text)] == text.split()
        assert split_words(text)[1::2] == text.split()


@pytest.mark.parametrize(
    ("word", "case"),
    [("film", "lower"), ("Film", "title"), ("FILM", "upper"), ("I", "title"), ("iPhone", None), ("McDonald", None)],
)
def test_case_of_words(word, case):
    assert case_of(word) == case


def test_with_case_writes_multi_word_synonyms():
    assert with_case("motion picture", "title") == "Motion picture"
    assert with_case("motion picture", "upper") == "MOTION PICTURE"


def test_split_words_alternates_gaps_and_words_and_joins_back():
    text = "  It's a re-imagining -- of 1930s horror, isn't it?\n"
    pieces = split_words(text)
    assert pieces[1::2] == WORD_RE.findall(text)
    assert pieces[::2] == ["  ", " ", " ", " -- ", " ", " ", ", ", " ", "?\n"]
    assert "".join(pieces) == text
    assert split_words("...") == ["..."]


def test_sentence_starts():
    pieces = split_words(' Great film. "Really great" (Sure) and Russia')
    starts = {pieces[2 * index + 1]: starts_sentence(pieces, index) for index in range(len(pieces) // 2)}
    assert starts == {
        "Great": True,
        "film": False,
        "Really": True,
        "great": False,
        "Sure": True,
        "and": False,
        "Russia": False,
    }


@pytest.mark.parametrize(
    ("source", "text", "expected", "changes"),
    [
        ("an old film about a man", "an film about a old man", "a film about an old man",
         [["an", "a", "film"], ["a", "an", "old"]]),
        ("an small slice", "an small slice of cake", "an small slice of cake", []),  # as in the source
        ("A great film .", "A outstanding film . An good one", "An outstanding film . A good one",
         [["A", "An", "outstanding"], ["An", "A", "good"]]),
        ("AN OLD FILM", "AN FILM", "A FILM", [["AN", "A", "FILM"]]),
        ("Plan A works", "Plan A always works", "Plan A always works", []),  # a letter, not an article
        ("a , old", "a old , film", "an old , film", [["a", "an", "old"]]),  # across whitespace only
        ("an old film", "an , old film", "an , old film", []),
        ("a big 8-year-old dog", "a 8-year-old dog", "an 8-year-old dog", [["a", "an", "8-year-old"]]),  # *eight*
        ("an unusual FBI agent", "an FBI agent", "an FBI agent", []),  # an acronym, read letter by letter
        ("a really HUGE fan", "a HUGE fan", "a HUGE fan", []),  # or a word in capitals: left as it is
        ("a cat and a dog", "a cat a and dog", "a cat a and dog", []),  # moved before a word no article precedes
        ("an owl and a cat", "an owl an the cat", "an owl an the cat", []),
    ],
)
def test_articles_are_fitted_to_a_new_next_word(source, text, expected, changes):
    assert fit_articles(text, split_words(source)) == (expected, changes)


@pytest.mark.parametrize(
    "text",
    ["AN banana split", "a_apple", "x-a apple", "a $8 fee", "Plan A is an idea", "an", "an 8 pack", "a a apple",
     "see www.a.com an hour", "#a apple", "a-ok an idea", "A apple a day", "an A+ grade", "a. apple", "an\tegg"],
)
def test_the_quick_look_at_articles_agrees_with_fitting_each_word(text, monkeypatch):
    # a copy whose articles all fit the next word is not cut into words again: it must be left as the full path leaves it
    fitted = fit_articles(text, split_words("source"))
    monkeypatch.setattr(articles, "_may_misfit", lambda _: True)
    assert fit_articles(text, split_words("source")) == fitted


def test_protected_articles_are_not_fitted():
    assert fit_articles("vitamin a old", split_words("vitamin a works"), ("vitamin a",)) == ("vitamin a old", [])
    assert fit_articles("vitamin a old", split_words("vitamin a works")) == ("vitamin an old", [["a", "an", "old"]])


def test_initials_and_abbreviations_do_not_end_a_sentence():
    pieces = split_words("W.C. Fields met Mr. Bean in D.C. on St. Mark day . Films bored him!Then No. Really")
    starts = [pieces[2 * index + 1] for index in range(len(pieces) // 2) if starts_sentence(pieces, index)]
    assert starts == ["W.C.", "Films"]
    pieces = split_words("So do I. Then J. Doe came")  # the pronoun *I* is no initial
    assert [pieces[2 * index + 1] for index in range(len(pieces) // 2) if starts_sentence(pieces, index)] == ["So", "Then"]


def test_contractions_written_apart_are_joined_to_the_word_before():
    text = "'s it 's I 'M sure they don't , wo n't they ' s ?"
    assert [word for _, _, word in join_contractions(text, find_words(text))] == [
        "s", "it 's", "I 'M", "sure", "they", "don't", "wo n't", "they", "s",
    ]  # fmt: skip


def test_a_negation_with_a_curly_apostrophe_is_a_negation():
    assert [is_negation(unit) for unit in ("isn’t", "Don’t", "wo n’t", "n’t")] == [True] * 4


def test_splice_keeps_insertions_at_one_place_in_order():
    assert splice("a b", [(1, 1, " x"), (3, 3, "!"), (1, 1, " y"), (0, 1, "A")]) == "A x y b!"


def test_protected_phrases_match_case_insensitively_across_whitespace_and_as_whole_words():
    text = "The ARTIST showed art at the New\n York museum; new york loves art."
    groups = protected_groups(text, find_words(text), ("new york", "art"))
    protected = [word for (_, _, word), group in zip(find_words(text), groups) if group >= 0]
    assert protected == ["art", "New", "York", "new", "york", "art"]


def test_overlapping_protected_phrases_protect_every_word_of_both():
    text = "It was a good film story about love ."
    assert protected_spans(text, ("good film", "film story")) == [(9, 24)]
    groups = protected_groups(text, find_words(text), ("good film", "film story", "love"))
    assert groups == [-1, -1, -1, 0, 0, 0, -1, 1]


def test_no_protected_occurrence_gives_none():
    text = "nothing to see"
    assert protected_groups(text, find_words(text), ("new york",)) is None
    assert protected_groups(text, find_words(text), ()) is None


def test_stop_words_by_name_list_or_none():
    assert "the" in stopword_set(check_stopwords("test", "english"))
    assert stopword_set(check_stopwords("test", ["Film", "movie"])) == {"film", "movie"}
    assert stopword_set(check_stopwords("test", None)) == frozenset()
    with pytest.raises(ValueError, match=r"test: unknown stop word list 'french'; pass one of \['english'\]"):
        check_stopwords("test", "french")
    with pytest.raises(TypeError, match=r"^test: stopwords must be the name of a built-in list \(english\), a list of words, or None; got 5$"):
        check_stopwords("test", 5)


SCREEN_WORDS = ["film", "movie", "story", "plot", "actor", "scene", "cast", "score"]


def test_protected_terms_and_stop_words_given_as_a_set_are_kept_sorted():
    # a set iterates in an order PYTHONHASHSEED changes: the config, and so the cache, must not
    assert check_terms("test", set(SCREEN_WORDS)) == tuple(sorted(SCREEN_WORDS))
    assert check_stopwords("test", frozenset(SCREEN_WORDS)) == tuple(sorted(SCREEN_WORDS))
    assert hfaug.Synonym(protected=set(SCREEN_WORDS)).config() == hfaug.Synonym(protected=sorted(SCREEN_WORDS)).config()


def test_protected_terms_and_stop_words_given_as_a_list_keep_its_order():
    assert check_terms("test", SCREEN_WORDS) == tuple(SCREEN_WORDS)
    assert check_stopwords("test", SCREEN_WORDS) == tuple(SCREEN_WORDS)


@pytest.mark.parametrize("terms", [None, 5])
def test_protected_must_be_a_list_of_words(terms):
    with pytest.raises(TypeError) as caught:
        check_terms("test", terms)
    assert str(caught.value) == (
        f"test: protected must be a list of words or phrases, e.g. protected=['New York'] ([] for none); got {terms!r}"
    )


def test_numpy_numbers_are_taken_as_plain_numbers():
    assert check_probability("test", "p", np.float64(0.25)) == 0.25
    assert type(check_count("test", "max_words", np.int64(3))) is int
    aug = hfaug.Synonym(p=np.float32(0.5), n=np.int64(2))
    assert json.loads(json.dumps(aug.config())) == aug.config()


def test_abbreviations_and_numbers_with_inner_points_are_one_word():
    text = "it was o.k. , the U.S. one costs $3.50 (1,000 yen) at 10:30 , says a Ph.D. in St.Louis . end.It"
    assert [word for _, _, word in find_words(text)] == [
        "it", "was", "o.k.", "the", "U.S.", "one", "costs", "$3.50", "1,000", "yen", "at", "10:30",
        "says", "a", "Ph.D.", "in", "St", "Louis", "end", "It",
    ]  # fmt: skip
    assert "".join(split_words(text)) == text


def test_word_augmenters_keep_abbreviations_and_numbers_whole():
    text = "it was o.k. but the U.S. version costs 3.50 dollars more"
    for seed in range(20):
        swapped = hfaug.RandomSwap(alpha=0.5, seed=seed)({"text": text})["text"]
        assert sorted(swapped.split()) == sorted(text.split())
        shortened = hfaug.RandomDeletion(p=0.3, seed=seed)({"text": text})["text"]
        assert set(shortened.split()) <= set(text.split())


def test_a_possessive_apostrophe_opens_no_quote():
    # TREC's *the Hundred Years ' War*: *War* was read as the start of a quote, so not as a name
    pieces = split_words("the Hundred Years ' War and the Pilgrims' Progress , he said ' Hello '")
    starts = [pieces[2 * index + 1] for index in range(len(pieces) // 2) if starts_sentence(pieces, index)]
    assert starts == ["the", "Hello"]
