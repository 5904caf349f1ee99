"""The sources folder: the only code that knows its layout, reads its YAML and texts, anchors
quotes, validates annotations into an :class:`~argmap.model.ArgMap`, and writes new sources,
drafts and accepted items back. See docs/annotation-format.md.
"""
