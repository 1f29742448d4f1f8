"""Résumé Studio's headless core: the résumé model, its files and the export formats.

This package never imports Qt, so scripts and servers can use it on their own.
"""

__version__ = "0.1.0"
