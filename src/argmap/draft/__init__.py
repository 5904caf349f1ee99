"""Machine drafting of claims and relations from a source text (spaCy rules, no training)."""
