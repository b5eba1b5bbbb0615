"""Menu actions grouped by menu: 파일, 문서, 가져오기/내보내기."""
