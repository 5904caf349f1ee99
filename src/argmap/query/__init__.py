"""SPARQL over a built map: in memory (:mod:`.local`), from an on-disk store (:mod:`.disk`), at a
remote endpoint (:mod:`.remote`); the shipped queries (:mod:`.named`) and result rendering
(:mod:`.results`).
"""
