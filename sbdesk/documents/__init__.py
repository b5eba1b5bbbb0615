"""Renderer-free descriptions of every printed document (Qt-free, reportlab-free).

``model`` the vocabulary (parts, blocks, tables, typed cells); ``wording`` the
shared wording (indicator label, strategy title, project label, follow-ups);
``results_tables`` one function per official table of the results report;
``card`` the project card; ``front_matter`` cover, 제출문, 심의결과서, 목차;
``results_report`` the whole report, one module per section; ``writer`` the
helper that appends blocks. Renderers: ``export/pdf/render.py`` (reportlab),
``export/hwpx/`` (python-hwpx), ``export/xlsx/results_tables.py`` (openpyxl).
"""
