"""Helpers every app needs once, at the bottom of the dependency graph (it
imports no app): supresion (disclosure control), estadistica (95 % intervals),
pdf (WeasyPrint without network), graficos (SVG charts), exportacion (CSV/XLSX
with the formula guard) and ajustes (per-app settings defaults)."""
