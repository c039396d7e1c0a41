"""Vectorizing: the stemming tokenizer, the TF-IDF pipeline and stems shown as words."""
from __future__ import annotations

import numpy as np
from nltk.stem import SnowballStemmer

import analysis as an
from analysis.vectorize import StemTokenizer, stem, surface_forms


def test_tokenizer_lowercases_drops_stopwords_and_numbers_and_stems():
    assert StemTokenizer()("The Healing of 2 Brains isn't FAST-acting") == ["heal", "brain", "isn't", "fast-act"]


def test_cached_stems_are_the_snowball_stems():
    tokenizer = StemTokenizer()
    words = ["patients", "reported", "healing", "therapies", "integrating", "memories"]
    expected = [SnowballStemmer("english").stem(w) for w in words]
    assert tokenizer(" ".join(words)) == expected and tokenizer(" ".join(words).title()) == expected


def test_vectorizer_is_pipeline_with_bigrams_and_unit_rows():
    vec = an.make_vectorizer()
    X = vec.fit_transform(["Ketamine heals trauma quickly", "Ketamine healing works"])
    names = list(vec.get_feature_names_out())
    assert "heal trauma" in names and "ketamin" in names and "the" not in names
    assert np.allclose(np.sqrt(X.multiply(X).sum(axis=1)).A1, 1.0)


def test_surface_forms_pick_the_most_frequent_word_form_of_each_stem():
    assert stem("healing") == "heal"
    forms = surface_forms(["Healing heals; healing helps the clinic's patients", "The clinic heals"])
    # heal: healing ×2 vs heals ×2 -> alphabetical; clinic: clinic's (possessive cut) ×1 vs clinic ×1
    assert forms == {"heal": "healing", "help": "helps", "clinic": "clinic", "patient": "patients"}
    assert "the" not in surface_forms(["the the the"])
