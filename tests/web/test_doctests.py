"""The examples in the web modules' docstrings run as tests."""

import doctest

import pytest

from fazhi.web import evidence, links


@pytest.mark.parametrize("module", [links, evidence])
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
