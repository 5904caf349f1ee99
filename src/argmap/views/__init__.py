"""Views of a built map: the crux map, reports."""
