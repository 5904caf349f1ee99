"""The map as RDF: its triples (:mod:`.triples`), their Turtle/N-Triples text (:mod:`.turtle`),
the crux analysis's triples (:mod:`.assessment`), the vocabulary (:mod:`.vocab`), SHACL shapes.
"""
