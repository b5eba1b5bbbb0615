"""HWPX (한글) documents: ``render`` draws a ``documents`` description with python-hwpx."""
