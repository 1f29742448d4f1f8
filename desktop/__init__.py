"""Résumé Studio's desktop editor (PySide6). The only package that imports Qt."""
