"""test_docs: every example of docs/python.md runs and prints what the page says it prints."""
from conftest import SOURCE
from docs_examples import blocks, run


def test_walkthrough_prints_what_the_page_shows(parley):
    assert len(blocks(SOURCE)) >= 10
    problems = run(SOURCE)
    assert not problems, "\n".join(problems)
