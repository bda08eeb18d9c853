"""Widgets of the casefile TUI, one per module."""
