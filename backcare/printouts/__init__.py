"""Printable worksheets on the web: /routines/<slug>/worksheet.pdf (see backcare.worksheets)."""
