"""Excel workbooks (openpyxl): the results tables, the department card workbooks and the 첨부 2 budget list."""
