"""Readers and writers for external argument formats."""
