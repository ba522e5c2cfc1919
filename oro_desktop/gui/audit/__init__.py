"""Widgets of the Granskningslogg section that are not a section themselves."""
