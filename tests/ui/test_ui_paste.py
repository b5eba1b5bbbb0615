"""Reading blocks of cells copied from Excel and HWP tables."""

from sbdesk.ui.widgets.paste import parse_cells


def test_excel_block_with_trailing_newline():
    assert parse_cells("a\tb\r\nc\td\r\n") == [["a", "b"], ["c", "d"]]


def test_excel_quoted_cell_keeps_its_newlines_and_quotes():
    text = 'name\t"line 1\nline 2"\t"say ""hi"""\nx\ty\tz\n'
    assert parse_cells(text) == [["name", "line 1\nline 2", 'say "hi"'], ["x", "y", "z"]]


def test_hwp_block_without_quotes_and_blank_rows_dropped():
    assert parse_cells("서비스 지원 건수\t3,810 (건)\n\n\t\n만족도\t81 (%)") == [
        ["서비스 지원 건수", "3,810 (건)"],
        ["만족도", "81 (%)"],
    ]


def test_a_quote_inside_a_cell_is_text():
    assert parse_cells('5" 모니터\t2\n') == [['5" 모니터', "2"]]


def test_empty_cells_keep_their_columns():
    assert parse_cells("a\t\tc\n") == [["a", "", "c"]]
