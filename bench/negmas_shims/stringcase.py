"""stringcase.py: a stand-in for the small `stringcase` package (not packaged by
Debian, and PyPI is out of reach here) with the functions NegMAS imports, so
bench_negmas.py can load NegMAS. Only used when the real package is missing."""
import re


def _words(text):
    return [w for w in re.split(r"[_\-\s.]+|(?<=[a-z0-9])(?=[A-Z])", str(text)) if w]


def snakecase(text):
    return "_".join(w.lower() for w in _words(text))


def camelcase(text):
    words = _words(text)
    return words[0][:1].lower() + words[0][1:] + "".join(w[:1].upper() + w[1:] for w in words[1:]) if words else ""


def pascalcase(text):
    return "".join(w[:1].upper() + w[1:] for w in _words(text))


def titlecase(text):
    return " ".join(w[:1].upper() + w[1:] for w in _words(text))
