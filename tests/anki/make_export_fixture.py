#!/usr/bin/env python3
"""Make tests/import/anki-real-export.txt: a genuine Anki "Notes in Plain Text" export,
written by Anki's own exporter (the `anki` package from PyPI) from a fresh collection with
Basic, reversed and Cloze notes, HTML, Arabic, tags and subdecks.

    python3 tests/anki/make_export_fixture.py tests/import/anki-real-export.txt
"""

import os
import sys
import tempfile

from anki.collection import Collection, DeckIdLimit


def main():
    out = sys.argv[1]
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "collection.anki2"))
        parent = col.decks.id("Diplomacy")
        week1 = col.decks.id("Diplomacy::Week 1")
        week2 = col.decks.id("Diplomacy::Week 2")
        basic = col.models.by_name("Basic")
        reversed_ = col.models.by_name("Basic (and reversed card)")
        cloze = col.models.by_name("Cloze")

        def add(model, deck, fields, tags):
            note = col.new_note(model)
            for i, value in enumerate(fields):
                note.fields[i] = value
            note.tags = tags
            col.add_note(note, deck)

        add(basic, week1, ["Digital diplomacy",
                           "The use of the internet and new technologies to reach diplomatic goals."],
            ["week1", "definitions"])
        add(basic, week1, ["<b>Public diplomacy</b>",
                           "Speaking to foreign publics&nbsp;directly.<br>Also: <i>people-to-people</i>."],
            ["week1"])
        add(reversed_, week1, ["Digital diplomacy<br>الدبلوماسية الرقمية",
                               "Diplomacy through the internet<br>الدبلوماسية عبر الإنترنت"],
            ["week1", "bilingual"])
        add(basic, week2, ["سفارة افتراضية", "سفارة تعمل في عالم افتراضي مثل Second Life."],
            ["week2"])
        add(cloze, week2, ["The Vienna Convention was signed in {{c1::1961}} in {{c2::Vienna::a city}}.",
                           "Article 3 lists a mission's functions."],
            ["week2", "dates"])
        add(basic, week2, ["Twiplomacy", "Diplomacy on Twitter, with a tab\there and \"quotes\"."],
            ["week2"])
        add(basic, week2, ["Embassy map", '<img src="map.png">'], ["week2", "media"])
        col.export_note_csv(out_path=out, limit=DeckIdLimit(parent), with_html=True,
                            with_tags=True, with_deck=True, with_notetype=True, with_guid=True)
        col.close()


if __name__ == "__main__":
    main()
