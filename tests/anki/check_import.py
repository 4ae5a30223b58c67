#!/usr/bin/env python3
"""Import a `studydeck export --format anki-txt` file into a fresh Anki collection with
Anki's own importer (the `anki` package from PyPI) and check what Anki made of it.

    check_import.py EXPORT.txt EXPECTED.json

EXPECTED.json is a list of {"guid", "deck", "front", "back", "tags"}, one per card, written by
tests/anki_import.rs from the same decks. Checks: one note per card, the fields, deck, tags
and guid of every note; importing the same file again adds nothing; importing a file with
one changed field updates that note in place. Prints one JSON line of figures; exits 1 with
the reasons on any failure, 2 when the anki package is missing.
"""

import json
import os
import sys
import tempfile
import unicodedata

try:
    from anki.collection import Collection
    from anki.import_export_pb2 import ImportCsvRequest
except ImportError as e:  # the Rust test checks for the package before running this
    print(f"the anki package is not installed: {e}", file=sys.stderr)
    sys.exit(2)


def nfc(s):
    # Anki stores note text in Unicode NFC.
    return unicodedata.normalize("NFC", s)


def import_file(col, path):
    metadata = col.get_csv_metadata(path, None)
    log = col.import_csv(ImportCsvRequest(path=path, metadata=metadata)).log
    return metadata, log


def main():
    export_path, expected_path = sys.argv[1], sys.argv[2]
    with open(expected_path, encoding="utf-8") as f:
        expected = json.load(f)
    problems = []

    def check(ok, message):
        if not ok:
            problems.append(message)

    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "collection.anki2"))
        try:
            metadata, log = import_file(col, export_path)
            check(metadata.guid_column == 1, f"guid column read as {metadata.guid_column}")
            check(metadata.is_html, "fields not read as HTML")
            check(metadata.tags_column == 5, f"tags column read as {metadata.tags_column}")
            check(metadata.WhichOneof("deck") == "deck_column", "no deck column")
            check(metadata.deck_column == 2, f"deck column read as {metadata.deck_column}")
            check(len(log.new) == len(expected), f"{len(log.new)} new notes, expected {len(expected)}")
            check(col.note_count() == len(expected), f"{col.note_count()} notes, expected {len(expected)}")
            for what in ("updated", "duplicate", "conflicting", "first_field_match",
                         "missing_notetype", "missing_deck", "empty_first_field"):
                check(len(getattr(log, what)) == 0, f"first import: {len(getattr(log, what))} {what}")

            checked = 0
            for want in expected:
                nid = col.db.scalar("select id from notes where guid = ?", want["guid"])
                if nid is None:
                    problems.append(f"no note with guid {want['guid']}")
                    continue
                note = col.get_note(nid)
                fields = list(note.fields)
                check(fields == [nfc(want["front"]), nfc(want["back"])],
                      f"{want['guid']}: fields {fields!r} != {[want['front'], want['back']]!r}")
                check(sorted(note.tags) == sorted(want["tags"]),
                      f"{want['guid']}: tags {note.tags} != {want['tags']}")
                decks = {col.decks.name(card.did) for card in note.cards()}
                check(decks == {want["deck"]}, f"{want['guid']}: decks {decks} != {want['deck']}")
                check(note.note_type()["type"] == 0, f"{want['guid']}: not a standard note type")
                check(len(note.cards()) == 1, f"{want['guid']}: {len(note.cards())} cards")
                checked += 1

            # The same file again: nothing new, nothing changed.
            _, again = import_file(col, export_path)
            check(col.note_count() == len(expected), f"re-import: {col.note_count()} notes")
            check(len(again.new) == 0, f"re-import added {len(again.new)} notes")
            check(len(again.duplicate) == len(expected),
                  f"re-import: {len(again.duplicate)} unchanged, expected {len(expected)}")

            # A newer export with one changed back: the note is updated, not duplicated.
            with open(export_path, encoding="utf-8") as f:
                lines = f.read().split("\n")
            first = next(i for i, l in enumerate(lines) if l and not l.startswith("#"))
            cols = lines[first].split("\t")
            cols[3] = "<div>changed back</div>"
            lines[first] = "\t".join(cols)
            changed_path = os.path.join(tmp, "changed.txt")
            with open(changed_path, "w", encoding="utf-8") as f:
                f.write("\n".join(lines))
            _, update = import_file(col, changed_path)
            guid = cols[0].strip('"')
            nid = col.db.scalar("select id from notes where guid = ?", guid)
            check(col.note_count() == len(expected), f"update: {col.note_count()} notes")
            check(len(update.updated) == 1, f"update: {len(update.updated)} notes updated, expected 1")
            check(nid is not None and col.get_note(nid).fields[1] == "<div>changed back</div>",
                  "update: the changed back was not applied")
            summary = {
                "notes": col.note_count(),
                "checked": checked,
                "reimport_new": len(again.new),
                "reimport_unchanged": len(again.duplicate),
                "updated": len(update.updated),
            }
        finally:
            col.close()

    print(json.dumps(summary))
    if problems:
        for p in problems[:40]:
            print("problem:", p, file=sys.stderr)
        print(f"{len(problems)} problem(s)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
