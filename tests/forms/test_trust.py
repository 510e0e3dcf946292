"""Which readings are trusted: the trust model as a plan rule, and its calibration holding on
development documents it was not fitted on."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bench.reading.corpus import FORM_TYPES, make_document, plan
from bench.reading.families import FAMILIES
from bench.reading.scoring import same
from casework.forms.analysis import analyze
from casework.forms.results import Evidence, ExtractedField, Problem
from casework.forms.trust import assess
from casework.forms.wording import wording_for
from casework.plan.rule_files import RuleFileError
from casework.plan.trust_model import parse_trust_model
from ocr import ReadSettings, read_document
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)
FRESH_SEED = 900  # neither the benchmark (0..) nor the calibration (100..) draws this seed


def test_a_bad_trust_file_is_refused_with_its_line() -> None:
    # leak-check: not a label (the trust file's own keys)
    too_high = "version: 1\nbias: 0\nthreshold: 1.5\nweights: {}\n"  # leak-check: not a label
    with pytest.raises(RuleFileError, match=r"trust.yaml, line 3: .* probability between"):
        parse_trust_model(too_high, "trust.yaml")
    not_a_number = "version: 1\nbias: 0\nthreshold: 0.9\nweights:\n  read: high\n"  # leak-check: not a label
    with pytest.raises(RuleFileError, match="'read' must be a number"):
        parse_trust_model(not_a_number, "trust.yaml")


def test_a_bad_bucket_count_is_refused_with_its_line() -> None:
    more_right_than_seen = ("version: 1\nbias: 0\nthreshold: 0.9\nweights: {}\n"  # leak-check: not a label
                            "buckets:\n  \"text|exact|inline|npi|ocr95\": [3, 5]\n")
    with pytest.raises(RuleFileError, match=r"line 6: .* must be \[fields seen, of them right\]"):
        parse_trust_model(more_right_than_seen, "trust.yaml")


def test_the_record_of_fields_like_it_moves_a_fields_confidence() -> None:
    """GIVEN a model whose logistic part says 0.9 for any field, WHEN a field's kind of
    evidence was always read right (400 of 400) THEN it is trusted; when that kind was often
    wrong (60 of 100) it is not; a kind never seen keeps the logistic estimate."""
    text = ("version: 1\nbias: 2.1972\nthreshold: 0.99\nprior_weight: 10\nweights: {}\n"  # leak-check: not a label
            "buckets:\n  \"text|exact|inline|npi|ocr95\": [400, 400]\n"
            "  \"text|exact|inline|name|ocr95\": [100, 60]\n")
    model = parse_trust_model(text, "trust.yaml")
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    sure = Evidence("text", "exact", "inline", 1.0, 0, 1.0)
    fields = {"requesting_provider_npi": ExtractedField("1234567893", 1.0, 1, None, "", sure),
              "requesting_provider_name": ExtractedField("Dr. Ana Ruiz", 1.0, 1, None, "", sure),
              "servicing_provider_npi": ExtractedField("1234567893", 1.0, 1, None, "",
                                                       Evidence("scan", "exact", "below", 1.0))}
    assessed = assess(fields, schema, [], model, wording_for(BUNDLED_RULES))
    assert assessed["requesting_provider_npi"].confidence > 0.99
    assert not assessed["requesting_provider_npi"].needs_review
    assert assessed["requesting_provider_name"].confidence < 0.7
    assert assessed["requesting_provider_name"].needs_review
    assert assessed["servicing_provider_npi"].confidence == pytest.approx(0.9, abs=1e-3)


def test_a_field_with_a_problem_is_reviewed_whatever_its_evidence() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    sure = Evidence("text", "exact", "inline", 1.0, 0, 1.0)
    fields = {"requesting_provider_npi": ExtractedField("1234567893", 1.0, 1, None, "", sure),
              "member_id": ExtractedField("91234567A", 1.0, 1, None, "", sure)}
    problems = [Problem("member_id", "invalid", "The member ID is not valid.")]
    assessed = assess(fields, schema, problems, BUNDLED_RULES.trust,
                      wording_for(BUNDLED_RULES))
    assert assessed["member_id"].needs_review
    typed = assess({"member_id": ExtractedField("91234567A", 1.0, None, None, "")}, schema, [],
                   BUNDLED_RULES.trust, wording_for(BUNDLED_RULES))
    assert not typed["member_id"].needs_review  # a value a person typed is theirs to vouch for


def test_weaker_evidence_never_earns_more_trust() -> None:
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    model, wording = BUNDLED_RULES.trust, wording_for(BUNDLED_RULES)

    def confidence(evidence: Evidence) -> float:
        field = ExtractedField("1234567893", evidence.read, 1, None, "", evidence)
        return assess({"requesting_provider_npi": field}, schema, [], model,
                      wording)["requesting_provider_npi"].confidence

    clear = Evidence("text", "exact", "inline", 1.0, 0, 1.0)
    assert confidence(Evidence("text", "exact", "inline", 1.0, 0, 0.6)) <= confidence(clear)
    assert confidence(Evidence("fax", "exact", "inline", 0.4, 0, 0.4)) <= confidence(clear)


@pytest.mark.slow
def test_on_fresh_development_forms_trusted_fields_are_right(tmp_path: Path) -> None:
    """GIVEN development-wording forms from a seed calibration never saw, born digital
    WHEN they are read THEN at least 99.5% of the fields not sent to review are right."""
    trusted = right = reported = 0
    for form_type in FORM_TYPES:
        for family in list(FAMILIES)[::3]:
            spanish, cover, omit = plan(form_type, family, FRESH_SEED)
            document = make_document(form_type, family, FRESH_SEED, "development",
                                     spanish=spanish, cover=cover, omit=omit)
            path = tmp_path / f"{document.truth.name}.pdf"
            path.write_bytes(document.pdf)
            analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
            schema = BUNDLED_RULES.schemas[form_type]
            for name, field in analysis.fields.items():
                reported += 1
                if field.needs_review:
                    continue
                trusted += 1
                want = document.truth.fields.get(name)
                right += want is not None and same(schema.field(name).type, field.value, want)
    assert reported > 100
    assert trusted > 0, "the trust model lets nothing through: it is no longer calibrated"
    assert right >= 0.995 * trusted, f"{trusted - right} of {trusted} trusted fields are wrong"


def _trusting_model(unsure_record: tuple[int, int] = (400, 400)):  # type: ignore[no-untyped-def]
    """A model that would trust any field of perfect record (logistic 0.9, table 400/400);
    scanned NPIs read with a word at 85-95% have `unsure_record`."""
    seen, right = unsure_record
    text = ("version: 1\nbias: 2.1972\nthreshold: 0.99\nweights: {}\n"  # leak-check: not a label
            "buckets:\n  \"scan|exact|inline|npi|ocr95\": [400, 400]\n"
            f"  \"scan|exact|inline|npi|ocr85\": [{seen}, {right}]\n"
            "  \"text|exact|inline|npi|ocr95\": [400, 400]\n")
    return parse_trust_model(text, "trust.yaml")


def test_a_value_ocr_was_unsure_of_is_checked_unless_its_record_says_otherwise() -> None:
    """GIVEN scanned NPIs whose least sure digit OCR gave 0.99, 0.9 and 0.8, WHEN assessed,
    THEN the 0.8 one is always checked, though fields with the same evidence were always
    right; the 0.9 one is trusted only where NPIs read as unsurely were always right."""
    schema = BUNDLED_RULES.schemas["prior_auth_request"]

    def scanned(ocr: float) -> ExtractedField:
        return ExtractedField("1234567893", ocr, 1, None, "",
                              Evidence("scan", "exact", "inline", ocr, 0, ocr))

    def reviewed(field: ExtractedField, record: tuple[int, int] = (400, 400)) -> bool:
        assessed = assess({"requesting_provider_npi": field}, schema, [],
                          _trusting_model(record), wording_for(BUNDLED_RULES))
        return assessed["requesting_provider_npi"].needs_review

    assert not reviewed(scanned(0.99))
    assert not reviewed(scanned(0.9))
    assert reviewed(scanned(0.9), record=(400, 380))
    assert reviewed(scanned(0.8))


def test_a_field_alone_on_a_page_away_from_the_form_is_checked() -> None:
    """GIVEN four fields read on page 2 and a fax number read alone on page 1 (a cover sheet
    nobody recognised), WHEN assessed, THEN the page-1 value is checked, the others are not."""
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    evidence = Evidence("text", "exact", "inline", 1.0, 0, 1.0)
    fields = {name: ExtractedField("1234567893", 1.0, 2, None, "", evidence)
              for name in ("requesting_provider_npi", "servicing_provider_npi")}
    fields.update({name: ExtractedField("2026-11-02", 1.0, 2, None, "", evidence)
                   for name in ("service_start_date", "service_end_date")})
    fields["requesting_provider_fax"] = ExtractedField("5595550100", 1.0, 1, None, "", evidence)
    assessed = assess(fields, schema, [], _trusting_model(), wording_for(BUNDLED_RULES))
    assert assessed["requesting_provider_fax"].needs_review
    assert not assessed["requesting_provider_npi"].needs_review


def test_a_value_running_to_the_page_edge_is_checked() -> None:
    """GIVEN two NPIs with the same perfect record, one running to the page's edge (a scan's
    crop may have cut its rest), WHEN assessed, THEN only that one is checked."""
    schema = BUNDLED_RULES.schemas["prior_auth_request"]
    for clipped in (False, True):
        evidence = Evidence("text", "exact", "inline", 1.0, 0, 1.0, clipped=clipped)
        field = ExtractedField("1234567893", 1.0, 1, None, "", evidence)
        assessed = assess({"requesting_provider_npi": field}, schema, [], _trusting_model(),
                          wording_for(BUNDLED_RULES))
        assert assessed["requesting_provider_npi"].needs_review is clipped
