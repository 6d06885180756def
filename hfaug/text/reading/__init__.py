"""Reading the grammar of a text's words where they stand, for the synonyms that fit them: shared word classes
(:mod:`.word_classes`), the words next to a word (:mod:`.neighbours`), the noun phrase around it
(:mod:`.noun_phrases`), the phrase of a verb (:mod:`.verb_phrases`), the ``CONTEXTS`` class that says most about a
word (:mod:`.context`), and words that their neighbours fix: dates, names, idioms (:mod:`.fixed_words`).
"""
