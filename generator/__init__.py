"""Annotated archive: turns compilations of news reports into a citable static site."""

__version__ = "0.1.0"
