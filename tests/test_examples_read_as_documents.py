"""The example package reads as a real document: no sample-data notes, no invented contacts (a gap instead)."""

from __future__ import annotations

import shutil
from pathlib import Path

from cwd_docs import build, validate
from cwd_docs.package.build import build_package
from conftest import docx_text, normalise_spaces

ROOT = Path(__file__).resolve().parent.parent


def test_no_document_of_the_examples_says_its_data_are_samples(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    result = build_package(tmp_path / "examples" / "walcz", tmp_path / "out")
    texts = {path.name: normalise_spaces(docx_text(path)) for path in result.docx}
    for kind, file in (("strategy_zit", "zit/strategia-zit.yaml"), ("strategy_iit", "iit/strategia-iit.yaml")):
        built = build(kind, tmp_path / "examples" / file, output=tmp_path / f"{kind}.docx").docx
        texts[kind] = normalise_spaces(docx_text(built))
    assert len(texts) == 9
    for name, text in texts.items():
        lowered = text.lower()
        assert "przykładow" not in lowered and "example." not in lowered and "000 00 00" not in text, name


def test_a_contact_without_e_mail_and_telephone_is_a_located_gap_marked_in_the_outline(example, tmp_path):
    project = example.folder / "projekt-p02.yaml"
    line = example.line_of("  contact:", project) + 1
    [problem] = [p for p in validate("application_outline", project).problems if p.code == "contact.missing"]
    assert (problem.dotted_path, problem.line, problem.gap) == ("application.contact", line, True)
    assert "adres e-mail i telefon" in problem.message and "email i phone" in problem.message
    text = normalise_spaces(docx_text(build("application_outline", project, output=tmp_path / "z.docx").docx))
    assert "[DO UZUPEŁNIENIA: adres e-mail osoby do kontaktu], [DO UZUPEŁNIENIA: telefon osoby do kontaktu]" in text
    example.edit("    institution: Urząd Miasta i Gminy Człopa\n", "    institution: Urząd Miasta i Gminy Człopa\n"
                 "    email: kontakt@urzad.test\n    phone: \"11 111 11 11\"\n", file=project)
    assert not [p for p in validate("application_outline", project).problems if p.code.startswith("contact.")]
    text = normalise_spaces(docx_text(build("application_outline", project, output=tmp_path / "z2.docx").docx))
    assert "kontakt@urzad.test, 11 111 11 11" in text
