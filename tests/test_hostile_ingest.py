"""Hostile inputs at ingest: each refusal named, good parts kept; fuzzed readers, cleaners, splitters."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.ingest.files import Failure, decode_bytes, iter_raw_articles, read_jsonl_lines
from lagebild.limits import MAX_JSON_DEPTH, MAX_SENTENCE_CHARS, MAX_WORD_CHARS
from lagebild.models import RawArticle
from lagebild.pipeline import prepare_article
from lagebild.text.clean import clean_lines
from lagebild.text.sentences import split_sentences

GOOD = "Der Stadtrat von Elmtal hat am Mittwoch den Haushalt beschlossen. Die Opposition stimmte dagegen."


def _all(inputs, **kw):
    items = list(iter_raw_articles(inputs, **kw))
    arts = [i for i in items if isinstance(i, RawArticle)]
    fails = {f.source.rsplit("/", 1)[-1]: f for f in items if isinstance(f, Failure)}
    return arts, fails


def test_deep_json_is_refused_by_name_and_the_rest_goes_on(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 5000, "utf-8")
    (tmp_path / "deepobj.json").write_text('{"a":' * 1500 + "1" + "}" * 1500, "utf-8")
    (tmp_path / "nested.json").write_text(json.dumps({"text": GOOD, "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}), "utf-8")
    (tmp_path / "good.txt").write_text(GOOD, "utf-8")
    arts, fails = _all([tmp_path])
    assert [a.id for a in arts] == ["good"]
    for name in ("deep.json", "deepobj.json", "nested.json"):
        assert "nested too deeply" in fails[name].reason
    assert str(MAX_JSON_DEPTH) in fails["nested.json"].reason


def test_jsonl_keeps_good_lines_around_nul_and_deep_lines(tmp_path):
    lines = [json.dumps({"id": "a", "text": GOOD}), "\x00" * 8, "[" * 3000, "{broken", json.dumps({"id": "b", "text": GOOD})]
    (tmp_path / "mixed.jsonl").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    arts, fails = _all([tmp_path / "mixed.jsonl"])
    assert [a.id for a in arts] == ["a", "b"]
    assert set(fails) == {"mixed.jsonl:2", "mixed.jsonl:3", "mixed.jsonl:4"}
    assert "line 2" in fails["mixed.jsonl:2"].reason and "NUL" in fails["mixed.jsonl:2"].reason
    assert "line 3" in fails["mixed.jsonl:3"].reason


def test_empty_list_and_letterless_junk_are_named(tmp_path):
    (tmp_path / "leer.json").write_text("[]", "utf-8")
    (tmp_path / "klammern.txt").write_text("{{{{{{{{", "utf-8")
    (tmp_path / "ziffern.txt").write_text("123 456 789 ... !!!", "utf-8")
    (tmp_path / "emoji.txt").write_text("😀🔥💥 " * 20, "utf-8")
    (tmp_path / "obj.json").write_text(json.dumps({"text": "[[[ ]]] {{ }}"}), "utf-8")
    arts, fails = _all([tmp_path])
    assert arts == []
    assert "empty list" in fails["leer.json"].reason
    for name in ("klammern.txt", "ziffern.txt", "emoji.txt", "obj.json"):
        assert fails[name].reason.startswith("no text"), fails[name]


def test_lone_surrogates_are_replaced_and_named_as_a_warning(tmp_path):
    (tmp_path / "sur.json").write_text('{"id": "s", "title": "T\\udc00", "text": "' + GOOD + ' \\ud800"}', "utf-8")
    arts, fails = _all([tmp_path / "sur.json"])
    assert arts[0].text.endswith("\ufffd") and arts[0].title == "T\ufffd"
    arts[0].text.encode("utf-8")  # writable everywhere now
    f = fails["sur.json"]
    assert f.severity == "warning" and not f.fatal and "surrogate" in f.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le"])
def test_utf16_and_utf32_are_decoded_with_or_without_a_mark(tmp_path, encoding):
    (tmp_path / "wide.txt").write_bytes(GOOD.encode(encoding))
    arts, fails = _all([tmp_path / "wide.txt"])
    assert not fails and arts[0].text == GOOD


def test_broken_utf16_is_refused_by_name():
    data = "\ufeffAbc".encode("utf-16-le") + b"\x00\xd8"  # a high surrogate with no partner, at the end
    with pytest.raises(ValueError, match="UTF-16"):
        decode_bytes(data)


def test_binary_is_still_binary():
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x00\x01\x02PNG\x00" * 50)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlinks_are_named_and_not_followed_out_of_the_folder(tmp_path):
    inside = tmp_path / "in"
    inside.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD, "utf-8")
    (inside / "good.txt").write_text(GOOD, "utf-8")
    (inside / "dangling.txt").symlink_to(inside / "missing.txt")
    (inside / "loop_a.txt").symlink_to(inside / "loop_b.txt")
    (inside / "loop_b.txt").symlink_to(inside / "loop_a.txt")
    (inside / "passwd.txt").symlink_to("/etc/passwd")
    (inside / "escape.txt").symlink_to(outside)
    (inside / "same.txt").symlink_to(inside / "good.txt")  # inside the folder: read
    (inside / "sub").symlink_to(tmp_path)  # a folder link out of the input: not descended
    arts, fails = _all([inside])
    assert sorted(a.id for a in arts) == ["good", "same"]
    assert "dangling symlink" in fails["dangling.txt"].reason
    assert "loop" in fails["loop_a.txt"].reason and "loop" in fails["loop_b.txt"].reason
    for name in ("passwd.txt", "escape.txt", "sub"):
        assert "outside the input folder" in fails[name].reason and "--follow-symlinks" in fails[name].reason
    arts, fails = _all([inside], follow_symlinks=True)
    assert {"escape", "good", "same"} <= {a.id for a in arts}
    assert "dangling.txt" in fails and "loop_a.txt" in fails
    # a symlink given by name is read (the user chose it); a dangling one is named
    arts, fails = _all([inside / "escape.txt", inside / "dangling.txt"])
    assert [a.id for a in arts] == ["escape"] and "dangling" in fails["dangling.txt"].reason


def test_tag_bomb_and_deep_html_are_refused_with_the_limit_named():
    bomb = prepare_article(RawArticle(id="bomb", html="<p>a</p>" * 60_000))
    assert bomb.status == "failed" and "elements" in (bomb.reason or "")
    deep = prepare_article(RawArticle(id="deep", html="<div>" * 3000 + "tief" + "</div>" * 3000))
    assert deep.status == "failed" and "nested too deeply" in (deep.reason or "")


def test_long_words_and_sentences_are_cut_and_the_cut_recorded():
    art = prepare_article(RawArticle(id="x", text=GOOD + " " + "a" * 5000 + "\n" + ("wort " * 2000).strip()))
    assert art.status == "ok"
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in art.sentences)
    assert all(len(w) <= MAX_WORD_CHARS for w in art.text.split())
    assert any("word longer than" in r.why for r in art.removed)
    for s in art.sentences:
        assert art.text[s.start : s.end] == s.text


def test_too_many_sentences_are_cut_and_recorded():
    from lagebild.limits import MAX_SENTENCES

    art = prepare_article(RawArticle(id="x", text="\n".join(f"Satz Nummer {i} steht hier." for i in range(MAX_SENTENCES + 50))))
    assert art.status == "ok" and len(art.sentences) == MAX_SENTENCES
    assert any(f"{MAX_SENTENCES:,} sentences" in r.why for r in art.removed)
    assert art.text.endswith(art.sentences[-1].text)


# --- fuzzing: readers, cleaners and splitters never raise and keep their promises ----------

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=600))
def test_fuzz_decode_bytes_gives_text_or_a_named_refusal(data):
    try:
        text, enc = decode_bytes(data)
    except ValueError as e:
        assert str(e)
    else:
        assert isinstance(text, str) and enc


@FUZZ
@given(st.lists(st.one_of(st.text(max_size=80), st.just("[" * 200), st.builds(lambda t: json.dumps({"text": t}), st.text(max_size=60))), max_size=8))
def test_fuzz_jsonl_lines_never_raise(lines):
    for item in read_jsonl_lines(lines, "fuzz.jsonl"):
        assert isinstance(item, (RawArticle, Failure))
        if isinstance(item, RawArticle):
            (item.text or item.html or "").encode("utf-8")


@FUZZ
@given(st.binary(max_size=400), st.sampled_from([".txt", ".json", ".jsonl", ".html"]))
def test_fuzz_files_never_raise(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / f"f{suffix}").write_bytes(data)
    for item in iter_raw_articles([folder]):
        assert isinstance(item, (RawArticle, Failure))


@FUZZ
@given(st.text(max_size=400))
def test_fuzz_cleaning_is_idempotent_and_never_raises(text):
    once = clean_lines(text)
    twice = clean_lines("\n".join(once.lines))
    assert twice.lines == once.lines


@FUZZ
@given(st.lists(st.sampled_from([*"ab. ?!…„“\"'\n)]A1:-", "Dr.", "z. B.", " U.S. ", "Sie "]), max_size=120).map("".join), st.sampled_from(["de", "en", "es", None]))
def test_fuzz_sentences_point_at_their_text(text, lang):
    for s in split_sentences(text, lang):
        assert text[s.start : s.end] == s.text and s.text.strip() == s.text and s.text


@FUZZ
@given(st.text(max_size=300))
def test_fuzz_prepare_article_never_raises(text):
    art = prepare_article(RawArticle(id="f", text=text or " "))
    assert art.status in ("ok", "failed")
    if art.status == "ok":
        for s in art.sentences:
            assert art.text[s.start : s.end] == s.text
