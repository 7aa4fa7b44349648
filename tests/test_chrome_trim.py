"""The theme's indentation and blank lines dropped around a page's content (builder.chrome.trim_chrome)."""

from __future__ import annotations

import random
import re

from builder.chrome import _squeeze, trim_chrome


def _by_expressions(html: str) -> str:
    """What the chrome's blanks became before: two regular expressions, one after the other."""
    return re.sub(r"\n\s+", "\n", re.sub(r"[ \t]+\n", "\n", html))


def test_the_chrome_is_squeezed_as_the_two_expressions_squeeze_it():
    rng = random.Random(7)
    alphabet = "ab  \t\t\n\n\r\v\f\xa0\x1c\x85\u2028\u3000"
    samples = ["", "\n", "a", " \n", "a  \n  b\n\n\n   c  ", "x\n \r\n y", "a\n   ", "  \n\t\n"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(40))) for _ in range(20_000)]
    for sample in samples:
        assert _squeeze(sample) == _by_expressions(sample), repr(sample)


def test_the_content_is_left_as_it_is_and_the_chrome_loses_its_indentation():
    page = ("<html>\n  <head>\n\n    <title>t</title>  \n  </head>\n  <body>\n"
            "    <article class=\"md-content\">\n  <pre>  kept\n\n   as is</pre>\n    </article>\n"
            "    <footer>\n\n      f\n    </footer>\n  </body>\n</html>\n")
    assert trim_chrome(page) == ("<html>\n<head>\n<title>t</title>\n</head>\n<body>\n"
                                 "<article class=\"md-content\">\n  <pre>  kept\n\n   as is</pre>\n    </article>\n"
                                 "<footer>\nf\n</footer>\n</body>\n</html>\n")


def test_a_page_with_verbatim_text_in_its_chrome_is_left_whole():
    page = "<html>\n  <body>\n  <pre> x\n\n  y</pre>\n  <article>a</article>\n  </body>\n</html>"
    assert trim_chrome(page) == page
    assert trim_chrome("  no article\n\n  here") == "  no article\n\n  here"
