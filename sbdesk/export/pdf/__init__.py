"""PDF documents (reportlab): the results report, review sheet, monitoring pack, cards and the basic-plan table."""
