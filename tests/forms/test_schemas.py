"""Form schemas: every bundled schema loads with the contract's fields; bad files are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.plan.rule_files import RuleFileError
from casework.plan.schema import load_schemas
from tests.support.rules import BUNDLED_RULES

CONTRACT = {
    "prior_auth_request": "member_name member_id member_dob member_phone requesting_provider_name "
    "requesting_provider_npi requesting_provider_phone requesting_provider_fax "
    "servicing_provider_name servicing_provider_npi diagnosis_codes procedure_codes "
    "service_start_date service_end_date units urgency clinical_justification",
    "grievance_form": "member_name member_id member_dob member_phone member_address "
    "preferred_language filed_by representative_name incident_date description "
    "desired_resolution expedited signature_date",
    "appeal_request": "member_name member_id member_dob member_phone authorization_number "
    "denied_service reason expedited signature_date",
    "nemt_request": "member_name member_id member_dob pickup_address destination_name "
    "destination_address appointment_date appointment_time transport_mode round_trip "
    "prescriber_name prescriber_npi medical_justification expedited",
    "sfh_notice": "member_name member_id hearing_number hearing_date hearing_time issue "
    "expedited",
    "care_coordination_referral": "member_name member_id member_dob member_phone "
    "referral_source_name referral_source_phone program reason urgency",
    "fax_cover": "sender_name sender_fax pages",
}


def test_every_form_has_exactly_the_contract_fields() -> None:
    schemas = BUNDLED_RULES.schemas
    assert set(schemas) == set(CONTRACT)
    for form_type, names in CONTRACT.items():
        assert [f.name for f in schemas[form_type].fields] == names.split()


def test_choices_offer_the_contract_values() -> None:
    schemas = BUNDLED_RULES.schemas
    modes = dict(schemas["nemt_request"].field("transport_mode").options)
    assert set(modes) == {"ambulance", "litter_van", "wheelchair_van", "gurney", "air"}
    programs = dict(schemas["care_coordination_referral"].field("program").options)
    assert set(programs) == {"complex_case_management", "cbas", "health_education",
                             "behavioral_health", "ecm", "cs", "other"}
    # A provider's own grievance gets the provider's letters (letter_kinds.yaml filed_by).
    assert set(dict(schemas["grievance_form"].field("filed_by").options)) == {
        "member", "representative", "provider"}


def test_labels_include_real_wordings_in_both_languages() -> None:
    labels = BUNDLED_RULES.schemas["prior_auth_request"].field("member_name").labels
    for wording in ("Patient Name", "Member Name", "Recipient Name", "Name of Member",
                    "Nombre del Miembro"):
        assert wording in labels
    justification = BUNDLED_RULES.schemas["prior_auth_request"].field("clinical_justification")
    assert justification.required_when == (("urgency", "expedited"),)


def _folder_with(tmp_path: Path, name: str, text: str) -> Path:
    for schema in BUNDLED_RULES.schemas.values():
        source = Path(schema.source)
        (tmp_path / source.name).write_text(source.read_text("utf-8"), "utf-8")
    common = Path(BUNDLED_RULES.schemas["fax_cover"].source).with_name("common.yaml")
    (tmp_path / "common.yaml").write_text(common.read_text("utf-8"), "utf-8")
    (tmp_path / name).write_text(text, "utf-8")
    return tmp_path


def test_a_copy_of_the_bundled_folder_loads(tmp_path: Path) -> None:
    assert set(load_schemas(_folder_with(tmp_path, "common.yaml", Path(
        BUNDLED_RULES.schemas["fax_cover"].source).with_name("common.yaml").read_text("utf-8")))) \
        == set(CONTRACT)


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("form: broken\nfields:\n  a: {type: text, labels: [A]\n", 4, "not valid YAML"),
    ("form: broken\nfields:\n  a:\n    type: txt\n    labels: [A]\n", 4, "'type' is 'txt'"),
    ("form: broken\nfields:\n  a:\n    type: text\n    colour: red\n    labels: [A]\n", 5,
     "unknown setting 'colour'"),
    ("form: broken\nfields:\n  a:\n    type: date\n    not_before: b\n    labels: [A]\n", 3,
     "refers to 'b'"),
    ("form: broken\nfields:\n  a:\n    type: choice\n    labels: [A]\n", 4, "lists no 'options'"),
])
def test_a_broken_schema_names_its_file_and_line(tmp_path: Path, text: str, line: int,
                                                 reason: str) -> None:
    folder = _folder_with(tmp_path, "zz_broken.yaml", text)
    with pytest.raises(RuleFileError) as raised:
        load_schemas(folder)
    assert raised.value.source.endswith("zz_broken.yaml")
    assert raised.value.line == line
    assert reason in raised.value.reason
    assert f"zz_broken.yaml, line {line}" in str(raised.value)
