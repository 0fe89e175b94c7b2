"""The checklist plugin through its entry point, with the fixtures cwd_docs gives plugin authors."""


def test_template_matches_schema(cwd_docs_check):
    assert cwd_docs_check("checklist") == []


def test_example_builds_with_positive_decision(cwd_docs_build_example):
    text = cwd_docs_build_example("checklist")
    assert "Spełnione kryteria formalne: 8 z\u00a08." in text  # the one-letter word glued to the number
    assert "jest rekomendowane do objęcia wsparciem CWD" in text
